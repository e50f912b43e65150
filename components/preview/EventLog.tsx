import type { EntryKind, LogEntry } from '../../lib/preview/schemas';
import { filterEntries, isKindShown, toggleKind, type LogFilter } from '../../lib/preview/filter';
import { WhyNotFired } from './WhyNotFired';

/** Props of EventLog. */
export interface EventLogProps {
  entries: readonly LogEntry[];
  filter: LogFilter;
  onFilterChange(filter: LogFilter): void;
  /** Hovering an entry outlines its element on the page (undefined clears). */
  onHoverEntry?: (entryId: string | undefined) => void;
  onHoverTag?: (tagId: string | undefined) => void;
}

const KIND_LABEL: Record<EntryKind, string> = {
  preview: 'draft',
  live: 'site runtime',
  track: 'analytics.track',
  'no-tag': 'no tag fired',
  notice: 'notice',
};
const KINDS = Object.keys(KIND_LABEL) as EntryKind[];

function time(ms: number): string {
  const d = new Date(ms);
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function Properties({ properties }: { properties: Record<string, string | number | boolean | null> }) {
  const keys = Object.keys(properties);
  if (!keys.length) return <span class="muted">no properties</span>;
  return (
    <details class="props">
      <summary>
        {keys.length} propert{keys.length === 1 ? 'y' : 'ies'}
      </summary>
      <table>
        <tbody>
          {keys.map((k) => (
            <tr key={k} data-testid="property">
              <th scope="row">{k}</th>
              <td>{properties[k] === null ? 'null' : JSON.stringify(properties[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * The event log: one row per fired event, tracked call, action with no tag, or notice. All
 * text is rendered as Preact text nodes (never as HTML): it comes from the page.
 */
export function EventLog({ entries, filter, onFilterChange, onHoverEntry, onHoverTag }: EventLogProps) {
  const shown = filterEntries(entries, filter);
  const toggle = (kind: EntryKind) => onFilterChange(toggleKind(filter, kind, KINDS));
  return (
    <section class="event-log" aria-label="Event log">
      <div class="log-filter">
        <input type="search" placeholder="Search events, tags, properties, URLs" aria-label="Search the log" value={filter.query ?? ''} onInput={(e) => onFilterChange({ ...filter, query: (e.target as HTMLInputElement).value })} />
        <div class="kinds" role="group" aria-label="Show kinds">
          {KINDS.map((k) => (
            <label key={k} class="checkbox">
              <input type="checkbox" checked={isKindShown(filter, k)} onChange={() => toggle(k)} />
              {KIND_LABEL[k]}
            </label>
          ))}
        </div>
      </div>
      <p class="muted" data-testid="log-count">
        {shown.length} of {entries.length} entries
      </p>
      <ol class="entries">
        {shown
          .slice()
          .reverse()
          .map((e) => (
            <li key={e.id} class="entry" data-kind={e.kind} data-testid="log-entry" onMouseEnter={() => onHoverEntry?.(e.id)} onMouseLeave={() => onHoverEntry?.(undefined)}>
              <div class="entry-head">
                <time class="mono">{time(e.time)}</time>
                <span class="kind">{KIND_LABEL[e.kind]}</span>
                {e.event !== undefined && <span class="event-name" data-testid="event-name">{e.event}</span>}
                {e.trigger && <span class="muted">{e.trigger}</span>}
                {e.tag && <span class="muted mono">tag {e.tag}</span>}
                {e.element && <span class="entry-element" data-testid="entry-element">{e.element}</span>}
                {e.relocated && <span class="warn">relocated: its selector no longer finds it</span>}
              </div>
              {e.text && <div class="notice">{e.text}</div>}
              {e.properties && <Properties properties={e.properties} />}
              {e.kind === 'no-tag' && e.candidates && <WhyNotFired candidates={e.candidates} onHoverTag={onHoverTag} />}
              <div class="entry-url muted">{e.url}</div>
            </li>
          ))}
      </ol>
    </section>
  );
}
