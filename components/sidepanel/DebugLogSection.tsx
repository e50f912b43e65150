import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { debugLog, debugLogExport, debugLogFileName, describeError } from '../../lib/debug';
import { downloadText } from './download';

/** The debug log (lib/debug): how many failures it holds, export for a bug report, clear. */
export function DebugLogSection() {
  const [count, setCount] = useState<number | undefined>(undefined);
  const [message, setMessage] = useState('');

  const refresh = () =>
    debugLog()
      .entries()
      .then((entries) => setCount(entries.length))
      .catch((error: unknown) => setMessage(`The debug log could not be read: ${describeError(error)}`));

  useEffect(() => void refresh(), []);

  const doExport = async () => {
    try {
      const entries = await debugLog().entries();
      const now = Date.now();
      downloadText(debugLogFileName(now), debugLogExport(entries, { version: browser.runtime.getManifest().version, userAgent: navigator.userAgent, exportedAt: now }));
      setCount(entries.length);
      setMessage(`Exported ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}.`);
    } catch (error) {
      setMessage(`The debug log could not be exported: ${describeError(error)}`);
    }
  };

  const doClear = async () => {
    try {
      await debugLog().clear();
      setCount(0);
      setMessage('Cleared the debug log.');
    } catch (error) {
      setMessage(`The debug log could not be cleared: ${describeError(error)}`);
    }
  };

  return (
    <details class="debug-log" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void refresh()}>
      <summary>Debug log{count ? ` (${count})` : ''}</summary>
      <p>Failures the extension met without a place to show them (a tab that went away, a storage write). Export them for a bug report; they hold no page content.</p>
      <button type="button" onClick={() => void doExport()}>
        Export debug log
      </button>{' '}
      <button type="button" onClick={() => void doClear()} disabled={!count}>
        Clear
      </button>
      {message && (
        <p role="status" class="ok">
          {message}
        </p>
      )}
    </details>
  );
}
