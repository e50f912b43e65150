/**
 * The side panel's state as data, and the pure steps that change it. `createSidePanelState`
 * (state.ts) runs them and does the talking to the page and storage; the view only renders.
 */
import type { ConfigError, Tag } from '../config/types';
import type { HealthWatchState } from '../health/watch';
import type { PickerEvent, PropertyPreview } from '../messages';
import { draftFromPick, type TagDraft } from '../picker/editor-draft';
import { rulesForScope } from '../picker/page-rules';
import { tagPageState, type Relocation, type TagPageState } from '../picker/tag-state';
import type { SiteDrafts } from '../store/drafts';
import type { TabSessionState } from './tab-session';

/** What the editor knows of one property row besides the row itself (by row key). */
export interface PropertyRowState {
  /** The value the property would have right now. */
  preview?: PropertyPreview;
  /** Why the last element picked for this row was refused. */
  refusal?: string;
  /** Attribute names of the last element picked for the row (suggestions). */
  attributes?: string[];
}

/** The open tag editor. */
export interface EditorState {
  draft: TagDraft;
  errors: ConfigError[];
  /** Row state by `PropertyInput.key`: one map, so a row's facts cannot drift apart. */
  rows: Readonly<Record<string, PropertyRowState>>;
  /** The row whose element is being picked on the page. */
  pickingRow?: string;
}

/** Everything the side panel shows. */
export interface SidePanelState {
  session: TabSessionState;
  /** The site of the page (`siteIdForUrl`), or undefined without a page. */
  site?: string;
  drafts?: SiteDrafts;
  /** How many elements each tag's target matches on the page now, by tag id; empty when the page could not be asked. */
  counts: ReadonlyMap<string, number>;
  /** Tags whose target relocation found on the page now: the ranking's score and lead, by tag id. */
  relocations?: ReadonlyMap<string, Relocation>;
  query: string;
  status: string;
  editor?: EditorState;
  /** The last deleted tag while "Undo" is offered. */
  undo?: { tag: Tag; index: number };
  /** The registry's live health of the site's tags. */
  health: HealthWatchState;
}

export type SidePanelAction =
  | { type: 'session'; session: TabSessionState; site: string | undefined }
  | { type: 'drafts'; drafts: SiteDrafts | undefined }
  | { type: 'counts'; counts: ReadonlyMap<string, number>; relocations?: ReadonlyMap<string, Relocation> }
  | { type: 'status'; status: string }
  | { type: 'query'; query: string }
  | { type: 'edit'; draft: TagDraft }
  | { type: 'change'; draft: TagDraft }
  | { type: 'close' }
  | { type: 'errors'; errors: ConfigError[] }
  /** Values for the properties of `keys` (the rows asked for, in order). */
  | { type: 'previews'; keys: string[]; values: PropertyPreview[] }
  | { type: 'pick-row'; key: string }
  /** `newId` names the tag a pick starts when no editor is open. */
  | { type: 'picker'; event: PickerEvent; newId: string }
  | { type: 'undo'; undo: { tag: Tag; index: number } | undefined }
  | { type: 'health'; health: HealthWatchState };

export const initialSidePanelState = (session: TabSessionState): SidePanelState => ({
  session,
  counts: new Map(),
  query: '',
  status: '',
  health: { kind: 'loading' },
});

const openEditor = (draft: TagDraft): EditorState => ({ draft, errors: [], rows: {} });

/** The state after `action`; the same object when nothing changed. */
export function reduceSidePanel(state: SidePanelState, action: SidePanelAction): SidePanelState {
  const editor = state.editor;
  switch (action.type) {
    case 'session':
      // Another site's drafts and counts are not this page's.
      return action.site === state.site ? { ...state, session: action.session } : { ...state, session: action.session, site: action.site, drafts: undefined, counts: new Map() };
    case 'drafts':
      return { ...state, drafts: action.drafts };
    case 'counts':
      return { ...state, counts: action.counts, relocations: action.relocations };
    case 'status':
      return { ...state, status: action.status };
    case 'query':
      return { ...state, query: action.query };
    case 'edit':
      return { ...state, editor: openEditor(action.draft) };
    case 'change':
      return editor ? { ...state, editor: { ...editor, draft: action.draft } } : state;
    case 'close':
      return { ...state, editor: undefined };
    case 'errors':
      return editor ? { ...state, editor: { ...editor, errors: action.errors } } : state;
    case 'previews': {
      if (!editor) return state;
      const rows = { ...editor.rows };
      action.keys.forEach((key, i) => (rows[key] = { ...rows[key], preview: action.values[i] }));
      return { ...state, editor: { ...editor, rows } };
    }
    case 'pick-row':
      return editor ? { ...state, editor: { ...editor, pickingRow: action.key, rows: { ...editor.rows, [action.key]: { ...editor.rows[action.key], refusal: undefined } } } } : state;
    case 'undo':
      return { ...state, undo: action.undo };
    case 'health':
      return { ...state, health: action.health };
    case 'picker':
      return onPickerEvent(state, action.event, action.newId);
  }
}

