import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText, sendToBackground, sendToPicker } from '../../lib/messages';

/** The tab the panel works on and what it knows of its page. */
export interface TabSession {
  tabId?: number;
  url?: string;
  title?: string;
  /** Why the page cannot be tagged (no access yet, a browser page). */
  error?: string;
  /** Bumped on every (re)connection, so counts are asked again. */
  generation: number;
  reconnect(): void;
}

/**
 * Connects the panel to a tab: the pinned one, or the active tab of the panel's window
 * (followed as the user switches tabs). Injects the picker (quietly, without starting to
 * pick) so the panel can count matches, and reconnects after each page load.
 */
export function useTabSession(pinnedTabId: number | undefined): TabSession {
  const [tabId, setTabId] = useState<number | undefined>(pinnedTabId);
  const [info, setInfo] = useState<{ url?: string; title?: string; error?: string; generation: number }>({ generation: 0 });
  const [tick, setTick] = useState(0);
  const reconnect = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (pinnedTabId !== undefined) return undefined;
    const pickActive = () =>
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id));
    pickActive();
    const onActivated = () => pickActive();
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  }, [pinnedTabId]);

  useEffect(() => {
    if (tabId === undefined) return undefined;
    const onUpdated = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') reconnect();
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => browser.tabs.onUpdated.removeListener(onUpdated);
  }, [tabId, reconnect]);

  useEffect(() => {
    if (tabId === undefined) return;
    let cancelled = false;
    void (async () => {
      const ready = await sendToBackground({ type: 'ensure-picker', tabId });
      if (cancelled) return;
      if (!ready.ok) {
        setInfo((i) => ({ error: ready.error, generation: i.generation + 1 }));
        return;
      }
      try {
        const page = await sendToPicker(tabId, { type: 'picker:page-info' });
        if (!cancelled) setInfo((i) => ({ url: page.url, title: page.title, generation: i.generation + 1 }));
      } catch (error) {
        if (!cancelled) setInfo((i) => ({ error: errorText(error), generation: i.generation + 1 }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [tabId, tick]);

  return { tabId, ...info, reconnect };
}
