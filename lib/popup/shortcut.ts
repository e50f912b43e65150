/**
 * The "Start tagging" keyboard shortcut. Chromium leaves an extension's suggested key unset
 * ("Not set" in chrome://extensions/shortcuts) when the browser already uses it: Alt+Shift+T
 * (focus the toolbar) and Alt+Shift+P were, measured with `chrome.commands.getAll()` on
 * Debian's Chromium; Alt+Shift+K is free there (test/e2e/extension.spec.ts checks the loaded
 * extension gets it). Users change it at chrome://extensions/shortcuts (Firefox: about:addons,
 * "Manage Extension Shortcuts").
 */

/** The command's name in the manifest. */
export const START_TAGGING_COMMAND = 'start-tagging';

/** The suggested key written into the manifest. */
export const DEFAULT_SHORTCUT = 'Alt+Shift+K';

/** A command as `commands.getAll()` lists it. */
export interface CommandInfo {
  name?: string;
  shortcut?: string;
}

/** The popup's hint: the shortcut in effect, or how to set one when there is none. */
export function shortcutHint(commands: readonly CommandInfo[] | undefined): string {
  if (!commands) return `Shortcut: ${DEFAULT_SHORTCUT}`;
  const shortcut = commands.find((c) => c.name === START_TAGGING_COMMAND)?.shortcut;
  return shortcut ? `Shortcut: ${shortcut}` : 'No shortcut set: choose one in the browser\u2019s extension shortcuts (chrome://extensions/shortcuts).';
}
