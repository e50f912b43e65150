/**
 * Groups the runtime's debug messages by the user action that caused them. The runtime
 * reports `fired` / `not-fired` synchronously from its capture listener on `document`; the
 * recorder's capture listener on `window` runs first and opens the action, and the action
 * is closed on the next task (or when the next action opens, e.g. the submit a click causes).
 */
import type { NotFiredInput } from './candidates';
import type { Primitive } from './sanitize';

/** The user actions the runtime reports on. */
export type ActionTrigger = 'click' | 'submit' | 'change';
const ACTIONS: ActionTrigger[] = ['click', 'submit', 'change'];

/** A tag that fired, as the runtime reported it. */
export interface FiredInput {
  tag: string;
  event: string;
  trigger: string;
  properties: Record<string, Primitive>;
  element?: string;
  relocated?: boolean;
  url: string;
}

/** One user action and what the runtime made of it. */
export interface ActionRecord {
  trigger: ActionTrigger;
  /** The element acted on (the event's target). */
  target: Element | undefined;
  /** The event's composed path (elements only), for finding the fired tag's element. */
  path: Element[];
  url: string;
  fired: FiredInput[];
  notFired: NotFiredInput[];
}

/** Options of `createActionRecorder`. */
export interface ActionRecorderOptions {
  win?: Window;
  /** Called once per action, after the runtime has reported on it. */
  onAction(action: ActionRecord): void;
  /** Fired messages outside any action (page views, visible tags). */
  onFired(fired: FiredInput): void;
}

/** The recorder: feed it the runtime's messages with `fired` / `notFired`. */
export interface ActionRecorder {
  fired(message: FiredInput): void;
  notFired(message: NotFiredInput & { trigger: string }): void;
  /** Closes the open action now. */
  flush(): void;
  dispose(): void;
}

/** Starts recording actions on the window. */
export function createActionRecorder(options: ActionRecorderOptions): ActionRecorder {
  const win = options.win ?? window;
  let open: ActionRecord | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const action = open;
    open = undefined;
    if (action) options.onAction(action);
  };

  const onEvent = (event: Event) => {
    flush();
    const trigger = event.type as ActionTrigger;
    const path = event.composedPath().filter((n): n is Element => (n as Node).nodeType === 1);
    open = { trigger, target: path[0], path, url: win.location.href, fired: [], notFired: [] };
    // A task, not a microtask: microtasks run between listeners of a user event, before
    // the runtime's listener on document has reported.
    timer = setTimeout(flush, 0);
  };
  for (const type of ACTIONS) win.addEventListener(type, onEvent, true);

  return {
    fired(message) {
      if (open && message.trigger === open.trigger) open.fired.push(message);
      else options.onFired(message);
    },
    notFired(message) {
      if (open && message.trigger === open.trigger) open.notFired.push(message);
    },
    flush,
    dispose() {
      flush();
      for (const type of ACTIONS) win.removeEventListener(type, onEvent, true);
    },
  };
}
