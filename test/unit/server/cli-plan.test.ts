// @vitest-environment node
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCliHere } from './cli-helpers';
import { tempDir } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

const dir = tempDir('tagpoint-cli-plan-');
const file = (name: string, content: unknown) => {
  const path = join(dir.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
afterAll(() => dir.remove());

const optIn = { by: 'Ada Lovelace', at: '2026-05-01T09:30:00Z', purpose: 'CRM sign-up' };

describe('tagpoint validate: traits for a privacy review', () => {
  it('lists every trait and user id an identify tag collects, with its opt-in', async () => {
    const config = {
      version: 1,
      site: 'shop',
      revision: 1,
      tags: [
        {
          id: 'signup',
          event: 'Signed Up',
          trigger: 'submit',
          call: 'identify',
          target: { selector: 'form#signup' },
          userId: { source: 'value', selector: '#email', optIn },
          traits: [{ name: 'name', source: 'value', selector: '#name', optIn: { by: 'Ada Lovelace', at: '2026-05-01T09:30:00Z' } }],
        },
      ],
    };
    const result = await runCliHere(['validate', file('identify.json', config)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('collects 2 personal traits (identify calls):');
    expect(result.stdout).toContain('signup "Signed Up": userId from value #email, opted in by Ada Lovelace at 2026-05-01T09:30:00Z for CRM sign-up');
    expect(result.stdout).toContain('signup "Signed Up": name from value #name, opted in by Ada Lovelace at 2026-05-01T09:30:00Z');
  });
});
