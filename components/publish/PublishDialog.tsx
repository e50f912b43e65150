import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConfigError, TagConfig } from '../../lib/config/types';
import { describeRegistryError, diffConfigs, reviewPublish, type RegistryClient, type VersionSummary } from '../../lib/publish';
import { DiffSummary } from './DiffSummary';
import { ErrorList } from './ErrorList';
import { Outcome } from './Outcome';

/** Props of `PublishDialog`. */
export interface PublishDialogProps {
  client: RegistryClient;
  site: string;
  /** The config to publish (its `revision` is ignored: the registry sets it). */
  draft: TagConfig;
  /** The live revision the drafts stand on (SiteDrafts' `basedOn`). */
  basedOn?: number;
  /** How often the live version is asked again while the dialog is open, in ms. Default 15,000. */
  refreshMs?: number;
  onPublished?(revision: number): void;
  onClose?(): void;
}

type Phase = 'loading' | 'ready' | 'publishing' | 'published';

/** What a conflict revealed: the live version moved from `from` to `to` while the dialog was open. */
interface Meanwhile {
  from: TagConfig | null;
  to: TagConfig | null;
  newest?: VersionSummary;
}

/**
 * Review and publish: shows the draft's changes against the live version, takes a message,
 * and publishes with the live revision as base. When someone else published meanwhile (409)
 * it shows what they changed, rebases the diff on their version and lets the user decide.
 */
export function PublishDialog({ client, site, draft, basedOn, refreshMs = 15_000, onPublished, onClose }: PublishDialogProps) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [live, setLive] = useState<TagConfig | null>(null);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [meanwhile, setMeanwhile] = useState<Meanwhile | undefined>();
  const [revision, setRevision] = useState<number | undefined>();

  useEffect(() => {
    let current = true;
    void client.getLive(site).then((result) => {
      if (!current) return;
      if (result.ok) {
        setLive(result.value);
        setPhase('ready');
      } else {
        setProblem(describeRegistryError(result.error));
        setErrors(result.error.errors ?? []);
      }
    });
    return () => {
      current = false;
    };
  }, [client, site]);

  // "Live now" stays true while the dialog is open: someone else's publish shows as soon as it
  // is seen, with what it changed, not only when ours is refused.
  useEffect(() => {
    if (phase !== 'ready') return;
    const timer = setInterval(() => {
      void Promise.all([client.getLive(site), client.listVersions(site, { limit: 1 })]).then(([latest, versions]) => {
        if (!latest.ok || (latest.value?.revision ?? 0) === (live?.revision ?? 0)) return;
        setMeanwhile({ from: live, to: latest.value, newest: versions.ok ? versions.value.versions[0] : undefined });
        setLive(latest.value);
      });
    }, refreshMs);
    return () => clearInterval(timer);
  }, [client, site, phase, live, refreshMs]);

  const review = useMemo(() => reviewPublish({ live, draft, basedOn, message }), [live, draft, basedOn, message]);
  const diff = review.diff;
  const meanwhileDiff = useMemo(() => (meanwhile ? diffConfigs(meanwhile.from, meanwhile.to ?? { tags: [] }) : undefined), [meanwhile]);

  const publish = async () => {
    setPhase('publishing');
    setProblem('');
    setErrors([]);
    if (review.blockers.length > 0) return setPhase('ready');
    const result = await client.publish(site, review.config, { message: message.trim(), baseRevision: live?.revision ?? 0 });
    if (result.ok) {
      setRevision(result.value.revision);
      setPhase('published');
      onPublished?.(result.value.revision);
      return;
    }
    if (result.error.kind === 'conflict') {
      const [latest, versions] = await Promise.all([client.getLive(site), client.listVersions(site, { limit: 1 })]);
      if (latest.ok) {
        setMeanwhile({ from: live, to: latest.value, newest: versions.ok ? versions.value.versions[0] : undefined });
        setLive(latest.value);
        setPhase('ready');
        return;
      }
      setProblem(describeRegistryError(latest.error));
      setPhase('ready');
      return;
    }
    setProblem(describeRegistryError(result.error));
    setErrors(result.error.errors ?? []);
    setPhase('ready');
  };

  return (
    <section aria-labelledby="publish-heading" class="publish-dialog">
      <h2 id="publish-heading">Publish tags of {site}</h2>
      {phase === 'loading' && !problem && <p role="status">Loading the live version…</p>}
      {phase !== 'loading' && (
        <p class="publish-live">{live ? `Live now: revision ${live.revision}, ${live.tags.length} tags.` : 'Nothing is published for this site yet.'}</p>
      )}
      {meanwhile && meanwhileDiff && (
        <div role="alert" class="publish-meanwhile">
          <p>
            Revision {meanwhile.to?.revision ?? '?'} was published while you were reviewing
            {meanwhile.newest ? ` (by ${meanwhile.newest.author}${meanwhile.newest.message ? `: “${meanwhile.newest.message}”` : ''})` : ''}.
            What it changed:
          </p>
          <DiffSummary diff={meanwhileDiff} label="Published meanwhile" />
          <p>The changes below are now against revision {meanwhile.to?.revision ?? '?'}. Publishing replaces it.</p>
        </div>
      )}
      {phase !== 'loading' && phase !== 'published' && (
        <>
          {review.staleText && (
            <p class="warning" data-testid="publish-stale">
              {review.staleText}
            </p>
          )}
          <DiffSummary diff={diff} label="Your changes" />
          {review.settingsText && (
            <p class="muted" data-testid="publish-settings">
              {review.settingsText}
            </p>
          )}
          {review.removesText && (
            <p role="alert" class="error" data-testid="publish-removes">
              {review.removesText}
            </p>
          )}
          <label for="publish-message">Message (what changed and why)</label>
          <textarea
            id="publish-message"
            rows={2}
            maxLength={1000}
            required
            aria-describedby="publish-blockers"
            value={message}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
          <p id="publish-blockers" class="muted">
            {review.blockers.join(' ')}
          </p>
          <div class="actions">
            <button type="button" disabled={phase === 'publishing' || review.blockers.length > 0} onClick={() => void publish()}>
              {phase === 'publishing' ? 'Publishing…' : meanwhile ? `${review.action} over revision ${live?.revision ?? 0}` : review.action}
            </button>
            {onClose && (
              <button type="button" onClick={onClose}>
                Cancel
              </button>
            )}
          </div>
        </>
      )}
      {phase === 'published' && (
        <>
          <p role="status" class="ok">
            Published revision {revision}. Sites pick it up within the registry's cache time.
          </p>
          {onClose && (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )}
        </>
      )}
      <Outcome problem={problem} />
      <ErrorList errors={errors} label="Problems in the config" />
    </section>
  );
}
