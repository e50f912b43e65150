/** The runtime's version, reported by the analytics-next plugin. */
export const VERSION = '0.1.0';
