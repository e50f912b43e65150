import type { Tag } from '../../lib/config/types';
import { describeRelocation, describeTagState, type TagPageState } from '../../lib/picker/tag-state';
import type { TagHealthView } from '../../lib/health/describe';

/** Props of the tag list. */
export interface TagListProps {
  tags: Tag[];
  states: Map<string, TagPageState>;
  query: string;
  onQuery(query: string): void;
  onHighlight(tag: Tag): void;
  onEdit(tag: Tag): void;
  onDuplicate(tag: Tag): void;
  onToggle(tag: Tag): void;
  onDelete(tag: Tag): void;
  /** Live health per tag id, from the registry (lib/health/watch.ts); absent when not known. */
  health?: Map<string, TagHealthView>;
  /** Opens the repair a tag's health asks for (re-pick its target, or review its relocation). */
  onRepair?(tag: Tag, repair: NonNullable<TagHealthView['repair']>): void;
  /** "Update to this element" on a tag relocation found. */
  onUpdateTarget?(tag: Tag): void;
}

function matchesQuery(tag: Tag, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return `${tag.event} ${tag.trigger} ${tag.target?.selector ?? ''}`.toLowerCase().includes(q);
}

/** The site's tags with their state on the current page. */
export function TagList(props: TagListProps) {
  const shown = props.tags.filter((tag) => matchesQuery(tag, props.query));
  return (
    <section aria-labelledby="tags-heading" class="tag-list">
      <h2 id="tags-heading">Tags on this site ({props.tags.length})</h2>
      <label class="search">
        <span class="visually-hidden">Search tags</span>
        <input type="search" placeholder="Search tags" value={props.query} onInput={(e) => props.onQuery(e.currentTarget.value)} />
      </label>
      {shown.length === 0 && <p class="muted">{props.tags.length === 0 ? 'No tags yet. Start tagging to add one.' : 'No tag matches the search.'}</p>}
      <ul>
        {shown.map((tag) => {
          const state = props.states.get(tag.id) ?? { kind: 'unknown' as const };
          return (
            <li key={tag.id} class={`tag-item state-${state.kind}${tag.enabled === false ? ' disabled' : ''}`} data-tag-id={tag.id}>
              <button type="button" class="tag-name" onClick={() => props.onHighlight(tag)} aria-label={`Show "${tag.event}" on the page`}>
                {tag.event}
              </button>
              <span class="tag-meta">
                {tag.trigger}
                {tag.enabled === false ? ' · disabled' : ''}
              </span>
              <span class="tag-state" data-state={state.kind}>
                {describeTagState(state)}
              </span>
              {state?.kind === 'matches' && state.relocated && (
                <span class="tag-relocated" data-testid="tag-relocated">
                  {describeRelocation(state.relocated)}
                  {props.onUpdateTarget && (
                    <button type="button" onClick={() => props.onUpdateTarget!(tag)} aria-label={`Update "${tag.event}" to the element found`}>
                      Update to this element
                    </button>
                  )}
                </span>
              )}
              {props.health?.get(tag.id) && <TagHealthLine tag={tag} view={props.health.get(tag.id)!} onRepair={props.onRepair} />}
              <span class="tag-actions">
                <button type="button" onClick={() => props.onEdit(tag)} aria-label={`Edit "${tag.event}"`}>
                  Edit
                </button>
                <button type="button" onClick={() => props.onDuplicate(tag)} aria-label={`Duplicate "${tag.event}"`}>
                  Duplicate
                </button>
                <button type="button" onClick={() => props.onToggle(tag)} aria-label={`${tag.enabled === false ? 'Enable' : 'Disable'} "${tag.event}"`}>
                  {tag.enabled === false ? 'Enable' : 'Disable'}
                </button>
                <button type="button" class="danger" onClick={() => props.onDelete(tag)} aria-label={`Delete "${tag.event}"`}>
                  Delete
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** "Live: broken since 14:00 UTC: not found on 100% of 320 views on /checkout" and the repair it leads to. */
function TagHealthLine({ tag, view, onRepair }: { tag: Tag; view: TagHealthView; onRepair?: TagListProps['onRepair'] }) {
  return (
    <span class="tag-health" data-health={view.state}>
      Live: {view.text}
      {view.repair && onRepair && (
        <button type="button" onClick={() => onRepair(tag, view.repair!)} aria-label={`${view.repair === 'repick' ? 'Re-pick the target of' : 'Review the relocation of'} "${tag.event}"`}>
          {view.repair === 'repick' ? 'Re-pick' : 'Review relocation'}
        </button>
      )}
    </span>
  );
}
