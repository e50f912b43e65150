import type { Tag } from '../../lib/config/types';
import type { ConfigDiff } from '../../lib/publish';

/** Props of `DiffSummary`. */
export interface DiffSummaryProps {
  diff: ConfigDiff;
  /** Heading level text prefix, so two summaries on one screen have distinct names. */
  label: string;
}

/** Tags added, changed (with which fields) and removed, as lists a reviewer can scan. */
export function DiffSummary({ diff, label }: DiffSummaryProps) {
  if (diff.isEmpty) return <p class="diff-empty">No tag changes ({diff.unchanged} unchanged).</p>;
  const counts = `${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed, ${diff.unchanged} unchanged`;
  return (
    <div class="diff" aria-label={`${label}: ${counts}`}>
      <p class="diff-counts">{counts}</p>
      {diff.added.length > 0 && <TagGroup title="Added" kind="added" tags={diff.added} />}
      {diff.changed.length > 0 && (
        <div class="diff-group" data-kind="changed">
          <h3>Changed</h3>
          <ul>
            {diff.changed.map((change) => (
              <li key={change.id}>
                <TagName tag={change.after} />
                {change.before.event !== change.after.event && <span class="diff-was"> (was “{change.before.event}”)</span>}
                <span class="diff-fields">: {change.fields.join(', ')}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {diff.removed.length > 0 && <TagGroup title="Removed" kind="removed" tags={diff.removed} />}
    </div>
  );
}

function TagGroup({ title, kind, tags }: { title: string; kind: string; tags: readonly Tag[] }) {
  return (
    <div class="diff-group" data-kind={kind}>
      <h3>{title}</h3>
      <ul>
        {tags.map((tag) => (
          <li key={tag.id}>
            <TagName tag={tag} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function TagName({ tag }: { tag: Tag }) {
  return (
    <>
      <strong>{tag.event}</strong> <code>{tag.id}</code>
    </>
  );
}
