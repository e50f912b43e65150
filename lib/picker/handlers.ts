import type { Locator } from '../config/types';
import { PropertySchema } from '../config/schema';
import { MAX_VALUE_LENGTH } from '../config/limits';
import type { PickerHandlers, PropertyPreview } from '../messages/schemas';
import { previewElements } from './reference';
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

  // undefined without resolveWithReason; -1 as countMatches when the locator throws here.
  const relocationOf = (target: Locator) => {
    try {
      return locators.resolveWithReason?.(target, doc);
    } catch {
      return -1;
    }
  };

  return {
    'picker:ping': () => ({ ok: true, picking: controller.getState().mode === 'picking' }),
    'picker:start': (request) => {
      options.onStart?.(request.requestId);
      controller.start(request.purpose, { target: request.target });
      return { ok: true };
    },
    'picker:stop': () => {
      controller.clear();
      return { ok: true };
    },
    'picker:page-info': () => ({ url: win.location.href.slice(0, MAX_VALUE_LENGTH * 4), title: doc.title.slice(0, 1000) }),
    'picker:count': (request) => {
      // One resolution per target: its count and, when relocation found it, how sure it was.
      const answers = request.targets.map((target) => (target ? (relocationOf(target) ?? countMatches(target)) : 0));
      const counts = answers.map((a) => (typeof a === 'number' ? a : a.elements.filter((el) => el !== ownHost).length));
      const relocated = answers.map((a) => (typeof a === 'number' ? null : (a.relocated ?? null)));
      return { counts, ...(relocated.some((r) => r) ? { relocated } : {}) };
    },
    'picker:repair-target': (request) => {
      // Only an element relocation found, alone: the new locator is made from it as a pick would.
      const found = relocationOf(request.target);
      const el = typeof found === 'object' && found.relocated && found.elements.length === 1 ? found.elements[0]! : undefined;
      return { target: el && el !== ownHost ? locators.createLocator(el) : null };
    },
    'picker:highlight': (request) => ({ count: controller.highlight(request.target ?? undefined, { scroll: request.scroll }) }),
    'picker:preview': (request) => {
      let matches: Element[] = [];
      try {
        matches = request.target ? locators.resolveLocator(request.target, doc).filter((el) => el !== ownHost) : [];
      } catch {
        // A locator this page's engine throws on previews nothing (the side panel shows no value).
      }
      // Read from the element the marketer picked (not the first card), and from two others.
      const { primary: target, others } = previewElements(matches, controller.getPicked());
      const clip = (value: PropertyPreview['value']) => (typeof value === 'string' ? value.slice(0, maxLength) : value);
      return {
        // Properties come as drafts: one not complete yet says so instead of failing the rest.
        values: request.properties.map((raw) => {
          const parsed = PropertySchema.safeParse(raw);
          if (!parsed.success) return { value: null, warnings: ['the property is not complete yet'], refused: false };
          const preview = previewProperty(parsed.data, target, { doc });
          const more = others.map((other) => clip(previewProperty(parsed.data, other, { doc }).value));
          const warnings = [...preview.warnings];
          // A value read elsewhere than the tag's element, the same for every match: likely one record read for all.
          if (more.length > 0 && preview.value !== null && 'selector' in parsed.data && parsed.data.selector && more.every((v) => v === preview.value)) {
            warnings.push('every match sends this same value: check it is read from the clicked record');
          }
          return { ...preview, value: clip(preview.value), warnings: warnings.slice(0, 10), ...(more.length > 0 ? { others: more } : {}) };
        }),
      };
    },
  };
}
