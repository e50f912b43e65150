// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startRegistry, tempDir } from './helpers';

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
