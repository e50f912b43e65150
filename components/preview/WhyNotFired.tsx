import { describeCandidate } from '../../lib/preview/candidates';
import type { Candidate } from '../../lib/preview/schemas';

/** Props of WhyNotFired. */
export interface WhyNotFiredProps {
  candidates: readonly Candidate[];
  /** How many of the nearest candidates are shown before "more". Default 3. */
  nearest?: number;
  /** Outlines a tag's targets on the page while hovered (undefined clears). */
  onHoverTag?: (tagId: string | undefined) => void;
}

const REASON_LABEL: Record<Candidate['reason'], string> = {
  'selector-mismatch': 'selector did not match',
  'page-rule-failed': 'page rule failed',
  disabled: 'disabled',
  invalid: 'invalid',
  'over-budget': 'not tested: time budget ran out',
};

function CandidateItem({ c, onHoverTag }: { c: Candidate; onHoverTag?: (tagId: string | undefined) => void }) {
  return (
    <li class="candidate" data-testid="candidate" onMouseEnter={() => onHoverTag?.(c.tag)} onMouseLeave={() => onHoverTag?.(undefined)}>
      <span class="candidate-event">{c.event || c.tag}</span>{' '}
      <span class="reason" data-reason={c.reason}>
        {REASON_LABEL[c.reason]}
      </span>
      <div class="candidate-detail">{describeCandidate(c)}</div>
    </li>
  );
}

/** "No tag fired" for one action: the nearest considered tags and why each did not fire. */
export function WhyNotFired({ candidates, nearest = 3, onHoverTag }: WhyNotFiredProps) {
  const head = candidates.slice(0, nearest);
  const rest = candidates.slice(nearest);
  return (
    <div class="why-not" data-testid="why-not-fired">
      <strong>No tag fired.</strong> {candidates.length ? `Nearest candidate${head.length === 1 ? '' : 's'}:` : 'No tag of this trigger exists.'}
      <ul>
        {head.map((c) => (
          <CandidateItem key={c.tag} c={c} onHoverTag={onHoverTag} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details>
          <summary>{rest.length} more considered</summary>
          <ul>
            {rest.map((c) => (
              <CandidateItem key={c.tag} c={c} onHoverTag={onHoverTag} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
