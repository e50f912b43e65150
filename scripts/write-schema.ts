/** Writes the JSON Schema of tag config v1 to the committed file (`npm run schema`). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configJsonSchema, JSON_SCHEMA_FILE } from '../lib/config';

const file = resolve(import.meta.dirname, '..', JSON_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${JSON_SCHEMA_FILE}`);
