import { describePresence, type CoverageRow } from '../../lib/preview/coverage';

/** Props of Coverage. */
export interface CoverageProps {
  rows: readonly CoverageRow[];
  /** Every tagged element on the page is outlined with its event name. */
  outlined: boolean;
  onOutlinedChange(on: boolean): void;
  onHoverTag?: (tagId: string | undefined) => void;
  /** The page the presence was read on. */
  url?: string;
}

/** Every tag with fired / not yet fired this session and, if not fired, whether its target is here. */
export function Coverage({ rows, outlined, onOutlinedChange, onHoverTag, url }: CoverageProps) {
  const fired = rows.filter((r) => r.fired > 0).length;
  return (
    <section class="coverage" aria-label="Coverage">
      <label class="checkbox">
        <input type="checkbox" checked={outlined} onChange={(e) => onOutlinedChange((e.target as HTMLInputElement).checked)} />
        Outline every tagged element on the page
      </label>
      <p data-testid="coverage-summary">
        {fired} of {rows.length} tags fired in this session{url ? ` · checked on ${url}` : ''}
      </p>
      <ul class="coverage-list">
        {rows.map((r) => (
          <li key={r.tag} class="coverage-row" data-testid="coverage-row" data-fired={r.fired > 0 ? 'yes' : 'no'} onMouseEnter={() => onHoverTag?.(r.tag)} onMouseLeave={() => onHoverTag?.(undefined)}>
            <span class="event-name">{r.event}</span> <span class="muted">{r.trigger}</span>{' '}
            {r.fired > 0 ? (
              <span class="fired">fired {r.fired}×</span>
            ) : (
              <span class="not-fired">
                not yet fired · <span data-testid="presence">{describePresence(r.presence)}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
