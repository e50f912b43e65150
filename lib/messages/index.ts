/** Typed, zod-validated messages between the picker content script, background and extension pages. */
export * from './schemas';
export * from './guard';
export * from './client';
export * from './error-text';
export * from './inject';
