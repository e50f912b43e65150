import { installMainWorld } from '../lib/preview/main-world';

/**
 * Live mode's main-world helper (lib/preview/main-world.ts), injected with
 * `scripting.executeScript({ world: 'MAIN' })` by the preview service. Injecting twice
 * keeps the first instance.
 */
export default defineUnlistedScript(() => {
  const flag = '__tagpointPreviewMain';
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;
  installMainWorld();
});
