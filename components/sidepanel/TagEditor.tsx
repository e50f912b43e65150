import { TARGETLESS_TRIGGERS, TRIGGERS, type Trigger } from '../../lib/config/limits';
import type { ConfigError } from '../../lib/config/types';
import { DEFAULT_SCROLL_THRESHOLDS, rowKey, type PropertyInput, type TagDraft } from '../../lib/picker/editor-draft';
import { checkEventName } from '../../lib/picker/naming';
import type { PropertyRowState } from '../../lib/sidepanel';
import { PageRules } from './PageRules';
import { PropertyRow } from './PropertyRow';

/** Props of the tag editor. */
export interface TagEditorProps {
  draft: TagDraft;
  url: string;
  /** Event names of the site's other tags. */
  existingEvents: string[];
  /** What is known of each property row besides the row, by row key. */
  rows: Readonly<Record<string, PropertyRowState>>;
  pickingRow?: string;
  errors: ConfigError[];
  onChange(draft: TagDraft): void;
  onPickProperty(key: string): void;
  onRepickTarget(): void;
  onSave(): void;
  onCancel(): void;
}

const TRIGGER_LABELS: Record<Trigger, string> = {
  click: 'Click',
  submit: 'Form submit',
  change: 'Field change',
  pageview: 'Page view',
  visible: 'Scrolled into view',
  scroll: 'Scroll depth',
};

/** The tag editor: event name, trigger, target, properties, pages, enabled. */
export function TagEditor(props: TagEditorProps) {
  const { draft, onChange } = props;
  const set = (patch: Partial<TagDraft>) => onChange({ ...draft, ...patch });
  const nameWarnings = checkEventName(draft.event, props.existingEvents);
  const setRow = (index: number, row: PropertyInput) => set({ properties: draft.properties.map((r, i) => (i === index ? row : r)) });
  return (
    <form
      class="editor"
      aria-labelledby="editor-heading"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <h2 id="editor-heading">{draft.isNew ? 'New tag' : 'Edit tag'}</h2>
      <div class="row stacked">
        <label for="event-name">Event name</label>
        <input id="event-name" value={draft.event} onInput={(e) => set({ event: e.currentTarget.value })} aria-describedby="event-name-help" autoComplete="off" />
        <span id="event-name-help" class="muted">
          "Object Action" in Title Case, e.g. Product Added
        </span>
        {nameWarnings.map((w) => (
          <span key={w.message} class="warning" role="status" data-testid={`name-${w.kind}`}>
            ⚠ {w.message}
          </span>
        ))}
      </div>
      <div class="row">
        <label for="trigger">Trigger</label>
        <select id="trigger" value={draft.trigger} onChange={(e) => set({ trigger: e.currentTarget.value as Trigger })}>
          {TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {TRIGGER_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {draft.trigger === 'scroll' && (
        <div class="row stacked">
          <label for="scroll-thresholds">Depths (% of the page scrolled through)</label>
          <input
            id="scroll-thresholds"
            value={draft.scrollThresholds ?? DEFAULT_SCROLL_THRESHOLDS}
            onInput={(e) => set({ scrollThresholds: e.currentTarget.value })}
            aria-describedby="scroll-help"
            autoComplete="off"
          />
          <span id="scroll-help" class="muted">
            Each fires once per page view, with the depth as the scroll_depth property.
          </span>
        </div>
      )}
      {draft.trigger === 'visible' && (
        <fieldset class="row stacked">
          <legend>Counts as seen when</legend>
          <label for="visible-percent">Share of the element in view (%)</label>
          <input id="visible-percent" inputMode="numeric" placeholder="50" value={draft.visibleMinPercent ?? ''} onInput={(e) => set({ visibleMinPercent: e.currentTarget.value })} />
          <label for="visible-seconds">For at least (seconds)</label>
          <input id="visible-seconds" inputMode="decimal" placeholder="0" value={draft.visibleMinSeconds ?? ''} onInput={(e) => set({ visibleMinSeconds: e.currentTarget.value })} />
          <label for="visible-once">Fire</label>
          <select id="visible-once" value={draft.visibleOnce ?? 'element'} onChange={(e) => set({ visibleOnce: e.currentTarget.value as 'element' | 'page' })}>
            <option value="element">once per element and page view</option>
            <option value="page">once per page view</option>
          </select>
        </fieldset>
      )}
      {!TARGETLESS_TRIGGERS.includes(draft.trigger) && (
        <div class="row stacked target">
          <span class="label">Element</span>
          <code data-testid="target-selector">{draft.target?.selector ?? '(none picked)'}</code>
          {draft.targetCount !== undefined && (
            <span data-testid="target-count" class={draft.targetCount > 0 ? 'ok' : 'error'}>
              {draft.targetCount === 1 ? 'matches 1 element on this page' : `matches ${draft.targetCount} elements on this page`}
            </span>
          )}
          <button type="button" onClick={props.onRepickTarget}>
            Pick element again
          </button>
        </div>
      )}
      <section aria-labelledby="props-heading">
        <h3 id="props-heading">Properties</h3>
        {draft.properties.map((row, i) => (
          <PropertyRow
            key={row.key}
            row={row}
            index={i}
            preview={props.rows[row.key]?.preview}
            refused={props.rows[row.key]?.refusal}
            picking={props.pickingRow === row.key}
            attributes={props.rows[row.key]?.attributes}
            onChange={(next) => setRow(i, next)}
            onPick={() => props.onPickProperty(row.key)}
            onRemove={() => set({ properties: draft.properties.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" onClick={() => set({ properties: [...draft.properties, { key: rowKey(), name: '', source: 'text' }] })}>
          Add property
        </button>
      </section>
      <PageRules url={draft.pageUrl ?? props.url} scope={draft.scope} pages={draft.pages} onChange={(scope, pages) => set({ scope, pages })} />
      <label class="checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
        Enabled
      </label>
      {props.errors.length > 0 && (
        <ul class="errors" role="alert" aria-label="Problems to fix">
          {props.errors.map((e) => (
            <li key={`${e.path}:${e.message}`} class="error">
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          Save tag
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
