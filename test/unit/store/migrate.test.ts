import { describe, expect, it } from 'vitest';
import { planMigration, snapshotVersion } from '../../../lib/store/migrate';
import { SCHEMA_KEY, STORE_SCHEMA_VERSION } from '../../../lib/store/schema';

const tag = { id: 't1', event: 'Product Added', trigger: 'click', target: { selector: '.add' } };

describe('storage migrations', () => {
  it.each([
    [{}, STORE_SCHEMA_VERSION],
    [{ [SCHEMA_KEY]: 2 }, 2],
    [{ 'drafts:https://shop.example': [] }, 1],
    [{ 'tagpoint:site:shop': {} }, 1],
  ])('reads the layout version of %j as %s', (snapshot, version) => expect(snapshotVersion(snapshot)).toBe(version));

  it('moves layout-1 drafts per origin into per-site records, folding www and ports', () => {
    const plan = planMigration({
      'drafts:https://www.shop.example': [tag],
      'drafts:https://shop.example:8443': [{ ...tag, id: 't2' }],
      'drafts:not-a-url': [tag],
      unrelated: 1,
    });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.from).toBe(1);
    expect(plan.patch.remove.sort()).toEqual(['drafts:https://shop.example:8443', 'drafts:https://www.shop.example', 'drafts:not-a-url']);
    const record = plan.patch.set['tagpoint:site:shop-example'] as { tags: { id: string }[]; revision: number };
    expect(record.tags.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(record.revision).toBe(2);
    expect(plan.patch.set[SCHEMA_KEY]).toBe(STORE_SCHEMA_VERSION);
    expect('unrelated' in plan.patch.set).toBe(false);
  });

  it('does nothing to current storage', () => {
    expect(planMigration({ [SCHEMA_KEY]: STORE_SCHEMA_VERSION, 'tagpoint:site:x': {} })).toEqual({ ok: true, from: STORE_SCHEMA_VERSION, patch: { set: {}, remove: [] } });
  });

  it('refuses storage written by a newer build instead of rewriting it', () => {
    const plan = planMigration({ [SCHEMA_KEY]: STORE_SCHEMA_VERSION + 1 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error).toContain('newer');
  });
});
