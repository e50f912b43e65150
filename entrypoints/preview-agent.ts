import { browser } from 'wxt/browser';
import { createPageOutline } from '../components/preview/page-outline';
import { createPreviewAgent, type PreviewAgent } from '../lib/preview/agent';
import { AgentRequestSchema, HelloAnswerSchema, type AgentAnswer, type AgentHandlers, type AgentRequest, type LogEntry } from '../lib/preview/schemas';

/**
 * The preview agent content script (lib/preview/agent.ts), injected on demand by the
 * background's preview service into a tab's top frame. It asks the background what to run,
 * so a page load in a previewed tab picks the preview up again. Injecting twice keeps the
 * first instance.
 */
export default defineUnlistedScript(() => {
  const flag = '__tagpointPreviewAgent';
  const scope = globalThis as unknown as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;

  const outline = createPageOutline(document);
  let agent: PreviewAgent | undefined;

  // Rejects when the extension was reloaded or updated under the page (this script's context is
  // gone, and with it the debug log's storage) or the worker is restarting: the batch is lost,
  // the next one tries again. Nothing here may throw into the page.
  const emit = (entries: LogEntry[]) => void browser.runtime.sendMessage({ type: 'preview:entries', entries }).catch(() => undefined);

  const run = (settings: { config: unknown; send: boolean; live: boolean }) => {
    if (agent?.running) agent.update(settings);
    else agent = createPreviewAgent({ ...settings, emit, outline });
  };

  // One handler per request, each typed by its answer schema (lib/preview/schemas.ts).
  const handlers: AgentHandlers = {
    'preview:agent-ping': () => ({ ok: true, running: !!agent?.running, url: location.href.slice(0, 4000) }),
    'preview:agent-update': (request) => (run(request), { ok: true }),
    'preview:agent-stop': () => {
      agent?.stop();
      agent = undefined;
      outline.clear();
      return { ok: true };
    },
    'preview:agent-outline': (request) => ({ count: agent?.outline(request) ?? 0 }),
    'preview:agent-coverage': (request) => ({ url: location.href.slice(0, 4000), tags: agent?.coverage(request.show) ?? [] }),
  };
  const handle = <R extends AgentRequest>(request: R) => (handlers[request.type] as (r: R) => AgentAnswer<R['type']>)(request);

  // Only this extension reaches runtime.onMessage; the page's postMessage never commands us.
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = AgentRequestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    return Promise.resolve(handle(parsed.data));
  });

  void browser.runtime.sendMessage({ type: 'preview:hello', url: location.href.slice(0, 4000) }).then(
    (answer: unknown) => {
      const parsed = HelloAnswerSchema.safeParse(answer);
      if (parsed.success && parsed.data.run && !agent) run(parsed.data);
    },
    () => undefined,
  );
  // No pagehide teardown: an unloading page ends the agent with it, and a page kept in the
  // back-forward cache comes back with its preview still running. What is gathered is sent
  // first, so the click on a link that navigates away is in the log.
  window.addEventListener('pagehide', () => agent?.flush());
});
