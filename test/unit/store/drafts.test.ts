import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDraftStore, newTagId } from '../../../lib/store/drafts';
import { SCHEMA_KEY, STORE_SCHEMA_VERSION } from '../../../lib/store/schema';

const tag = (id: string, event = 'Product Added') => ({ id, event, trigger: 'click' as const, target: { selector: '.add' } });

describe('createDraftStore (browser.storage.local through the fake browser)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves, replaces, deletes and restores tags per site, bumping the revision', async () => {
    const store = createDraftStore();
    expect(await store.getSite('shop')).toMatchObject({ site: 'shop', revision: 0, tags: [] });
    const saved = await store.saveTag('shop', tag('t1'));
    expect(saved.ok && saved.site.revision).toBe(1);
    await store.saveTag('shop', tag('t2', 'Checkout Started'));
    await store.saveTag('shop', tag('t1', 'Product Added To Cart'));
    let site = await store.getSite('shop');
    expect(site.tags.map((t) => [t.id, t.event])).toEqual([
      ['t1', 'Product Added To Cart'],
      ['t2', 'Checkout Started'],
    ]);
    expect(site.revision).toBe(3);
    expect((await store.getSite('blog')).tags).toEqual([]);

    const { removed } = await store.deleteTag('shop', 't1');
    expect(removed).toMatchObject({ index: 0, tag: { id: 't1' } });
    expect((await store.getSite('shop')).tags.map((t) => t.id)).toEqual(['t2']);
    site = await store.restoreTag('shop', removed!.tag, removed!.index);
    expect(site.tags.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(await store.listSites()).toEqual(['shop']);
    expect((await fakeBrowser.storage.local.get(SCHEMA_KEY))[SCHEMA_KEY]).toBe(STORE_SCHEMA_VERSION);
  });

  it('refuses an invalid tag with the errors and their paths, storing nothing', async () => {
    const store = createDraftStore();
    const result = await store.saveTag('shop', { id: 't1', event: '', trigger: 'hover' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path).sort()).toEqual(['event', 'target', 'trigger']);
    expect((await store.getSite('shop')).revision).toBe(0);
  });

  it('keeps a stored tag that no longer validates aside instead of losing the others', async () => {
    await fakeBrowser.storage.local.set({
      [SCHEMA_KEY]: STORE_SCHEMA_VERSION,
      'tagpoint:site:shop': { site: 'shop', revision: 4, tags: [tag('t1'), { id: 'bad', event: 'X' }], updatedAt: 1 },
    });
    const site = await createDraftStore().getSite('shop');
    expect(site.tags.map((t) => t.id)).toEqual(['t1']);
    expect(site.invalid).toHaveLength(1);
    expect(site.invalid[0]!.errors[0]!.path).toBe('trigger');
  });

  it('migrates a layout-1 storage on first use', async () => {
    await fakeBrowser.storage.local.set({ 'drafts:https://www.shop.example': [tag('old')] });
    const store = createDraftStore();
    expect((await store.getSite('shop-example')).tags.map((t) => t.id)).toEqual(['old']);
    expect(await fakeBrowser.storage.local.get('drafts:https://www.shop.example')).toEqual({});
  });

  it('serialises concurrent writes so none is lost', async () => {
    const store = createDraftStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.saveTag('shop', tag(`t${i}`))));
    const site = await store.getSite('shop');
    expect(site.tags).toHaveLength(20);
    expect(site.revision).toBe(20);
  });

  it('tells subscribers about changes made by another store (another extension page)', async () => {
    const panel = createDraftStore();
    const seen: string[][] = [];
    const stop = panel.subscribe('shop', (site) => seen.push(site.tags.map((t) => t.id)));
    await createDraftStore().saveTag('shop', tag('t1'));
    await createDraftStore().saveTag('blog', tag('t9'));
    expect(seen).toEqual([['t1']]);
    stop();
    await createDraftStore().saveTag('shop', tag('t2'));
    expect(seen).toHaveLength(1);
  });

  it('makes tag ids the config accepts', () => {
    const ids = new Set(Array.from({ length: 200 }, newTagId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('drafts that stand on a live revision', () => {
  beforeEach(() => fakeBrowser.reset());

  it('start from live only when empty and never based, and follow pulls and publishes', async () => {
    const store = createDraftStore();
    const started = await store.startFromLive('shop', [tag('live1'), tag('live2', 'Signed Up')], 4);
    expect(started.applied).toBe(true);
    expect(started.site).toMatchObject({ basedOn: 4, tags: [{ id: 'live1' }, { id: 'live2' }] });
    // a second start (another panel, a later live) changes nothing
    expect((await store.startFromLive('shop', [tag('other')], 5)).applied).toBe(false);
    expect((await store.getSite('shop')).tags.map((t) => t.id)).toEqual(['live1', 'live2']);
    // drafts typed before the registry answered are never replaced
    await store.saveTag('blog', tag('mine'));
    expect((await store.startFromLive('blog', [tag('live1')], 1)).applied).toBe(false);
    expect((await store.getSite('blog')).tags.map((t) => t.id)).toEqual(['mine']);
    // and emptied drafts that once met the registry stay empty
    await store.replaceTags('shop', []);
    expect((await store.startFromLive('shop', [tag('live1')], 6)).applied).toBe(false);
    expect(await store.getSite('shop')).toMatchObject({ tags: [], basedOn: 4 });
    expect((await store.replaceTags('shop', [tag('pulled')], { basedOn: 7 })).basedOn).toBe(7);
    expect((await store.markPublished('shop', 8)).basedOn).toBe(8);
    expect((await store.getSite('blog')).basedOn).toBeUndefined();
  });
});
