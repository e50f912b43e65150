/** The picker overlay's logic: hover tracking, event suppression, key walking, privacy checks, editor helpers. */
export * from './controller';
export * from './geometry';
export * from './hover';
export * from './naming';
export * from './navigate';
export * from './page-rules';
export * from './privacy';
export * from './property-value';
export * from './suppress';
export * from './tag-state';
export * from './editor-draft';
export * from './page-watcher';
export * from './locators';
export * from './handlers';
export * from './reference';
export * from './snap';
