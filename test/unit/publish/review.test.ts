import { describe, expect, it } from 'vitest';
import type { TagConfig } from '../../../lib/config';
import { describeSiteSettings, reviewPublish } from '../../../lib/publish';

const tag = (id: string, event: string) => ({ id, event, trigger: 'click' as const, target: { selector: `#${id}` } });
const live: TagConfig = { version: 1, site: 'shop', revision: 5, tags: [tag('a', 'Product Added'), tag('b', 'Signed Up')] };
/** A draft config of `tags`, as the side panel exports it (revision 0). */
const cfg = (tags: TagConfig['tags']): TagConfig => ({ version: 1, site: 'shop', revision: 0, tags });

describe('reviewPublish', () => {
  it('says plainly which live tags a publish removes, and names it on the button', () => {
    const review = reviewPublish({ live, draft: cfg([tag('c', 'Checkout Started')]), basedOn: 5, message: 'replace' });
    expect(review.removesText).toBe('This removes 2 live tags: “Product Added”, “Signed Up”. They stop firing on the site.');
    expect(review.action).toBe('Publish and remove 2 live tags');
    expect(review.blockers).toEqual([]);
    expect(review.staleText).toBeUndefined();
  });

  it('requires a message and a change', () => {
    expect(reviewPublish({ live, draft: live, basedOn: 5, message: 'x' }).blockers).toEqual(['Nothing to publish: the drafts are the live version.']);
    const review = reviewPublish({ live, draft: cfg([...live.tags, tag('c', 'C')]), basedOn: 5, message: '  ' });
    expect(review.blockers).toEqual(['A message is required: say what changed and why.']);
    expect(review.action).toBe('Publish');
    expect(review.removesText).toBeUndefined();
  });

  it('warns when the drafts stand on an older revision, or were never started from live', () => {
    const draft = cfg([tag('a', 'Product Added')]);
    expect(reviewPublish({ live, draft, basedOn: 3, message: 'm' }).staleText).toBe(
      'Your drafts stand on revision 3; revision 5 has been published since. What it changed shows below as your changes: pull it first to keep it.',
    );
    expect(reviewPublish({ live, draft, message: 'm' }).staleText).toMatch(/^Your drafts were not started from the live config \(revision 5\)/);
    expect(reviewPublish({ live: null, draft, message: 'm' }).staleText).toBeUndefined();
  });

  it("publishes the live config's site settings (health) the drafts do not hold, and says what they do", () => {
    const withHealth: TagConfig = { ...live, health: { sample: 0.1 } };
    const review = reviewPublish({ live: withHealth, draft: cfg([tag('c', 'C')]), basedOn: 5, message: 'm' });
    expect(review.config.health).toEqual({ sample: 0.1 });
    expect(review.config.tags.map((t) => t.id)).toEqual(['c']);
    expect(review.settingsText).toBe("Tag health reports from 10% of page views (the config's health.sample).");
    // A draft that sets its own keeps it; none on either side adds nothing.
    expect(reviewPublish({ live: withHealth, draft: { ...cfg([]), health: { sample: 0 } }, basedOn: 5, message: 'm' }).config.health).toEqual({ sample: 0 });
    expect(reviewPublish({ live: withHealth, draft: { ...cfg([]), health: { sample: 0 } }, basedOn: 5, message: 'm' }).settingsText).toBe('Tag health is off in this config.');
    const plain = reviewPublish({ live, draft: cfg([]), basedOn: 5, message: 'm' });
    expect('health' in plain.config).toBe(false);
    expect(plain.settingsText).toBeUndefined();
    expect(describeSiteSettings({ health: { sample: 0.025 } })).toMatch(/from 2\.5% of page views/);
    expect(describeSiteSettings({ health: { sample: 0.07 } })).toMatch(/from 7% of page views/);
  });
});
