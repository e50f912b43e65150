// @vitest-environment node
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../scripts/find-chromium.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'tagpoint-find-chromium-'));
const executable = path.join(dir, 'chromium');
writeFileSync(executable, '#!/bin/sh\n');
chmodSync(executable, 0o755);
const notExecutable = path.join(dir, 'readme.txt');
writeFileSync(notExecutable, 'not a browser');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chromiumPath', () => {
  it('takes CHROMIUM_PATH first, then CHROME_PATH', () => {
    expect(chromiumPath({ CHROMIUM_PATH: executable, CHROME_PATH: '/nowhere' }, [])).toBe(executable);
    expect(chromiumPath({ CHROME_PATH: executable }, [])).toBe(executable);
  });

  it('refuses a variable that names no executable, saying which and how to install one', () => {
    expect(() => chromiumPath({ CHROMIUM_PATH: notExecutable }, [executable])).toThrow(
      /CHROMIUM_PATH is set to ".*readme.txt".*apt-get install chromium fonts-liberation/,
    );
  });

  it('falls back to the first executable candidate path', () => {
    expect(chromiumPath({}, [path.join(dir, 'missing'), notExecutable, executable])).toBe(executable);
  });

  it('throws a clear message when there is none', () => {
    expect(() => chromiumPath({}, [path.join(dir, 'missing')])).toThrow(
      /No Chromium found .*missing.*sudo apt-get install chromium fonts-liberation.*CHROMIUM_PATH/,
    );
  });
});
