/** The extension's debug log: failures recorded instead of dropped, exported from the side panel. */
export { createDebugLog, debugLog, describeError, reportTo, DEBUG_LOG_KEY, type DebugLog, type DebugLogEntry, type DebugLogOptions } from './log';
export { debugLogExport, debugLogFileName, type DebugLogMeta } from './export';
