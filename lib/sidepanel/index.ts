/** The side panel's state and its controller (the view in components/sidepanel only renders it). */
export * from './reduce';
export * from './state';
export * from './tab-session';
