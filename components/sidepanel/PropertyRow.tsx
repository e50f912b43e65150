import { PROPERTY_SOURCES, TRANSFORMS, URL_PARTS, type PropertySource } from '../../lib/config/limits';
import type { PropertyInput } from '../../lib/picker/editor-draft';
import type { PropertyPreview } from '../../lib/messages';

/** Props of one property row. */
export interface PropertyRowProps {
  row: PropertyInput;
  index: number;
  preview?: PropertyPreview;
  /** Why the last element picked for this row was refused. */
  refused?: string;
  picking: boolean;
  /** Attribute names of the last element picked (suggestions). */
  attributes?: string[];
  onChange(row: PropertyInput): void;
  onPick(): void;
  onRemove(): void;
}

const SOURCE_LABELS: Record<PropertySource, string> = {
  static: 'Fixed value',
  text: 'Text of an element',
  attribute: 'Attribute of an element',
  value: 'Value of a form field',
  url: 'Page URL',
  query: 'URL query parameter',
};

function readsElement(source: PropertySource): boolean {
  return source === 'text' || source === 'attribute' || source === 'value';
}

function formatValue(value: PropertyPreview['value']): string {
  if (value === null) return '(nothing)';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

/** One event property: name, source, source fields, pick-on-page, current value. */
export function PropertyRow({ row, index, preview, refused, picking, attributes, onChange, onPick, onRemove }: PropertyRowProps) {
  const id = `prop-${row.key}`;
  const set = (patch: Partial<PropertyInput>) => onChange({ ...row, ...patch });
  return (
    <fieldset class="property" data-property-index={index}>
      <legend>Property {index + 1}</legend>
      <div class="row">
        <label for={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={row.name} onInput={(e) => set({ name: e.currentTarget.value })} placeholder="product_name" />
      </div>
      <div class="row">
        <label for={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={row.source} onChange={(e) => set({ source: e.currentTarget.value as PropertySource })}>
          {PROPERTY_SOURCES.map((source) => (
            <option key={source} value={source}>
              {SOURCE_LABELS[source]}
            </option>
          ))}
        </select>
      </div>
      {row.source === 'static' && (
        <div class="row">
          <label for={`${id}-value`}>Value</label>
          <input id={`${id}-value`} value={row.value ?? ''} onInput={(e) => set({ value: e.currentTarget.value })} />
        </div>
      )}
      {row.source === 'attribute' && (
        <div class="row">
          <label for={`${id}-attribute`}>Attribute</label>
          <input id={`${id}-attribute`} list={`${id}-attributes`} value={row.attribute ?? ''} onInput={(e) => set({ attribute: e.currentTarget.value })} placeholder="data-sku" />
          <datalist id={`${id}-attributes`}>
            {(attributes ?? []).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
      )}
      {row.source === 'url' && (
        <div class="row">
          <label for={`${id}-part`}>Part</label>
          <select id={`${id}-part`} value={row.part ?? 'href'} onChange={(e) => set({ part: e.currentTarget.value as PropertyInput['part'] })}>
            {URL_PARTS.map((part) => (
              <option key={part} value={part}>
                {part}
              </option>
            ))}
          </select>
        </div>
      )}
      {row.source === 'query' && (
        <div class="row">
          <label for={`${id}-param`}>Parameter</label>
          <input id={`${id}-param`} value={row.param ?? ''} onInput={(e) => set({ param: e.currentTarget.value })} placeholder="utm_campaign" />
        </div>
      )}
      {readsElement(row.source) && (
        <>
          <div class="row">
            <label for={`${id}-selector`}>Element</label>
            <input
              id={`${id}-selector`}
              class="mono"
              value={row.selector ?? ''}
              onInput={(e) => set({ selector: e.currentTarget.value })}
              placeholder="the tagged element itself"
            />
            <button type="button" onClick={onPick} aria-pressed={picking}>
              {picking ? 'Click it on the page…' : 'Pick on page'}
            </button>
          </div>
          <div class="row">
            <label for={`${id}-transform`}>Transform</label>
            <select id={`${id}-transform`} value={row.transform ?? ''} onChange={(e) => set({ transform: e.currentTarget.value as PropertyInput['transform'] })}>
              <option value="">none</option>
              {TRANSFORMS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      {refused && (
        <p class="error" role="alert" data-testid="property-refused">
          {refused}
        </p>
      )}
      {preview && (
        <p class="preview" data-testid="property-preview">
          Now: <output>{formatValue(preview.value)}</output>
          {preview.others && preview.others.length > 0 && (
            <span class="others" data-testid="property-others">
              {' '}
              · other matches: {preview.others.map(formatValue).join(', ')}
            </span>
          )}
          {preview.warnings.map((w) => (
            <span key={w} class={preview.refused ? 'error' : 'warning'}>
              {' '}
              ⚠ {w}
            </span>
          ))}
        </p>
      )}
      <button type="button" class="danger" onClick={onRemove} aria-label={`Remove property ${index + 1}`}>
        Remove
      </button>
    </fieldset>
  );
}
