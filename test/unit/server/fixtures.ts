import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tag, TagConfig } from '../../../lib/config';

/** A fresh temp folder, removed by the returned function. */
export function tempDir(prefix = 'tagpoint-registry-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid config of `count` click tags for `site`. */
export function makeConfig(site = 'shop', count = 2, edit: (tag: Tag, index: number) => Tag = (t) => t): TagConfig {
  return {
    version: 1,
    site,
    revision: 0,
    tags: Array.from({ length: count }, (_, i) =>
      edit(
        {
          id: `t${i}`,
          event: `Button ${i} Clicked`,
          trigger: 'click',
          target: { selector: `[data-testid=b${i}]` },
          properties: [{ name: 'placement', source: 'static', value: 'grid' }],
        },
        i,
      ),
    ),
  };
}
