/**
 * What the publishing view tests share: a real registry (`tagpoint serve`, a child process)
 * on 127.0.0.1 with tokens made beforehand, and small DOM helpers for Preact views under
 * happy-dom.
 */
import { render, type VNode } from 'preact';
import { join } from 'node:path';
import { openDatabase } from '../../../lib/server/db';
import { createStore } from '../../../lib/server/store';
import type { TokenRole } from '../../../lib/server/tokens';
import { spawnServe } from '../server/cli-helpers';
import { tempDir } from '../server/fixtures';

/** A running registry and the tokens asked for, in the order asked. */
export interface TestRegistry {
  url: string;
  tokens: string[];
  /** Stops the server and removes its database. */
  stop(): Promise<void>;
}

/**
 * Starts `tagpoint serve` on a fresh database holding a token per entry of `tokens`. Default
 * max-age (60 s): happy-dom caches config.json like a browser, so clients must cope with it.
 */
export async function startTestRegistry(tokens: { site: string; role: TokenRole; label?: string }[]): Promise<TestRegistry> {
  const dir = tempDir();
  const dbPath = join(dir.dir, 'tagpoint.db');
  const store = createStore(openDatabase(dbPath));
  const made = tokens.map((t) => store.createToken(t).token);
  store.close();
  const server = await spawnServe(['--db', dbPath]);
  return {
    url: server.url,
    tokens: made,
    async stop() {
      await server.stop();
      dir.remove();
    },
  };
}

const mounted = new Set<HTMLElement>();

/** Renders `vnode` into a new container in the document; `unmountAll` takes it away. */
export function mount(vnode: VNode): HTMLElement {
  const container = document.createElement('div');
  document.body.appendChild(container);
  render(vnode, container);
  mounted.add(container);
  return container;
}

/** Unmounts and removes every container `mount` made (call it after each test). */
export function unmountAll(): void {
  for (const container of mounted) {
    render(null, container);
    container.remove();
  }
  mounted.clear();
}

/** Retries `check` every 20 ms until it stops throwing, or throws its last error after `timeoutMs`. */
export async function waitFor<T>(check: () => T, timeoutMs = 5_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The button whose text or aria-label is `name` (a RegExp is tested against the label, else the text). */
export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) =>
    typeof name === 'string' ? b.textContent === name || b.getAttribute('aria-label') === name : name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

/** Types into a field and waits for Preact's (asynchronous) re-render, as a user's next click would. */
export async function type(element: Element, value: string): Promise<void> {
  (element as HTMLInputElement).value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The element's text content. */
export const text = (root: Element): string => root.textContent ?? '';
