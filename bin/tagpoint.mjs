#!/usr/bin/env node
// The CLI is written in TypeScript; tsx (a runtime dependency) compiles it on the fly,
// so `npx tagpoint` works from a checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
