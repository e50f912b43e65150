// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';

// Extension pages forbid eval-like code generation: parsing must never construct a Function.
describe('zod runs jitless', () => {
  const original = globalThis.Function;
  afterEach(() => {
    globalThis.Function = original;
  });

  it('parses a config without calling new Function', async () => {
    vi.resetModules();
    const { parseConfig } = await import('../../../lib/config');
    const { designExample } = await import('./example');
    let generated = 0;
    globalThis.Function = new Proxy(original, {
      construct() {
        generated++;
        throw new EvalError('code generation from strings disallowed');
      },
      apply() {
        generated++;
        throw new EvalError('code generation from strings disallowed');
      },
    });
    expect(parseConfig(designExample()).ok).toBe(true);
    expect(parseConfig({}).ok).toBe(false);
    expect(generated).toBe(0);
  });
});
