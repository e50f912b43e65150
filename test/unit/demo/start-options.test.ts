// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseStartOptions, busyPortAdvice } from '../../../lib/demo/start-options';
import { DEMO_DEFAULTS_FILE, DemoDefaultsSchema, prepareDemoExtension } from '../../../lib/demo/extension-defaults';
import { hasDisplay } from '../../../lib/demo/browser';
import { allowLoopbackScripting } from '../../../lib/demo/smoke';

describe('parseStartOptions', () => {
  it.each([
    ['defaults', [], {}, { registry: 8787, shop: 8788, collector: 8789 }],
    ['--port-base', ['--port-base', '9000'], {}, { registry: 9000, shop: 9001, collector: 9002 }],
    ['TAGPOINT_PORT_BASE', [], { TAGPOINT_PORT_BASE: '7000' }, { registry: 7000, shop: 7001, collector: 7002 }],
    ['one env port', [], { TAGPOINT_PORT_SHOP: '5555' }, { registry: 8787, shop: 5555, collector: 8789 }],
    ['flag over env', ['--shop-port', '6000'], { TAGPOINT_PORT_SHOP: '5555' }, { registry: 8787, shop: 6000, collector: 8789 }],
    ['base then one port', ['--port-base', '9000', '--collector-port', '0'], {}, { registry: 9000, shop: 9001, collector: 0 }],
  ])('ports: %s', (_name, argv, env, ports) => {
    const result = parseStartOptions(argv, env);
    expect(result).toMatchObject({ ok: true, options: { ports } });
  });

  it.each([
    [['--port-base', 'abc'], /--port-base must be a port number/],
    [['--shop-port', '70000'], /--shop-port must be a port number/],
    [['--shop-port', '8787'], /cannot share port 8787/],
    [['--port-base', '65534'], /port base must be from 1 to 65533/],
    [['--smoke-timeout', '2'], /at least 10/],
    [['--bogus'], /bogus/],
  ])('refuses %j', (argv, message) => {
    const result = parseStartOptions(argv, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });

  it('refuses a malformed port from the environment, naming the variable', () => {
    const result = parseStartOptions([], { TAGPOINT_PORT_COLLECTOR: '-1' });
    expect(result).toEqual({ ok: false, errors: ['TAGPOINT_PORT_COLLECTOR must be a port number from 0 to 65535, not "-1"'] });
  });

  it('reads the modes', () => {
    const result = parseStartOptions(['--smoke', '--no-build', '--no-browser', '--data', 'x', '--smoke-timeout', '30'], {});
    expect(result).toMatchObject({ ok: true, options: { smoke: true, build: false, browser: false, dataDir: 'x', smokeTimeoutMs: 30_000 } });
  });

  it('advises the option that moves a busy service', () => {
    expect(busyPortAdvice('demo shop', 8788)).toContain('--shop-port 9788');
    expect(busyPortAdvice('collector', 8789)).toContain('TAGPOINT_PORT_COLLECTOR=9789');
  });
});

describe('prepareDemoExtension', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('copies the build and writes validated defaults only into the copy', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tagpoint-ext-'));
    dirs.push(root);
    const src = path.join(root, 'build');
    mkdirSync(src);
    writeFileSync(path.join(src, 'manifest.json'), '{"manifest_version":3}');
    const dest = path.join(root, 'copy');
    const defaults = { registryUrl: 'http://127.0.0.1:8787', token: 'tp_x', sites: { 'http://127.0.0.1:8788': 'demo' } };
    prepareDemoExtension(src, dest, defaults);
    expect(JSON.parse(readFileSync(path.join(dest, DEMO_DEFAULTS_FILE), 'utf8'))).toEqual(defaults);
    expect(existsSync(path.join(dest, 'manifest.json'))).toBe(true);
    expect(existsSync(path.join(src, DEMO_DEFAULTS_FILE))).toBe(false);
    expect(() => prepareDemoExtension(path.join(root, 'missing'), dest, defaults)).toThrow(/No built extension/);
  });

  it('lets the smoke copy script 127.0.0.1 without touching other manifest fields', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tagpoint-ext-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'manifest.json'), JSON.stringify({ name: 'Tagpoint', permissions: ['activeTab'] }));
    allowLoopbackScripting(root);
    allowLoopbackScripting(root);
    expect(JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'))).toEqual({
      name: 'Tagpoint',
      permissions: ['activeTab'],
      host_permissions: ['http://127.0.0.1/*'],
    });
  });

  it.each([
    [{ registryUrl: 'not a url', token: 't', sites: {} }],
    [{ registryUrl: 'http://127.0.0.1:1', token: '', sites: {} }],
    [{ registryUrl: 'http://127.0.0.1:1', token: 't', sites: { x: 'Bad Site' } }],
    [{ registryUrl: 'http://127.0.0.1:1', token: 't', sites: {}, extra: 1 }],
  ])('the schema refuses %j', (value) => {
    expect(DemoDefaultsSchema.safeParse(value).success).toBe(false);
  });
});

describe('hasDisplay', () => {
  it.each([
    [{}, 'linux', false],
    [{ DISPLAY: ':0' }, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', true],
    [{}, 'darwin', true],
  ] as const)('%j on %s -> %s', (env, platform, expected) => {
    expect(hasDisplay(env, platform)).toBe(expected);
  });
});
