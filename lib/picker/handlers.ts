import type { Locator } from '../config/types';
import { PropertySchema } from '../config/schema';
import { MAX_VALUE_LENGTH } from '../config/limits';
import type { PickerHandlers } from '../messages/schemas';
import type { LocatorFunctions, PickerController } from './controller';
import { previewProperty } from './property-value';

/** Options of `createPickerHandlers`. */
export interface PickerHandlerOptions {
  controller: PickerController;
  locators: LocatorFunctions;
  /** Our own overlay's host element: never counted as a match. */
  ownHost: Element;
  /** Called with a `picker:start` request's id, so the events it leads to carry it. */
  onStart?: (requestId: string | undefined) => void;
  /** Default: `window`. */
  win?: Window;
  /** Longest preview text sent back (PickerResponseSchemas caps it too). Default 1,000. */
  maxPreviewLength?: number;
}

/**
 * The picker content script's answers to the extension's requests, one handler per request
 * type, each typed by its answer schema (lib/messages/schemas.ts). Counts and previews go
 * through the same locator resolution as the runtime (lib/core via lib/selector).
 */
export function createPickerHandlers(options: PickerHandlerOptions): PickerHandlers {
  const { controller, locators, ownHost } = options;
  const win = options.win ?? window;
  const doc = win.document;
  const maxLength = options.maxPreviewLength ?? 1000;

  const countMatches = (target: Locator): number => {
    try {
      return locators.resolveLocator(target, doc).filter((el) => el !== ownHost).length;
    } catch {
      // -1 tells the side panel the count is unknown (the locator throws on this page).
      return -1;
    }
  };

  return {
    'picker:ping': () => ({ ok: true, picking: controller.getState().mode === 'picking' }),
    'picker:start': (request) => {
      options.onStart?.(request.requestId);
      controller.start(request.purpose);
      return { ok: true };
    },
    'picker:stop': () => {
      controller.clear();
      return { ok: true };
    },
    'picker:page-info': () => ({ url: win.location.href.slice(0, MAX_VALUE_LENGTH * 4), title: doc.title.slice(0, 1000) }),
    'picker:count': (request) => ({ counts: request.targets.map((target) => (target ? countMatches(target) : 0)) }),
    'picker:highlight': (request) => ({ count: controller.highlight(request.target ?? undefined, { scroll: request.scroll }) }),
    'picker:preview': (request) => {
      let target: Element | undefined;
      try {
        target = request.target ? locators.resolveLocator(request.target, doc)[0] : undefined;
      } catch {
        // A locator this page's engine throws on previews nothing (the side panel shows no value).
        target = undefined;
      }
      return {
        // Properties come as drafts: one not complete yet says so instead of failing the rest.
        values: request.properties.map((raw) => {
          const parsed = PropertySchema.safeParse(raw);
          if (!parsed.success) return { value: null, warnings: ['the property is not complete yet'], refused: false };
          const preview = previewProperty(parsed.data, target, { doc });
          return { ...preview, value: typeof preview.value === 'string' ? preview.value.slice(0, maxLength) : preview.value, warnings: preview.warnings.slice(0, 10) };
        }),
      };
    },
  };
}
