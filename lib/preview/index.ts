/**
 * Preview and QA: run the draft on the tab with lib/runtime, collect and validate events,
 * why-not-fired, coverage, export. Extension-side (zod); main-world.ts is injected alone.
 */
export * from './limits';
export * from './sanitize';
export * from './rate';
export * from './schemas';
export * from './constants';
export * from './page-channel';
export * from './candidates';
export * from './recorder';
export * from './coverage';
export * from './filter';
export * from './export';
export * from './agent';
export * from './client';
export * from './panel';
export { createPreviewService, PREVIEW_AGENT_FILE, PREVIEW_MAIN_FILE, PREVIEW_KEY_PREFIX, type PreviewService, type PreviewServiceOptions } from './service';
