import { expect, it } from 'vitest';
import { isBrowserOwn } from '../../e2e/support/refusing-proxy';

it("the refusing proxy leaves out only Chromium's own background hosts", () => {
  for (const target of ['redirector.gvt1.com:443', 'edgedl.me.gvt1.com:443', 'update.googleapis.com:443', 'content-autofill.googleapis.com:443'])
    expect(isBrowserOwn({ method: 'CONNECT', target }), target).toBe(true);
  expect(isBrowserOwn({ method: 'GET', target: 'http://redirector.gvt1.com/edgedl/x.crx' })).toBe(true);
  // Whatever a page, the extension or the runtime could ask for still counts.
  for (const target of ['cdn.segment.com:443', 'api.segment.io:443', 'gvt1.com.evil.test:443', 'evilgvt1.com:443', 'example.com:80'])
    expect(isBrowserOwn({ method: 'CONNECT', target }), target).toBe(false);
  expect(isBrowserOwn({ method: 'GET', target: 'http://example.com/?redirector.gvt1.com' })).toBe(false);
});
