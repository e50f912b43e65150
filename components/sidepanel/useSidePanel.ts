import { useEffect, useMemo, useState } from 'preact/hooks';
import { createSidePanelState, type SidePanelState, type SidePanelStateOptions, type SidePanelStore } from '../../lib/sidepanel';

/** The side panel's store (lib/sidepanel/state.ts) for the life of the view, and its state as it changes. */
export function useSidePanel(options: SidePanelStateOptions): [SidePanelState, SidePanelStore] {
  const store = useMemo(() => createSidePanelState(options), [options.pinnedTabId]);
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
  return [state, store];
}
