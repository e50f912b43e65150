/** Drafts per site in extension storage: versioned layout, migrations, import/export as tag config; registry settings. */
export * from './drafts';
export * from './exchange';
export * from './key-watcher';
export * from './migrate';
export * from './schema';
export * from './site-id';
export * from './registry-settings';
