import type { browser } from 'wxt/browser';

/** `storage.onChanged` as the stores take it (tests pass their own). */
export type StorageChangedEvent = typeof browser.storage.onChanged;

/** Follows single storage keys of one area; see `createKeyWatcher`. */
export interface KeyWatcher {
  /**
   * Calls `listener` with the key's new value (none once removed) whenever it changes
   * in the area, from any extension page. Returns the disposer of this one listener.
   */
  watch(key: string, listener: (newValue: unknown) => void): () => void;
  /** Removes every listener still watching. */
  dispose(): void;
}

/**
 * The onChanged bookkeeping the stores share: one handler per `watch`, filtered to the area
 * and the key, each removed by its own disposer or all at once by `dispose`.
 */
export function createKeyWatcher(onChanged: StorageChangedEvent, areaName: string): KeyWatcher {
  const disposers = new Set<() => void>();
  return {
    watch(key, listener) {
      const handler = (changes: Record<string, { newValue?: unknown }>, name: string) => {
        if (name === areaName && key in changes) listener(changes[key]?.newValue);
      };
      onChanged.addListener(handler);
      const dispose = () => {
        onChanged.removeListener(handler);
        disposers.delete(dispose);
      };
      disposers.add(dispose);
      return dispose;
    },
    dispose() {
      for (const dispose of [...disposers]) dispose();
    },
  };
}
