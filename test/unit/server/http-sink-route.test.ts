// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startRegistry, tempDir } from './helpers';
import { isRuntimePath } from '../../../lib/server/http-sink-route';

it('serves tagpoint-http.js and tagpoint-health.js from beside the runtime bundle, with an ETag, and says when it is not built', async () => {
  const dir = tempDir('tagpoint-http-route-');
  const folder = join(dir.dir, 'runtime');
  mkdirSync(folder);
  writeFileSync(join(folder, 'tagpoint.js'), 'window.Tagpoint = 1;');
  const r = await startRegistry({ runtimeBundlePath: join(folder, 'tagpoint.js') }, dir);
  try {
    const missing = await r.request('/tagpoint-http.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/HTTP sink bundle is not built.*npm run build:runtime/);
    writeFileSync(join(folder, 'tagpoint-http.js'), 'window.TagpointHttp = {};');
    const res = await r.request('/tagpoint-http.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('window.TagpointHttp = {};');
    expect((await r.request('/tagpoint-http.js', { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
    // Tag health, loaded the same way with data-health.
    expect((await (await r.request('/tagpoint-health.js')).json()).error).toMatch(/tag health bundle is not built/);
    writeFileSync(join(folder, 'tagpoint-health.js'), 'window.TagpointHealth = {};');
    expect(await (await r.request('/tagpoint-health.js')).text()).toBe('window.TagpointHealth = {};');
  } finally {
    await r.stop();
  }
});

it('serves tagpoint-debug.js like the other parts, and names exactly the runtime files as runtime paths', async () => {
  expect(['/tagpoint.js', '/tagpoint-http.js', '/tagpoint-health.js', '/tagpoint-debug.js'].every(isRuntimePath)).toBe(true);
  expect(['/tagpoint-x.js', '/__proto__', '/tagpoint.js/x', '/v1/tagpoint.js', 'tagpoint.js'].some(isRuntimePath)).toBe(false);
  const dir = tempDir('tagpoint-debug-route-');
  const folder = join(dir.dir, 'runtime');
  mkdirSync(folder);
  writeFileSync(join(folder, 'tagpoint.js'), 'window.Tagpoint = 1;');
  const r = await startRegistry({ runtimeBundlePath: join(folder, 'tagpoint.js') }, dir);
  try {
    expect((await r.request('/tagpoint-debug.js')).status).toBe(404);
    writeFileSync(join(folder, 'tagpoint-debug.js'), 'window.Tagpoint = 2;');
    const res = await r.request('/tagpoint-debug.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('window.Tagpoint = 2;');
  } finally {
    await r.stop();
  }
});
