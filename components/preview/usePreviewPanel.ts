import { useEffect, useMemo, useState } from 'preact/hooks';
import { onPreviewChanged, requestPreviewAccess, sendPreviewRequest, sendToAgent } from '../../lib/preview/client';
import { createPreviewPanelState, type PreviewPanelPorts, type PreviewPanelState, type PreviewPanelStore } from '../../lib/preview/panel';
import type { SiteDrafts } from '../../lib/store';

const ports: PreviewPanelPorts = { sendPreviewRequest, onPreviewChanged, sendToAgent, requestPreviewAccess };

/** The preview store (lib/preview/panel.ts) of a tab for the life of the view, fed the view's inputs. */
export function usePreviewPanel(tabId: number, drafts: SiteDrafts | undefined, url: string | undefined): [PreviewPanelState, PreviewPanelStore] {
  const store = useMemo(() => createPreviewPanelState({ tabId, ports }), [tabId]);
  const [state, setState] = useState(() => store.get());
  useEffect(() => {
    // A change between the first render and this subscription is not lost.
    setState(store.get());
    const stop = store.subscribe(setState);
    return () => {
      stop();
      store.dispose();
    };
  }, [store]);
  useEffect(() => store.setInputs(drafts, url), [store, drafts, url]);
  return [state, store];
}
