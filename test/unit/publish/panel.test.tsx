import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Tag, TagConfig } from '../../../lib/config';
import { createRegistryClient, type RegistryClient } from '../../../lib/publish';
import { createRegistrySettingsStore, type SiteDrafts } from '../../../lib/store';
import { PublishDialog, PublishPanel } from '../../../components/publish';
import { makeConfig } from '../server/fixtures';
import { button, mount, startTestRegistry, text, type, unmountAll, waitFor } from './support';

// The side panel's publish section against a real registry (`tagpoint serve`) on 127.0.0.1,
// with settings in the fake browser's storage.local.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 30_000 });
const r = { url: '', token: '', site: 'panel' };
let client: RegistryClient;
let stop: () => Promise<unknown>;
beforeAll(async () => {
  const registry = await startTestRegistry([{ site: r.site, role: 'publisher', label: 'Panel' }]);
  r.url = registry.url;
  r.token = registry.tokens[0]!;
  stop = registry.stop;
  client = createRegistryClient({ baseUrl: r.url, token: r.token });
});
afterAll(() => stop());
beforeEach(() => fakeBrowser.reset());

afterEach(unmountAll);
const must = <T,>(value: T | null | undefined): T => {
  if (value == null) throw new Error('not there yet');
  return value;
};
const drafts = (tags: Tag[]): SiteDrafts => ({ site: '127-0-0-1', revision: 1, tags, invalid: [], updatedAt: 0 });
const PAGE = 'http://127.0.0.1:8788/products/';

describe('PublishDialog', () => {
  it('on a 422 shows every error the registry found, with its path, and publishes nothing', async () => {
    const draft: TagConfig = makeConfig(r.site, 2);
    // A config the registry refuses: an empty event name and a second tag with the first one's id.
    draft.tags[0] = { ...draft.tags[0]!, event: '' };
    draft.tags[1] = { ...draft.tags[1]!, id: draft.tags[0]!.id };
    const root = mount(<PublishDialog client={client} site={r.site} draft={draft} />);
    await waitFor(() => expect(root.querySelector('#publish-message')).not.toBeNull());
    await type(root.querySelector('#publish-message')!, 'two tags');
    await waitFor(() => expect(button(root, 'Publish').disabled).toBe(false));
    button(root, 'Publish').click();
    await waitFor(() => expect(text(root.querySelector('p[role=alert]')!)).toMatch(/The registry refused the config: the config is not valid/));
    const paths = [...root.querySelectorAll('[aria-label="Problems in the config"] code')].map((c) => c.textContent);
    expect(paths).toContain('tags[0].event');
    expect(paths.some((p) => p?.startsWith('tags[1]'))).toBe(true);
    expect((await client.getLive(r.site)).ok && (await client.getLive(r.site))).toMatchObject({ value: null });
  });
});

