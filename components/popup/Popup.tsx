import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { openSidePanel, sendToBackground } from '../../lib/messages';
import { reportTo } from '../../lib/debug';
import { shortcutHint, type CommandInfo } from '../../lib/popup/shortcut';
import { requestStartTagging, type IntentArea } from '../../lib/popup/start-intent';

/**
 * The toolbar popup: start tagging the current tab, or open the tag list. Clicking the
 * toolbar button is what grants activeTab, so the popup is the usual way in.
 */
export function Popup() {
  const [tab, setTab] = useState<{ id: number; windowId?: number } | undefined>();
  const [error, setError] = useState('');
  const [commands, setCommands] = useState<CommandInfo[] | undefined>();

  useEffect(() => {
    // Looked up before any click: sidePanel.open must run synchronously in the gesture.
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => {
      if (active?.id !== undefined) setTab({ id: active.id, windowId: active.windowId });
    });
    // The shortcut in effect (the user may have changed it, or the browser left it unset).
    void browser.commands?.getAll().then(setCommands, reportTo('popup: read the shortcut'));
  }, []);

  const start = () => {
    if (!tab) return;
    // The side panel starts the picker too, should this popup close before the background
    // got our request (lib/popup/start-intent.ts). Written first, inside the click.
    void requestStartTagging(browser.storage.session as unknown as IntentArea, tab.id).catch(reportTo('popup: leave the start intent'));
    // Picking goes on without the panel (the toolbar can open it): the failure is recorded.
    const opening = openSidePanel(tab.id, tab.windowId).catch(reportTo('popup: open the side panel'));
    void sendToBackground({ type: 'start-picking', tabId: tab.id }).then(async (answer) => {
      await opening;
      if (answer.ok) window.close();
      else setError(answer.error);
    });
  };

  const openList = () => {
    if (!tab) return;
    void openSidePanel(tab.id, tab.windowId).then(() => window.close(), (e: Error) => setError(e.message));
  };

  return (
    <main class="popup">
      <h1>Tagpoint</h1>
      <p>Tag this page by pointing and clicking.</p>
      <button type="button" class="primary" onClick={start} disabled={!tab}>
        Start tagging
      </button>
      <button type="button" onClick={openList} disabled={!tab}>
        Open tag list
      </button>
      <p class="hint" data-testid="shortcut">{shortcutHint(commands)}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </main>
  );
}
