import { render } from 'preact';
import { browser } from 'wxt/browser';
import { mountOverlayHost } from '../../components/overlay/host';
import { Overlay } from '../../components/overlay';
import { createPickerController } from '../../lib/picker/controller';
import { createPickerHandlers } from '../../lib/picker/handlers';
import { emitPickerEvent, PickerRequestSchema, type PickerRequest, type PickerResponse } from '../../lib/messages';
import { pickerLocators } from '../../lib/picker/locators';
import { createPageWatcher } from '../../lib/picker/page-watcher';

/**
 * The picker content script. Injected on demand with `scripting.executeScript` (activeTab),
 * never declared for every site. Injecting it twice keeps the first instance.
 */
export default defineUnlistedScript(() => {
  const flag = '__tagpointPicker';
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;

  const host = mountOverlayHost(document);
  const controller = createPickerController({
    locators: pickerLocators,
    isOwnElement: (el) => el === host.element,
    onPicked: (selection, element) =>
      void emitPickerEvent({ type: 'picker:picked', url: location.href, locator: selection.locator, count: selection.count, element }),
    onTargetChanged: (selection) => void emitPickerEvent({ type: 'picker:target-changed', locator: selection.locator, count: selection.count }),
    onPropertyPicked: (result) => void emitPickerEvent({ type: 'picker:property-picked', requestId: pendingRequestId, ...result }),
    onPropertyRefused: (reason) => void emitPickerEvent({ type: 'picker:property-refused', requestId: pendingRequestId, reason }),
    onCancelled: () => void emitPickerEvent({ type: 'picker:cancelled' }),
  });
  let pendingRequestId: string | undefined;
  render(<Overlay controller={controller} win={window} />, host.container);

  const watcher = createPageWatcher({
    onLayout: () => controller.refresh(),
    onUrlChange: (url) => void emitPickerEvent({ type: 'picker:url-changed', url }),
  });

  const handlers = createPickerHandlers({
    controller,
    locators: pickerLocators,
    ownHost: host.element,
    onStart: (requestId) => (pendingRequestId = requestId),
  });
  const handle = <R extends PickerRequest>(request: R) => (handlers[request.type] as (r: R) => PickerResponse<R['type']>)(request);

  // Only this extension can reach runtime.onMessage (no externally_connectable); commands
  // never come through window.postMessage, which any page script could forge.
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = PickerRequestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    return Promise.resolve(handle(parsed.data));
  });

  // Kept for completeness: the page unloading ends everything with it.
  window.addEventListener('pagehide', () => {
    watcher.stop();
    controller.dispose();
  }, { once: true });
});
