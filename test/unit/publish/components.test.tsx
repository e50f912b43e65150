import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TagConfig } from '../../../lib/config';
import { createRegistryClient, type RegistryClient } from '../../../lib/publish';
import { PublishDialog, RegistrySettingsForm, VersionHistory } from '../../../components/publish';
import { makeConfig } from '../server/fixtures';
import { button, mount, startTestRegistry, text, type, unmountAll, waitFor } from './support';

// The components talk to a real registry (`tagpoint serve`, a child process) on 127.0.0.1
// through happy-dom's fetch, with its CORS checks.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 30_000 });
const r = { url: '', tokens: { publisher: '', viewer: '', otherSite: '' } };
let client: RegistryClient;
let other: RegistryClient;
let stop: () => Promise<unknown>;
beforeAll(async () => {
  // Default max-age (60 s): happy-dom caches config.json like a browser; the client must still see each publish.
  const registry = await startTestRegistry([
    { site: 'shop', role: 'publisher', label: 'Ada (CI)' },
    { site: 'shop', role: 'viewer', label: 'QA' },
    { site: 'blog', role: 'publisher' },
  ]);
  r.url = registry.url;
  [r.tokens.publisher, r.tokens.viewer, r.tokens.otherSite] = registry.tokens as [string, string, string];
  stop = registry.stop;
  client = createRegistryClient({ baseUrl: r.url, token: r.tokens.publisher });
  other = createRegistryClient({ baseUrl: r.url, token: r.tokens.publisher });
});
afterAll(() => stop());

afterEach(unmountAll);
const must = <T,>(value: T | null | undefined): T => {
  if (value == null) throw new Error('not there yet');
  return value;
};

async function resetSite(config: TagConfig) {
  const live = await client.getLive('shop');
  const published = await client.publish('shop', config, { baseRevision: live.ok && live.value ? live.value.revision : 0 });
  if (!published.ok) throw new Error(published.error.message);
  return published.value.revision;
}

