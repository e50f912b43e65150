#!/usr/bin/env node
// `npm start`: the whole Tagpoint demo (registry, demo shop, collector, extension) on
// 127.0.0.1; `npm start -- --smoke` checks it end to end, headless. `npm start -- --help`.
// The logic is TypeScript in lib/demo/start.ts; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/demo/start.ts');
process.exitCode = await main(process.argv.slice(2));
