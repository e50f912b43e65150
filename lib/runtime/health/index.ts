/** Tag health in the runtime (ES module build, `tagpoint-health.mjs`): see health.ts and lib/runtime/README.md. */
export { createHealth, configSample, sampleRate, MAX_BEACON_CHARS, type Health, type HealthOptions } from './health';
