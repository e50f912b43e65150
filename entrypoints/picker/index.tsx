import { render } from 'preact';
import { browser } from 'wxt/browser';
import { mountOverlayHost } from '../../components/overlay/host';
import { Overlay } from '../../components/overlay';
import { createPickerController } from '../../lib/picker/controller';
import { previewProperty } from '../../lib/picker/property-value';
import { PropertySchema } from '../../lib/config/schema';
import type { Locator } from '../../lib/config/types';
import { emitPickerEvent, PickerRequestSchema, type PickerRequest } from '../../lib/messages';
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

  const handle = (request: PickerRequest): unknown => {
    switch (request.type) {
      case 'picker:ping':
        return { ok: true, picking: controller.getState().mode === 'picking' };
      case 'picker:start':
        pendingRequestId = request.requestId;
        controller.start(request.purpose);
        return { ok: true };
      case 'picker:stop':
        controller.clear();
        return { ok: true };
      case 'picker:page-info':
        return { url: location.href, title: document.title.slice(0, 1000) };
      case 'picker:count':
        return { counts: request.targets.map((target) => (target ? countMatches(target) : 0)) };
      case 'picker:highlight': {
        return { count: controller.highlight(request.target ?? undefined, { scroll: request.scroll }) };
      }
      case 'picker:preview': {
        let target: Element | undefined;
        try {
          target = request.target ? pickerLocators.resolveLocator(request.target, document)[0] : undefined;
        } catch {
          // A locator this page's engine throws on previews nothing (the side panel shows no value).
          target = undefined;
        }
        return {
          values: request.properties.map((raw) => {
            const parsed = PropertySchema.safeParse(raw);
            if (!parsed.success) return { value: null, warnings: ['the property is not complete yet'], refused: false };
            const preview = previewProperty(parsed.data, target);
            return { ...preview, value: typeof preview.value === 'string' ? preview.value.slice(0, 1000) : preview.value, warnings: preview.warnings.slice(0, 10) };
          }),
        };
      }
    }
  };

  function countMatches(target: Locator): number {
    try {
      return pickerLocators.resolveLocator(target, document).filter((el) => el !== host.element).length;
    } catch {
      // -1 tells the side panel the count is unknown (the locator throws on this page).
      return -1;
    }
  }

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