function onPickerEvent(state: SidePanelState, event: PickerEvent, newId: string): SidePanelState {
  const editor = state.editor;
  switch (event.type) {
    case 'picker:picked': {
      // A pick while editing retargets the draft; otherwise it starts a new tag. Refusals and
      // suggestions were about the old target's rows; the values are asked again.
      if (editor) {
        const rows = Object.fromEntries(Object.entries(editor.rows).map(([key, row]) => [key, { preview: row.preview }]));
        // The target now lives on the page it was picked on: a chosen scope follows it (a custom rule is the author's own).
        const draft = editor.draft;
        const pages = draft.scope === 'custom' ? draft.pages : rulesForScope(event.url, draft.scope);
        return { ...state, editor: { ...editor, errors: [], rows, draft: { ...draft, target: event.locator, targetCount: event.count, pages, pageUrl: event.url } } };
      }
      const { element } = event;
      return { ...state, editor: openEditor(draftFromPick({ id: newId, url: event.url, locator: event.locator, count: event.count, label: element.text, isForm: element.isForm, tag: element.tag })) };
    }
    case 'picker:target-changed':
      return editor ? { ...state, editor: { ...editor, draft: { ...editor.draft, target: event.locator, targetCount: event.count } } } : state;
    case 'picker:property-picked': {
      const key = editor?.pickingRow;
      if (!editor || !key) return state;
      const properties = editor.draft.properties.map((row) => (row.key === key ? { ...row, selector: event.selector, name: row.name || suggestName(event.element.text) } : row));
      const rows = { ...editor.rows, [key]: { ...editor.rows[key], refusal: undefined, attributes: event.element.attributes } };
      return { ...state, editor: { ...editor, draft: { ...editor.draft, properties }, rows, pickingRow: undefined } };
    }
    case 'picker:property-refused': {
      const key = editor?.pickingRow;
      if (!editor || !key) return state;
      return { ...state, editor: { ...editor, rows: { ...editor.rows, [key]: { ...editor.rows[key], refusal: `Refused: ${event.reason}` } } } };
    }
    case 'picker:cancelled':
      return editor?.pickingRow ? { ...state, editor: { ...editor, pickingRow: undefined } } : state;
    case 'picker:url-changed':
      // The session connects again (state.ts); nothing here changes until it has.
      return state;
  }
}

/** A property name from an element's text: "Blue Shoe" → "blue_shoe" (short). */
export function suggestName(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30);
  return name || 'property';
}

/** Each tag's state on the page (tag list): its page rules and its target's count here. */
export function tagStates(state: Pick<SidePanelState, 'drafts' | 'session' | 'counts' | 'relocations'>): Map<string, TagPageState> {
  return new Map((state.drafts?.tags ?? []).map((tag) => [tag.id, tagPageState(tag, state.session.url, state.counts.get(tag.id), state.relocations?.get(tag.id))]));
}

/** Event names of the site's tags other than the one being edited (name warnings). */
export function otherEvents(state: Pick<SidePanelState, 'drafts' | 'editor'>): string[] {
  return (state.drafts?.tags ?? []).filter((t) => t.id !== state.editor?.draft.id).map((t) => t.event);
}

/** Why the draft cannot be saved yet though it parses, or undefined. */
export function refusedRowProblem(editor: EditorState): ConfigError | undefined {
  const refused = editor.draft.properties.some((p) => editor.rows[p.key]?.refusal || editor.rows[p.key]?.preview?.refused);
  return refused ? { path: 'properties', message: 'a property still reads a refused element; pick another one' } : undefined;
}
