import { browser } from 'wxt/browser';
import { BackgroundRequestSchema, ensurePicker, isFromExtensionPage, openSidePanel, startPicking } from '../lib/messages';
import { createPreviewService } from '../lib/preview/service';
import { reportTo } from '../lib/debug';
import { START_TAGGING_COMMAND } from '../lib/popup/shortcut';

export default defineBackground(() => {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  // Preview (lib/preview/service.ts): keeps a tab's preview running across page loads.
  createPreviewService();

  // Commands come only from our own pages (popup, side panel); content scripts report
  // events, which the pages listen to, and web pages cannot message us at all.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isFromExtensionPage(sender, browser.runtime.id, extensionOrigin)) return undefined;
    const parsed = BackgroundRequestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    const request = parsed.data;
    if (request.type === 'start-picking') return startPicking(request.tabId);
    return ensurePicker(request.tabId);
  });

  // The shortcut (Alt+Shift+K by default, lib/popup/shortcut.ts) is a user gesture: it grants activeTab and may
  // open the side panel.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== START_TAGGING_COMMAND || tab?.id === undefined) return;
    void openSidePanel(tab.id, tab.windowId).catch(reportTo('background: open the side panel from the shortcut'));
    void startPicking(tab.id);
  });
});
