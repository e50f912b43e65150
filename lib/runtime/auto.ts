/**
 * The IIFE entry (`tagpoint.js`): defines `window.Tagpoint` and, when loaded by a script
 * tag with `data-config-url`, starts by itself.
 *
 *   <script async src="/tagpoint.js" data-config-url="/v1/sites/shop/config.json"></script>
 *
 * Optional attributes: `data-datalayer` (also push to GTM's dataLayer),
 * The analytics-next plugin is in the ES module build.
 */
import { start } from './start';
import { VERSION } from './version';

try {
  const w = window as { Tagpoint?: object };
  w.Tagpoint = { ...w.Tagpoint, start, version: VERSION };
  const script = document.currentScript;
  const url = script && script.getAttribute('data-config-url');
  if (url) start({ configUrl: url, dataLayer: script.hasAttribute('data-datalayer') });
} catch {
  // Never throw into the page.
}