describe('PublishPanel', () => {
  it('without settings asks for them, validates, saves them versioned, then publishes the drafts', async () => {
    const settingsStore = createRegistrySettingsStore({ readDefaults: async () => undefined });
    const root = mount(<PublishPanel url={PAGE} drafts={drafts(makeConfig(r.site, 1).tags)} onPull={async () => {}} settingsStore={settingsStore} />);
    await waitFor(() => expect(root.querySelector('#registry-url')).not.toBeNull());
    expect(text(root)).toContain('Registry site for http://127.0.0.1:8788');
    await type(root.querySelector('#registry-url')!, `${r.url}/`);
    await type(root.querySelector('#registry-token')!, r.token);
    await type(root.querySelector('#registry-site')!, 'Not A Site');
    button(root, 'Save').click();
    await waitFor(() => expect([...root.querySelectorAll('.errors code')].map((c) => c.textContent)).toEqual(['site']));
    await type(root.querySelector('#registry-site')!, r.site);
    button(root, 'Save').click();
    await waitFor(() => expect(text(root.querySelector('[data-testid=publish-target]')!)).toContain(`Publishes to site ${r.site} at ${r.url}.`));
    expect(await settingsStore.load()).toEqual({ source: 'saved', settings: { registryUrl: r.url, token: r.token, sites: { 'http://127.0.0.1:8788': r.site } } });

    button(root, 'Review and publish').click();
    await waitFor(() => expect(root.querySelector('#publish-message')).not.toBeNull());
    await type(root.querySelector('#publish-message')!, 'first');
    await waitFor(() => expect(button(root, 'Publish').disabled).toBe(false));
    button(root, 'Publish').click();
    await waitFor(() => expect(text(root)).toMatch(/Published revision \d+\./));
    const live = await client.getLive(r.site);
    expect(live.ok && live.value?.tags.map((t) => t.id)).toEqual(['t0']);
    // The history reloads after the publish.
    await waitFor(() => expect(text(root.querySelector('.version[data-live]')!)).toContain(`Revision ${live.ok && live.value?.revision} (live)`));
  });

  it('uses the packaged demo defaults when nothing is saved, and asks before a pull overwrites different drafts', async () => {
    const settingsStore = createRegistrySettingsStore({
      readDefaults: async () => ({ registryUrl: r.url, token: r.token, sites: { 'http://127.0.0.1:8788/': r.site } }),
    });
    const pulled: Tag[][] = [];
    const mine = makeConfig(r.site, 3, (t) => ({ ...t, event: `${t.event} (mine)` })).tags;
    const root = mount(<PublishPanel url={PAGE} drafts={drafts(mine)} onPull={async (tags) => void pulled.push(tags)} settingsStore={settingsStore} />);
    await waitFor(() => expect(text(root.querySelector('[data-testid=publish-target]')!)).toContain('(settings from npm start)'));
    await waitFor(() => expect(root.querySelector('.version')).not.toBeNull());
    button(root, 'Pull live into drafts').click();
    const dialog = await waitFor(() => must(root.querySelector('[role=alertdialog]')));
    expect(text(dialog)).toMatch(/Your drafts differ from live revision \d+ \(2 tag\(s\) not in it, 1 changed\)\. Pulling replaces your 3 draft tag\(s\)\./);
    // Focus moves to the dialog's first action once it has rendered.
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Replace my drafts with revision \d+$/));
    button(root, 'Keep my drafts').click();
    await waitFor(() => expect(root.querySelector('[role=alertdialog]')).toBeNull());
    expect(pulled).toEqual([]);
    button(root, 'Pull live into drafts').click();
    (await waitFor(() => must(root.querySelector<HTMLButtonElement>('[role=alertdialog] button')))).click();
    await waitFor(() => expect(pulled.map((tags) => tags.map((t) => t.id))).toEqual([['t0']]));
  });

  it('pulls straight away when there are no drafts to lose', async () => {
    const settingsStore = createRegistrySettingsStore({ readDefaults: async () => ({ registryUrl: r.url, token: r.token, sites: { 'http://127.0.0.1:8788': r.site } }) });
    const pulled: Tag[][] = [];
    const root = mount(<PublishPanel url={PAGE} drafts={drafts([])} onPull={async (tags) => void pulled.push(tags)} settingsStore={settingsStore} />);
    await waitFor(() => expect(root.querySelector('.version')).not.toBeNull());
    button(root, 'Pull live into drafts').click();
    await waitFor(() => expect(pulled).toHaveLength(1));
    expect(root.querySelector('[role=alertdialog]')).toBeNull();
  });

  it('asks for the site when the settings name none for this origin', async () => {
    const settingsStore = createRegistrySettingsStore({ readDefaults: async () => ({ registryUrl: r.url, token: r.token, sites: { 'http://elsewhere.example': 'x' } }) });
    const root = mount(<PublishPanel url={PAGE} drafts={drafts([])} onPull={async () => {}} settingsStore={settingsStore} />);
    await waitFor(() => expect(text(root)).toContain('Choose the registry site that http://127.0.0.1:8788 publishes to.'));
    expect((root.querySelector('#registry-url') as HTMLInputElement).value).toBe(r.url);
  });
});
