export * from './shortcut';
export * from './start-intent';
