/**
 * What the publish review says before anything is sent: the changes against the live config,
 * the live tags the publish would delete (said plainly, and named on the button), whether the
 * drafts stand on an older revision than the live one, and what still blocks publishing (no
 * change, no message). Pure: the dialog renders it, the unit tests check it.
 */
import type { TagConfig } from '../config';
import { carrySiteSettings, describeSiteSettings } from './carry';
import { diffConfigs, type ConfigDiff } from './diff';

/** Input of `reviewPublish`. */
export interface PublishReviewInput {
  /** The live config; null when nothing is published yet. */
  live: TagConfig | null;
  draft: TagConfig;
  /** The live revision the drafts stand on (SiteDrafts' `basedOn`), if they ever met the registry. */
  basedOn?: number;
  /** The message typed so far. */
  message: string;
}

/** The review of one publish. */
export interface PublishReview {
  diff: ConfigDiff;
  /** "This removes 2 live tags: “Product Added”, “Signed Up”. They stop firing on the site." */
  removesText?: string;
  /**
   * When the drafts stand on an older revision than the live one (or on none while tags are
   * live): what that means for the diff, so tags published since are not deleted unseen.
   */
  staleText?: string;
  /** Why the Publish button is disabled, in order; empty when it may be pressed. */
  blockers: string[];
  /** The Publish button's words ("Publish", "Publish and remove 2 live tags"). */
  action: string;
  /** What is sent: the draft with the live config's site settings it lacks (carry.ts). */
  config: TagConfig;
  /** What those settings do ("Tag health reports from 10% of page views…"), when there are any. */
  settingsText?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const names = (events: string[]) => events.slice(0, 5).map((e) => `“${e}”`).join(', ') + (events.length > 5 ? `, and ${events.length - 5} more` : '');

/** Reviews a publish of `draft` over `live`. */
export function reviewPublish(input: PublishReviewInput): PublishReview {
  const diff = diffConfigs(input.live, input.draft);
  const removed = diff.removed.length;
  const config = carrySiteSettings(input.draft, input.live);
  const review: PublishReview = { diff, blockers: [], action: removed > 0 ? `Publish and remove ${plural(removed, 'live tag')}` : 'Publish', config };
  const settingsText = describeSiteSettings(config);
  if (settingsText) review.settingsText = settingsText;
  if (removed > 0) review.removesText = `This removes ${plural(removed, 'live tag')}: ${names(diff.removed.map((t) => t.event))}. They stop firing on the site.`;
  const live = input.live;
  if (live && live.tags.length > 0) {
    if (input.basedOn === undefined) {
      review.staleText = `Your drafts were not started from the live config (revision ${live.revision}); pull it first to keep the tags published there.`;
    } else if (input.basedOn < live.revision) {
      review.staleText = `Your drafts stand on revision ${input.basedOn}; revision ${live.revision} has been published since. What it changed shows below as your changes: pull it first to keep it.`;
    }
  }
  if (diff.isEmpty) review.blockers.push('Nothing to publish: the drafts are the live version.');
  if (input.message.trim() === '') review.blockers.push('A message is required: say what changed and why.');
  return review;
}