describe('PublishDialog', () => {
  it('shows the diff against live, publishes with a message and reports the revision', async () => {
    const base = await resetSite(makeConfig('shop', 3));
    const draft = makeConfig('shop', 4);
    draft.tags[0] = { ...draft.tags[0]!, event: 'Renamed' };
    draft.tags.splice(1, 1);
    const published: number[] = [];
    const root = mount(<PublishDialog client={client} site="shop" draft={draft} onPublished={(n) => published.push(n)} />);
    await waitFor(() => expect(text(root)).toContain(`Live now: revision ${base}`));
    const diff = root.querySelector('[aria-label^="Your changes"]')!;
    expect(diff.getAttribute('aria-label')).toBe('Your changes: 1 added, 1 changed, 1 removed, 1 unchanged');
    expect(text(diff.querySelector('[data-kind=changed]')!)).toMatch(/Renamed t0 \(was “Button 0 Clicked”\): event/);
    expect(text(diff.querySelector('[data-kind=removed]')!)).toContain('t1');
    expect(text(diff.querySelector('[data-kind=added]')!)).toContain('t3');
    // Publishing deletes t1 from the live site: said plainly, and on the button.
    expect(text(root.querySelector('[data-testid=publish-removes]')!)).toBe('This removes 1 live tag: “Button 1 Clicked”. They stop firing on the site.');
    expect(button(root, 'Publish and remove 1 live tag').disabled).toBe(true);
    expect(text(root.querySelector('#publish-blockers')!)).toBe('A message is required: say what changed and why.');
    await type(root.querySelector('#publish-message')!, 'Rename and add t3');
    expect(button(root, 'Publish and remove 1 live tag').disabled).toBe(false);
    button(root, 'Publish and remove 1 live tag').click();
    await waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toContain(`Published revision ${base + 1}`));
    expect(published).toEqual([base + 1]);
    const versions = await client.listVersions('shop');
    expect(versions.ok && versions.value.versions[0]).toMatchObject({ revision: base + 1, message: 'Rename and add t3', author: 'Ada (CI)' });
  });

  it('on a 409 shows what was published meanwhile and publishes over it on request', async () => {
    const base = await resetSite(makeConfig('shop', 2));
    const root = mount(<PublishDialog client={client} site="shop" draft={makeConfig('shop', 3)} />);
    await waitFor(() => expect(text(root)).toContain(`Live now: revision ${base}`));
    // Someone else publishes while the dialog is open.
    const theirs = makeConfig('shop', 2);
    theirs.tags[1] = { ...theirs.tags[1]!, event: 'Theirs' };
    expect(await other.publish('shop', theirs, { baseRevision: base, message: 'their fix' })).toMatchObject({ ok: true });

    await type(root.querySelector('#publish-message')!, 'add t2');
    button(root, 'Publish').click();
    const alert = await waitFor(() => {
      const found = root.querySelector('.publish-meanwhile');
      if (!found) throw new Error('no conflict yet');
      return found;
    });
    expect(text(alert)).toContain(`Revision ${base + 1} was published while you were reviewing (by Ada (CI): “their fix”)`);
    expect(alert.querySelector('[aria-label^="Published meanwhile"]')!.getAttribute('aria-label')).toBe(
      'Published meanwhile: 0 added, 1 changed, 0 removed, 1 unchanged',
    );
    expect(root.querySelector('[aria-label^="Your changes"]')!.getAttribute('aria-label')).toBe('Your changes: 1 added, 1 changed, 0 removed, 1 unchanged');
    button(root, `Publish over revision ${base + 1}`).click();
    await waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toContain(`Published revision ${base + 2}`));
  });

  it('lists every error with its path when the registry refuses the config', async () => {
    await resetSite(makeConfig('shop', 1));
    const bad = makeConfig('shop', 2) as any;
    bad.tags[1].trigger = 'hover';
    const root = mount(<PublishDialog client={client} site="shop" draft={bad} />);
    await waitFor(() => expect(text(root)).toContain('Live now'));
    await type(root.querySelector('#publish-message')!, 'bad trigger');
    button(root, 'Publish').click();
    const errors = await waitFor(() => {
      const list = root.querySelector('[aria-label="Problems in the config"]');
      if (!list) throw new Error('no error list yet');
      return list;
    });
    expect(text(errors)).toContain('tags[1].trigger');
    expect(text(root.querySelector('p[role=alert]')!)).toMatch(/refused the config/);
  });

  it('disables Publish when the draft equals live', async () => {
    await resetSite(makeConfig('shop', 2));
    const root = mount(<PublishDialog client={client} site="shop" draft={makeConfig('shop', 2)} />);
    await waitFor(() => expect(text(root)).toContain('No tag changes'));
    expect(button(root, 'Publish').disabled).toBe(true);
  });
});

