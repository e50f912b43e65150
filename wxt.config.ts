import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * The extension build. Permissions are the minimum the picker needs: it is injected
 * only on demand (activeTab + scripting), so sites that are not being tagged pay nothing.
 */
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  modules: ['@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Tagpoint',
    description: 'Point-and-click analytics tags that survive redeploys.',
    permissions: ['activeTab', 'scripting', 'storage', 'sidePanel'],
  },
});
