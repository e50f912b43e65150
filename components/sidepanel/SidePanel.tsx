import { useMemo } from 'preact/hooks';
import { otherEvents, tagStates } from '../../lib/sidepanel';
import { PreviewPanel } from '../preview';
import { PublishPanel } from '../publish';
import { DebugLogSection } from './DebugLogSection';
import { ImportExport } from './ImportExport';
import { TagEditor } from './TagEditor';
import { TagList } from './TagList';
import { useSidePanel } from './useSidePanel';
import './sidepanel.css';

/** Props of the side panel. */
export interface SidePanelProps {
  /** Work on this tab instead of following the active tab. */
  pinnedTabId?: number;
  /** Whether the popup's Start tagging waits for a tab (SidePanelStateOptions.takeStartIntent). */
  takeStartIntent?(tabId: number): Promise<boolean>;
}

/** The side panel: the site's tags with their state here, and the tag editor. Its state lives in lib/sidepanel. */
export function SidePanel({ pinnedTabId, takeStartIntent }: SidePanelProps) {
  const [state, panel] = useSidePanel({ pinnedTabId, takeStartIntent });
  const { session, drafts, editor, undo, health } = state;
  const { tabId, url } = session;
  const states = useMemo(() => tagStates(state), [state.drafts, state.session.url, state.counts, state.relocations]);

  return (
    <main class="sidepanel">
      <header>
        <h1>Tagpoint</h1>
        <p class="muted page" data-testid="page-url">
          {url ?? 'No page'}
        </p>
        <button type="button" class="primary" onClick={() => void panel.startTagging()} disabled={tabId === undefined || !!session.error}>
          Start tagging
        </button>
        <button type="button" onClick={() => panel.newPageView()} disabled={!url || !!session.error || !!editor}>
          Tag a page view
        </button>
        <button type="button" onClick={() => panel.newScroll()} disabled={!url || !!session.error || !!editor}>
          Tag scroll depth
        </button>
      </header>
      {session.error && (
        <p role="alert" class="error">
          {session.error}
        </p>
      )}
      <p role="status" class="status" data-testid="status">
        {state.status}
        {undo && (
          <button type="button" onClick={() => void panel.restore()}>
            Undo
          </button>
        )}
      </p>
      {editor && url && (
        <TagEditor
          draft={editor.draft}
          url={url}
          existingEvents={otherEvents(state)}
          rows={editor.rows}
          pickingRow={editor.pickingRow}
          errors={editor.errors}
          onChange={panel.change}
          onPickProperty={panel.pickProperty}
          onRepickTarget={panel.repickTarget}
          onSave={() => void panel.save()}
          onCancel={panel.cancel}
        />
      )}
      {drafts && (
        <TagList
          tags={drafts.tags}
          states={states}
          query={state.query}
          onQuery={panel.setQuery}
          onHighlight={panel.highlight}
          onEdit={panel.edit}
          onDuplicate={panel.duplicate}
          onToggle={(tag) => void panel.toggle(tag)}
          onDelete={(tag) => void panel.remove(tag)}
          health={health.kind === 'ready' ? health.tags : undefined}
          onRepair={panel.repair}
          onUpdateTarget={panel.updateTarget}
        />
      )}
      {drafts && drafts.invalid.length > 0 && (
        <p class="warning" role="status">
          {drafts.invalid.length} stored tag(s) no longer validate and are not shown.
        </p>
      )}
      {drafts && <ImportExport drafts={drafts} onImport={panel.replaceTags} />}
      {drafts && url && (
        <details class="publish-section">
          <summary>Publish and history</summary>
          <PublishPanel url={url} drafts={drafts} onPull={(tags, revision) => panel.replaceTags(tags, { basedOn: revision })} onPublished={(revision) => void panel.published(revision)} />
        </details>
      )}
      {tabId !== undefined && !session.error && (
        <details class="preview-section">
          <summary>Preview and QA</summary>
          <PreviewPanel key={tabId} tabId={tabId} url={url} drafts={drafts} />
        </details>
      )}
      <DebugLogSection />
    </main>
  );
}
