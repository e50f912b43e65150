import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConfigError, Tag } from '../../lib/config/types';
import { errorText, onPickerEvent, sendToBackground, sendToPicker, type PropertyPreview } from '../../lib/messages';
import { draftFromPick, draftFromTag, draftToTag, propertyToConfig, type TagDraft } from '../../lib/picker/editor-draft';
import { tagPageState, type TagPageState } from '../../lib/picker/tag-state';
import { parseTag } from '../../lib/config/parse';
import { createDraftStore, newTagId, siteIdForUrl, type SiteDrafts } from '../../lib/store';
import { PreviewPanel } from '../preview';
import { PublishPanel } from '../publish';
import { reportTo } from '../../lib/debug';
import { DebugLogSection } from './DebugLogSection';
import { ImportExport } from './ImportExport';
import { TagEditor } from './TagEditor';
import { TagList } from './TagList';
import { useTabSession } from './useTabSession';
import { useTagHealth } from './useTagHealth';
import './sidepanel.css';

/** Props of the side panel. */
export interface SidePanelProps {
  /** Work on this tab instead of following the active tab. */
  pinnedTabId?: number;
}

/** How long "Undo" stays offered after a delete, in ms. */
const UNDO_MS = 10_000;

/** The side panel: the site's tags with their state here, and the tag editor. */
export function SidePanel({ pinnedTabId }: SidePanelProps) {
  const session = useTabSession(pinnedTabId);
  const { tabId, url } = session;
  const site = url ? siteIdForUrl(url) : undefined;
  const store = useMemo(() => createDraftStore(), []);
  useEffect(() => () => store.dispose(), [store]);

  const [drafts, setDrafts] = useState<SiteDrafts | undefined>();
  const [counts, setCounts] = useState<Map<string, number>>(new Map());
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [draft, setDraft] = useState<TagDraft | undefined>();
  const [errors, setErrors] = useState<ConfigError[]>([]);
  const [previews, setPreviews] = useState<PropertyPreview[]>([]);
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [attributes, setAttributes] = useState<Record<string, string[]>>({});
  const [pickingRow, setPickingRow] = useState<string | undefined>();
  const [undo, setUndo] = useState<{ tag: Tag; index: number } | undefined>();
  const health = useTagHealth(url);
  const pickingRowRef = useRef<string | undefined>(undefined);
  pickingRowRef.current = pickingRow;

  // The site's drafts, kept fresh when another extension page changes them.
  useEffect(() => {
    if (!site) {
      setDrafts(undefined);
      return undefined;
    }
    let live = true;
    void store.getSite(site).then((d) => live && setDrafts(d), (e: unknown) => setStatus(errorText(e)));
    const stop = store.subscribe(site, (d) => live && setDrafts(d));
    return () => {
      live = false;
      stop();
    };
  }, [site, store]);

  // How many elements each tag's target matches on the page right now.
  useEffect(() => {
    if (tabId === undefined || !drafts || session.error) return;
    let live = true;
    const tags = drafts.tags;
    void sendToPicker(tabId, { type: 'picker:count', targets: tags.map((t) => t.target ?? null) }).then(
      (answer) => live && setCounts(new Map(tags.map((t, i) => [t.id, answer.counts[i] ?? 0]))),
      () => live && setCounts(new Map()),
    );
    return () => {
      live = false;
    };
  }, [tabId, drafts, session.generation, session.error]);

  // Events from the picker in our tab.
  useEffect(() => {
    if (tabId === undefined) return undefined;
    return onPickerEvent((event) => {
      switch (event.type) {
        case 'picker:picked':
          setErrors([]);
          setRefusals({});
          setAttributes({});
          setDraft((current) =>
            current && !current.isNew
              ? { ...current, target: event.locator, targetCount: event.count }
              : current
                ? { ...current, target: event.locator, targetCount: event.count }
                : draftFromPick({ id: newTagId(), url: event.url, locator: event.locator, count: event.count, label: event.element.text, isForm: event.element.isForm, tag: event.element.tag }),
          );
          break;
        case 'picker:target-changed':
          setDraft((current) => current && { ...current, target: event.locator, targetCount: event.count });
          break;
        case 'picker:property-picked': {
          const key = pickingRowRef.current;
          if (!key) break;
          setDraft((current) => current && { ...current, properties: current.properties.map((row) => (row.key === key ? { ...row, selector: event.selector, name: row.name || suggestName(event.element.text) } : row)) });
          setRefusals((r) => ({ ...r, [key]: '' }));
          setAttributes((a) => ({ ...a, [key]: event.element.attributes }));
          setPickingRow(undefined);
          break;
        }
        case 'picker:property-refused': {
          const key = pickingRowRef.current;
          if (key) setRefusals((r) => ({ ...r, [key]: `Refused: ${event.reason}` }));
          break;
        }
        case 'picker:cancelled':
          setPickingRow(undefined);
          break;
        case 'picker:url-changed':
          session.reconnect();
          break;
      }
    }, tabId);
  }, [tabId, session.reconnect]);

  // The value each property would have right now.
  useEffect(() => {
    if (tabId === undefined || !draft) return undefined;
    const timer = setTimeout(() => {
      void sendToPicker(tabId, { type: 'picker:preview', target: draft.target, properties: draft.properties.map(propertyToConfig) }).then(
        (answer) => setPreviews(answer.values),
        () => setPreviews([]),
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [tabId, draft?.target, draft?.properties]);

  const states = useMemo(() => {
    const map = new Map<string, TagPageState>();
    for (const tag of drafts?.tags ?? []) map.set(tag.id, tagPageState(tag, url, counts.get(tag.id)));
    return map;
  }, [drafts, url, counts]);

  const startTagging = async () => {
    if (tabId === undefined) return;
    const answer = await sendToBackground({ type: 'start-picking', tabId });
    setStatus(answer.ok ? 'Click an element on the page.' : answer.error);
  };

  const save = async () => {
    if (!draft || !site) return;
    const parsed = parseTag(draftToTag(draft));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    if (draft.properties.some((p, i) => refusals[p.key] || previews[i]?.refused)) {
      setErrors([{ path: 'properties', message: 'a property still reads a refused element; pick another one' }]);
      return;
    }
    const result = await store.saveTag(site, parsed.tag);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setDrafts(result.site);
    setDraft(undefined);
    setErrors([]);
    setStatus(`Saved "${parsed.tag.event}".`);
    if (tabId !== undefined) void sendToPicker(tabId, { type: 'picker:stop' }).catch(reportTo('side panel: stop the picker after saving'));
  };

  const cancel = () => {
    setDraft(undefined);
    setErrors([]);
    if (tabId !== undefined) void sendToPicker(tabId, { type: 'picker:stop' }).catch(reportTo('side panel: stop the picker on cancel'));
  };

  const pickProperty = (key: string) => {
    if (tabId === undefined) return;
    setPickingRow(key);
    setRefusals((r) => ({ ...r, [key]: '' }));
    void sendToPicker(tabId, { type: 'picker:start', purpose: 'property', requestId: key }).catch((e: unknown) => setStatus(errorText(e)));
  };

  const highlight = (tag: Tag) => {
    if (tabId === undefined || !tag.target) return;
    void sendToPicker(tabId, { type: 'picker:highlight', selector: tag.target.selector, scroll: true }).catch(reportTo('side panel: highlight a tag'));
  };

  const remove = async (tag: Tag) => {
    if (!site) return;
    const result = await store.deleteTag(site, tag.id);
    setDrafts(result.site);
    if (result.removed) {
      setUndo(result.removed);
      setStatus(`Deleted "${tag.event}".`);
    }
  };

  useEffect(() => {
    if (!undo) return undefined;
    const timer = setTimeout(() => setUndo(undefined), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const restore = async () => {
    if (!undo || !site) return;
    setDrafts(await store.restoreTag(site, undo.tag, undo.index));
    setStatus(`Restored "${undo.tag.event}".`);
    setUndo(undefined);
  };

  const existingEvents = (drafts?.tags ?? []).filter((t) => t.id !== draft?.id).map((t) => t.event);

  return (
    <main class="sidepanel">
      <header>
        <h1>Tagpoint</h1>
        <p class="muted page" data-testid="page-url">
          {url ?? 'No page'}
        </p>
        <button type="button" class="primary" onClick={() => void startTagging()} disabled={tabId === undefined || !!session.error}>
          Start tagging
        </button>
      </header>
      {session.error && (
        <p role="alert" class="error">
          {session.error}
        </p>
      )}
      <p role="status" class="status" data-testid="status">
        {status}
        {undo && (
          <button type="button" onClick={() => void restore()}>
            Undo
          </button>
        )}
      </p>
      {draft && url && (
        <TagEditor
          draft={draft}
          url={url}
          existingEvents={existingEvents}
          previews={previews}
          refusals={refusals}
          attributes={attributes}
          pickingRow={pickingRow}
          errors={errors}
          onChange={setDraft}
          onPickProperty={pickProperty}
          onRepickTarget={() => tabId !== undefined && void sendToPicker(tabId, { type: 'picker:start', purpose: 'target' })}
          onSave={() => void save()}
          onCancel={cancel}
        />
      )}
      {drafts && (
        <TagList
          tags={drafts.tags}
          states={states}
          query={query}
          onQuery={setQuery}
          onHighlight={highlight}
          onEdit={(tag) => url && setDraft(draftFromTag(tag, url))}
          onDuplicate={(tag) => url && setDraft({ ...draftFromTag({ ...tag, id: newTagId(), event: `${tag.event} Copy` }, url), isNew: true })}
          onToggle={(tag) => site && void store.saveTag(site, { ...tag, enabled: tag.enabled === false }).then((r) => r.ok && setDrafts(r.site))}
          onDelete={(tag) => void remove(tag)}
          health={health.kind === 'ready' ? health.tags : undefined}
          onRepair={(tag, repair) => {
            if (!url) return;
            setDraft(draftFromTag(tag, url));
            // A broken target is picked again; a relocation is reviewed in the editor (its fallbacks and fingerprint).
            if (repair === 'repick' && tabId !== undefined) void sendToPicker(tabId, { type: 'picker:start', purpose: 'target' });
          }}
        />
      )}
      {drafts && drafts.invalid.length > 0 && (
        <p class="warning" role="status">
          {drafts.invalid.length} stored tag(s) no longer validate and are not shown.
        </p>
      )}
      {drafts && <ImportExport drafts={drafts} onImport={async (tags) => setDrafts(await store.replaceTags(drafts.site, tags))} />}
      {drafts && url && (
        <details class="publish-section">
          <summary>Publish and history</summary>
          <PublishPanel url={url} drafts={drafts} onPull={async (tags) => setDrafts(await store.replaceTags(drafts.site, tags))} />
        </details>
      )}
      {tabId !== undefined && !session.error && (
        <details class="preview-section">
          <summary>Preview and QA</summary>
          <PreviewPanel key={tabId} tabId={tabId} url={url} />
        </details>
      )}
      <DebugLogSection />
    </main>
  );
}

/** A property name from an element's text: "Blue Shoe" → "blue_shoe" (short). */
function suggestName(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30);
  return name || 'property';
}
