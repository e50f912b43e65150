import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DEFAULT_SHORTCUT, START_TAGGING_COMMAND } from './lib/popup/shortcut';

/**
 * Test builds only (`TAGPOINT_E2E=1 npx wxt build`): the e2e tests cannot click the
 * toolbar button, which is what grants activeTab, so the test build may script pages on
 * 127.0.0.1 (and nothing else). Release builds never carry a host permission.
 */
const E2E = process.env.TAGPOINT_E2E === '1';

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
  manifest: ({ browser }) => ({
    name: 'Tagpoint',
    description: 'Point-and-click analytics tags that survive redeploys.',
    // Firefox has no sidePanel permission; WXT turns the side panel into a sidebar_action there.
    permissions: browser === 'firefox' ? ['activeTab', 'scripting', 'storage'] : ['activeTab', 'scripting', 'storage', 'sidePanel'],
    ...(E2E ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    // Preview follows a tab across page loads, which activeTab does not survive; it asks for
    // the one origin being previewed when preview starts (lib/preview/client.ts). Firefox's
    // MV2 manifest has no optional_host_permissions: origins go in optional_permissions.
    ...(browser === 'firefox' ? { optional_permissions: ['http://*/*', 'https://*/*'] } : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    commands: {
      // Chromium leaves a key it uses itself unset: see lib/popup/shortcut.ts.
      [START_TAGGING_COMMAND]: {
        suggested_key: { default: DEFAULT_SHORTCUT },
        description: 'Start tagging the current page',
      },
    },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'tagpoint@tagpoint.dev', data_collection_permissions: { required: ['none'] } } } } : {}),
  }),
});
