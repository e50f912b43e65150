import { afterEach, describe, expect, it } from 'vitest';
import { start, type TagpointHandle } from '../../../lib/runtime';
import { NOT_FIRED_REASONS, type DebugMessage } from '../../../lib/runtime/debug-protocol';
import { DebugMessageSchema } from '../../../lib/preview/schemas';

// The debug bridge is one contract with two spellings: the runtime's types (it cannot carry zod)
// and the extension's schema. `tsc` links the types (DebugContractHolds in lib/preview/schemas.ts);
// this test links the values: every message the real runtime posts is accepted by the schema the
// preview parses it with, for every message type and every not-fired reason it can produce.

const handles: TagpointHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
  document.body.innerHTML = '';
});

function collect(): DebugMessage[] {
  history.replaceState(null, '', '/products/desk?x=1');
  document.body.innerHTML = `
    <div class="card"><h2 class="title">Desk</h2><button class="add" id="add">Add</button></div>
    <a id="nothing" href="#n">nothing</a>`;
  const messages: DebugMessage[] = [];
  const tags = [
    { id: 'fires', event: 'Product Added', trigger: 'click', target: { selector: '.add' }, properties: [{ name: 'title', source: 'text', selector: '.title' }] },
    { id: 'misses', event: 'Other', trigger: 'click', target: { selector: '#never' } },
    { id: 'off', event: 'Off', trigger: 'click', enabled: false, target: { selector: '.add' } },
    { id: 'elsewhere', event: 'Elsewhere', trigger: 'click', target: { selector: '.add' }, pages: [{ match: 'path-prefix', value: '/checkout' }] },
    { id: 'viewed', event: 'Viewed', trigger: 'pageview' },
    { id: 'broken', event: 'Broken', trigger: 'click', target: { selector: '<<<' } },
  ];
  const handle = start({
    config: { version: 1, site: 'shop', revision: 3, tags },
    track: () => undefined,
    debug: (m) => messages.push(m),
    relocationBudget: 1000,
    clickBudget: 1000,
  }) as TagpointHandle;
  handles.push(handle);
  document.getElementById('add')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  // A config the runtime cannot read: a load error, and the good config stays in use.
  handle.update({ version: 99 });
  // A budget spent before it starts (-1 ms, so no clock resolution can let a test run): the tag
  // whose selector has no key to look it up by is not tested and says over-budget.
  const keyless = { id: 'keyless', event: 'Any', trigger: 'click', target: { selector: ':is(a, button)' } };
  const tight = start({
    config: { version: 1, site: 'shop', revision: 4, tags: [keyless] },
    track: () => undefined,
    debug: (m) => messages.push(m),
    clickBudget: -1,
  }) as TagpointHandle;
  handles.push(tight);
  document.getElementById('nothing')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  return messages;
}

describe('debug bridge contract', () => {
  it('every message the runtime posts is one the preview schema accepts', () => {
    const messages = collect();
    const types = new Set(messages.map((m) => m.type));
    // Each message type the runtime declares is produced here, so none escapes the check.
    expect([...types].sort()).toEqual(['config', 'fired', 'invalid-tag', 'load-error', 'not-fired', 'page']);
    for (const message of messages) {
      const parsed = DebugMessageSchema.safeParse(message);
      expect(parsed.success, `${JSON.stringify(message)}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('every not-fired reason the runtime declares is produced here', () => {
    const reasons = new Set(collect().flatMap((m) => (m.type === 'not-fired' ? [m.reason] : [])));
    expect([...reasons].sort()).toEqual([...NOT_FIRED_REASONS].sort());
  });

  it('the schema refuses what the runtime never sends (a claim from the page is checked)', () => {
    const base = { source: 'tagpoint-runtime', url: 'http://127.0.0.1/', revision: 1 };
    expect(DebugMessageSchema.safeParse({ ...base, type: 'not-fired', tag: 't', event: 'e', trigger: 'click', reason: 'because' }).success).toBe(false);
    expect(DebugMessageSchema.safeParse({ ...base, type: 'page', active: 'many' }).success).toBe(false);
    expect(DebugMessageSchema.safeParse({ ...base, type: 'unknown' }).success).toBe(false);
  });
});