describe('VersionHistory', () => {
  it('lists versions newest first and rolls back in one click', async () => {
    const first = await resetSite(makeConfig('shop', 1));
    const second = await resetSite(makeConfig('shop', 5));
    const rolled: number[] = [];
    const root = mount(<VersionHistory client={client} site="shop" onRolledBack={(n) => rolled.push(n)} />);
    await waitFor(() => expect(root.querySelectorAll('.version').length).toBeGreaterThanOrEqual(2));
    const items = [...root.querySelectorAll('.version')];
    expect(text(items[0]!)).toMatch(new RegExp(`Revision ${second} \\(live\\).*Ada \\(CI\\), 5 tags`));
    expect(items[0]!.querySelector('button')).toBeNull();
    button(root, `Roll back to revision ${first}`).click();
    // Confirmed first: it changes what every visitor's page sends.
    const confirm = await waitFor(() => must(root.querySelector('[role=alertdialog]')));
    expect(text(confirm)).toContain(`Roll the live site back to revision ${first}? Every visitor's page then sends its 1 tag instead of revision ${second}'s 5.`);
    expect(rolled).toEqual([]);
    button(root, 'Roll back now').click();
    await waitFor(() => expect(text(root.querySelector('[role=status]')!)).toContain(`revision ${second + 1} is live, a copy of revision ${first}`));
    expect(rolled).toEqual([second + 1]);
    await waitFor(() => expect(text(root.querySelector('.version')!)).toContain(`Revision ${second + 1} (live)`));
    const live = await client.getLive('shop');
    expect(live.ok && live.value?.tags).toHaveLength(1);
  });

  it('refuses a rollback from a stale list and reloads it', async () => {
    const first = await resetSite(makeConfig('shop', 1));
    const root = mount(<VersionHistory client={client} site="shop" />);
    await waitFor(() => expect(text(root)).toContain(`Revision ${first} (live)`));
    const newer = await resetSite(makeConfig('shop', 2));
    button(root, `Roll back to revision ${first - 1}`).click();
    (await waitFor(() => must(root.querySelector('[role=alertdialog]')))).querySelector('button')!.click();
    await waitFor(() => expect(text(root.querySelector('p[role=alert]')!)).toContain(`Revision ${newer} was published meanwhile`));
    await waitFor(() => expect(text(root.querySelector('.version')!)).toContain(`Revision ${newer} (live)`));
  });

  it('pulls the live config into the drafts', async () => {
    const revision = await resetSite(makeConfig('shop', 3));
    const pulled: TagConfig[] = [];
    const root = mount(<VersionHistory client={client} site="shop" onPull={(config) => void pulled.push(config)} />);
    button(root, 'Pull live into drafts').click();
    await waitFor(() => expect(text(root.querySelector('[role=status].ok')!)).toContain(`Loaded live revision ${revision} (3 tags)`));
    expect(pulled.map((c) => c.revision)).toEqual([revision]);
  });

  it('says why the history cannot be shown with a bad token', async () => {
    const root = mount(<VersionHistory client={createRegistryClient({ baseUrl: r.url, token: 'tp_revokedrevokedrevoked' })} site="shop" />);
    await waitFor(() => expect(text(root.querySelector('[role=alert]')!)).toMatch(/does not accept this token.*Check the token/));
  });
});

describe('RegistrySettingsForm', () => {
  it.each([
    ['ftp://x', r_token, 'registryUrl'],
    ['https://user:pw@tags.example.com', r_token, 'registryUrl'],
    ['https://tags.example.com', 'secret', 'token'],
  ])('refuses %s / %s with an error on %s, saving nothing', async (url, token, path) => {
    const saved: unknown[] = [];
    const root = mount(<RegistrySettingsForm onSave={(s) => void saved.push(s)} />);
    await type(root.querySelector('#registry-url')!, url);
    await type(root.querySelector('#registry-token')!, token === r_token ? r.tokens.publisher : token);
    button(root, 'Save').click();
    await waitFor(() => expect(text(root.querySelector('[aria-label="Problems in the settings"]')!)).toContain(path));
    expect(saved).toEqual([]);
  });

  it('saves valid settings and tests the connection for the site', async () => {
    const saved: unknown[] = [];
    const root = mount(<RegistrySettingsForm site="shop" onSave={(s) => void saved.push(s)} />);
    await type(root.querySelector('#registry-url')!, `${r.url}/`);
    await type(root.querySelector('#registry-token')!, ` ${r.tokens.viewer} `);
    button(root, 'Save').click();
    await waitFor(() => expect(text(root)).toContain('Saved.'));
    expect(saved).toEqual([{ registryUrl: r.url, token: r.tokens.viewer }]);
    button(root, 'Test connection').click();
    await waitFor(() => expect(text(root)).toMatch(/Connected: the token can read site "shop" \(\d+ published versions\)/));
  });

  it('reports a token of another site', async () => {
    const root = mount(<RegistrySettingsForm site="shop" value={{ registryUrl: r.url, token: r.tokens.otherSite }} onSave={() => {}} />);
    button(root, 'Test connection').click();
    await waitFor(() => expect(text(root.querySelector('[role=alert]')!)).toMatch(/not allowed.*belongs to site "blog"/));
  });
});

// Marker for the table above: the real token exists only after beforeAll.
const r_token = '<publisher token>';
