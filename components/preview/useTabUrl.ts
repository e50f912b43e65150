import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * The URL of a tab, kept fresh on page loads. Readable with a host permission for the
 * page (granted at preview start) or activeTab; undefined otherwise.
 */
export function useTabUrl(tabId: number | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    if (tabId === undefined) return undefined;
    let live = true;
    const read = () =>
      void browser.tabs.get(tabId).then(
        (tab) => live && setUrl(tab.url),
        () => live && setUrl(undefined),
      );
    read();
    const onUpdated = (id: number, change: { url?: string; status?: string }) => {
      if (id === tabId && (change.url || change.status === 'complete')) read();
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      live = false;
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [tabId]);
  return url;
}
