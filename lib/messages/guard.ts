/** The parts of `runtime.MessageSender` the guards look at. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number } | undefined;
}

/**
 * True when a message comes from one of this extension's own pages (popup, side panel).
 * Web pages cannot send to the extension at all (no `externally_connectable`), and content
 * scripts have `sender.tab` set and their page's URL, so they fail the URL check.
 */
export function isFromExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  if (!sender.url) return false;
  return sender.url.startsWith(extensionOrigin);
}

/**
 * True when a message comes from this extension's content script in a tab (the picker).
 * A page script cannot reach `runtime.sendMessage` of our isolated world, so a message
 * with our id and a tab came from the picker we injected.
 */
export function isFromContentScript(sender: SenderLike, extensionId: string, tabId?: number): boolean {
  if (sender.id !== extensionId) return false;
  if (!sender.tab || typeof sender.tab.id !== 'number') return false;
  if (sender.url && /^(?:chrome|moz)-extension:/.test(sender.url)) return false;
  return tabId === undefined || sender.tab.id === tabId;
}
