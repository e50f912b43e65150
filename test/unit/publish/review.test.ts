import { describe, expect, it } from 'vitest';
import type { TagConfig } from '../../../lib/config';
import { reviewPublish } from '../../../lib/publish';

const tag = (id: string, event: string) => ({ id, event, trigger: 'click' as const, target: { selector: `#${id}` } });
const live: TagConfig = { version: 1, site: 'shop', revision: 5, tags: [tag('a', 'Product Added'), tag('b', 'Signed Up')] };

describe('reviewPublish', () => {
  it('says plainly which live tags a publish removes, and names it on the button', () => {
    const review = reviewPublish({ live, draft: { tags: [tag('c', 'Checkout Started')] }, basedOn: 5, message: 'replace' });
    expect(review.removesText).toBe('This removes 2 live tags: “Product Added”, “Signed Up”. They stop firing on the site.');
    expect(review.action).toBe('Publish and remove 2 live tags');
    expect(review.blockers).toEqual([]);
    expect(review.staleText).toBeUndefined();
  });

  it('requires a message and a change', () => {
    expect(reviewPublish({ live, draft: live, basedOn: 5, message: 'x' }).blockers).toEqual(['Nothing to publish: the drafts are the live version.']);
    const review = reviewPublish({ live, draft: { tags: [...live.tags, tag('c', 'C')] }, basedOn: 5, message: '  ' });
    expect(review.blockers).toEqual(['A message is required: say what changed and why.']);
    expect(review.action).toBe('Publish');
    expect(review.removesText).toBeUndefined();
  });

  it('warns when the drafts stand on an older revision, or were never started from live', () => {
    const draft = { tags: [tag('a', 'Product Added')] };
    expect(reviewPublish({ live, draft, basedOn: 3, message: 'm' }).staleText).toBe(
      'Your drafts stand on revision 3; revision 5 has been published since. What it changed shows below as your changes: pull it first to keep it.',
    );
    expect(reviewPublish({ live, draft, message: 'm' }).staleText).toMatch(/^Your drafts were not started from the live config \(revision 5\)/);
    expect(reviewPublish({ live: null, draft, message: 'm' }).staleText).toBeUndefined();
  });
});
