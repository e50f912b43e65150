/**
 * The event log as files: JSON (the entries as they are) and CSV for spreadsheets. CSV
 * cells that a spreadsheet would read as a formula (`= + - @`, and tab / carriage return
 * which some treat the same) get a leading `'`, since their text comes from the page.
 */
import { describeCandidate } from './candidates';
import type { LogEntry } from './schemas';

/** The log as pretty JSON, with a small header saying what it is. */
export function entriesToJson(entries: readonly LogEntry[], meta: { exportedAt?: number } = {}): string {
  return `${JSON.stringify({ format: 'tagpoint-preview-log', version: 1, exportedAt: new Date(meta.exportedAt ?? Date.now()).toISOString(), entries }, null, 2)}\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised against formulas, quoted when needed. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of the CSV export. */
export const CSV_COLUMNS = ['time', 'kind', 'event', 'tag', 'trigger', 'url', 'element', 'properties', 'why not fired'] as const;

/** The log as CSV (RFC 4180, CRLF line ends), one row per entry. */
export function entriesToCsv(entries: readonly LogEntry[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const why = e.candidates?.map((c) => `${c.event || c.tag}: ${describeCandidate(c)}`).join('; ') ?? e.text ?? '';
    rows.push(
      [new Date(e.time).toISOString(), e.kind, e.event ?? '', e.tag ?? '', e.trigger ?? '', e.url, e.element ?? '', e.properties ? JSON.stringify(e.properties) : '', why]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
