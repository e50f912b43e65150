/** Drafts per site in extension storage: versioned layout, migrations, import/export as tag config. */
export * from './drafts';
export * from './exchange';
export * from './migrate';
export * from './schema';
export * from './site-id';
