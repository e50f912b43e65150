export * from './shortcut';
