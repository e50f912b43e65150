/**
 * Every message of the preview, as zod schemas (jitless through lib/config/zod):
 * - from the page (untrusted): the runtime's debug bridge and the main-world track observer;
 * - between the preview agent (content script), the background and the extension pages.
 * Strings and arrays are capped in the schemas too, so an oversized message fails instead
 * of being carried.
 */
import { z } from '../config/zod';
import { NOT_FIRED_REASONS, TAGPOINT_DEBUG_SOURCE, type DebugMessage } from '../runtime/debug-protocol';
import { MAX_EVENT_NAME_LENGTH, MAX_TAG_ID_LENGTH } from '../config/limits';
import { DEFAULT_PREVIEW_LIMITS } from './limits';
import { MAIN_WORLD_SOURCE } from './constants';

const L = DEFAULT_PREVIEW_LIMITS;
/** A string as long as the log keeps one (sanitised strings fit; raw page ones may be cut first). */
const Str = z.string().max(L.maxString);
const Short = z.string().max(200);
const Primitive = z.union([z.string().max(L.maxString), z.number(), z.boolean(), z.null()]);
/** Flat properties with at most `maxProperties` (+1 for the "more" marker) keys. */
export const PropertiesSchema = z
  .custom<Record<string, unknown>>(
    (v) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length <= L.maxProperties + 1,
    'too many properties',
  )
  .pipe(z.record(z.string().max(100), Primitive));

// --- from the page ------------------------------------------------------------------------

const DebugBase = {
  source: z.literal(TAGPOINT_DEBUG_SOURCE),
  url: z.string().max(4000),
  revision: z.number().int(),
};
const NotFiredReasonSchema = z.enum(NOT_FIRED_REASONS);

/**
 * A debug-bridge message as it arrives by `postMessage` (lib/runtime/debug-protocol.ts).
 * Anything on the page can post this shape, so it is treated as a claim, never as truth.
 * Properties are re-checked after sanitising (see page-channel.ts).
 */
export const DebugMessageSchema = z.discriminatedUnion('type', [
  z.object({
    ...DebugBase,
    type: z.literal('fired'),
    tag: z.string().max(MAX_TAG_ID_LENGTH),
    event: z.string().max(MAX_EVENT_NAME_LENGTH),
    trigger: Short,
    properties: z.unknown(),
    element: Short.optional(),
    relocated: z.boolean().optional(),
  }),
  z.object({
    ...DebugBase,
    type: z.literal('not-fired'),
    tag: z.string().max(MAX_TAG_ID_LENGTH),
    event: z.string().max(MAX_EVENT_NAME_LENGTH),
    trigger: Short,
    reason: NotFiredReasonSchema,
    detail: Str.optional(),
  }),
  z.object({ ...DebugBase, type: z.literal('invalid-tag'), tag: Short, index: z.number().int(), reason: Str }),
  z.object({
    ...DebugBase,
    type: z.literal('config'),
    site: Short,
    origin: z.enum(['inline', 'network', 'cache', 'update']),
    tags: z.number().int(),
    invalid: z.number().int(),
  }),
  z.object({ ...DebugBase, type: z.literal('load-error'), reason: Str }),
  z.object({ ...DebugBase, type: z.literal('page'), active: z.number().int() }),
]);
export type ParsedDebugMessage = z.infer<typeof DebugMessageSchema>;

/*
 * The runtime cannot carry zod, so its side of the bridge is the types in debug-protocol.ts.
 * These lines make the two one contract for the compiler: every message the runtime can post
 * fits the schema, and every message type the schema accepts is one the runtime declares
 * (`tsc` fails on drift; test/unit/preview/debug-contract.test.ts checks real messages).
 */
type Assert<T extends true> = T;
type SameTypes<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type DebugContractHolds = [
  Assert<DebugMessage extends z.input<typeof DebugMessageSchema> ? true : false>,
  Assert<SameTypes<ParsedDebugMessage['type'], DebugMessage['type']>>,
];

export { MAIN_WORLD_SOURCE };

/** An `analytics.track` call seen in the page's main world. */
export const TrackCallSchema = z.object({
  source: z.literal(MAIN_WORLD_SOURCE),
  type: z.literal('track'),
  event: z.string().max(L.maxString * 4),
  properties: z.unknown(),
  /** The `context.tagpoint.tag` of the call, when a Tagpoint runtime made it. */
  tag: z.string().max(MAX_TAG_ID_LENGTH).optional(),
});
export type TrackCall = z.infer<typeof TrackCallSchema>;

// --- the log --------------------------------------------------------------------------------

/** Why one tag did not fire on an action, and how near its target was. */
export const CandidateSchema = z.strictObject({
  tag: z.string().max(MAX_TAG_ID_LENGTH),
  event: z.string().max(MAX_EVENT_NAME_LENGTH),
  reason: NotFiredReasonSchema,
  detail: Str.optional(),
  /** Elements the tag's target matches on this page. */
  onPage: z.number().int().min(0),
  /** Steps in the DOM tree from the acted-on element to the nearest target; null when none. */
  distance: z.number().int().min(0).nullable(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/**
 * Where an entry comes from: `preview` the draft running in the preview; `live` the page's
 * own runtime (debug bridge); `track` an `analytics.track` call seen on the page; `no-tag`
 * an action no tag fired on; `notice` config and load messages.
 */
export const EntryKindSchema = z.enum(['preview', 'live', 'track', 'no-tag', 'notice']);
export type EntryKind = z.infer<typeof EntryKindSchema>;

/** One line of the event log. */
export const LogEntrySchema = z.strictObject({
  id: z.string().max(64),
  time: z.number(),
  kind: EntryKindSchema,
  url: z.string().max(4000),
  event: Str.optional(),
  tag: z.string().max(MAX_TAG_ID_LENGTH).optional(),
  trigger: Short.optional(),
  properties: PropertiesSchema.optional(),
  /** A short description of the element (`button#buy`). */
  element: Short.optional(),
  /** Found by relocation: the primary selector found nothing that agrees. */
  relocated: z.boolean().optional(),
  /** For `no-tag`: the considered tags, nearest first. */
  candidates: z.array(CandidateSchema).max(L.maxCandidates).optional(),
  /** For `notice`. */
  text: Str.optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

// --- agent (content script) <-> extension ------------------------------------------------------

const TabId = z.number().int().nonnegative();
/** The config is parsed again with parseConfig where it is used; here only its size is bounded. */
const ConfigPayload = z.unknown();

/** What the agent sends with `runtime.sendMessage` (the background listens). */
export const AgentEventSchema = z.discriminatedUnion('type', [
  /** A freshly injected agent asks what to run. */
  z.strictObject({ type: z.literal('preview:hello'), url: z.string().max(4000) }),
  z.strictObject({ type: z.literal('preview:entries'), entries: z.array(LogEntrySchema).max(100) }),
]);
export type AgentEvent = z.infer<typeof AgentEventSchema>;

/** The background's answer to `preview:hello`: what the agent runs, or nothing. */
export const HelloAnswerSchema = z.union([
  z.strictObject({ run: z.literal(false) }),
  z.strictObject({ run: z.literal(true), config: ConfigPayload, send: z.boolean(), live: z.boolean() }),
]);
export type HelloAnswer = z.infer<typeof HelloAnswerSchema>;

/** Commands from extension pages to the agent in a tab (`tabs.sendMessage`). */
export const AgentRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('preview:agent-ping') }),
  z.strictObject({ type: z.literal('preview:agent-update'), config: ConfigPayload, send: z.boolean(), live: z.boolean() }),
  z.strictObject({ type: z.literal('preview:agent-stop') }),
  /** Outlines the element of a log entry, or of every match of a tag; nothing clears. */
  z.strictObject({ type: z.literal('preview:agent-outline'), entryId: z.string().max(64).optional(), tagId: z.string().max(MAX_TAG_ID_LENGTH).optional() }),
  /** Shows or hides the coverage outlines, and answers each tag's matches and page rule. */
  z.strictObject({ type: z.literal('preview:agent-coverage'), show: z.boolean() }),
]);
export type AgentRequest = z.infer<typeof AgentRequestSchema>;

/** One tag's presence on the current page. */
export const TagPresenceSchema = z.strictObject({
  tag: z.string().max(MAX_TAG_ID_LENGTH),
  event: z.string().max(MAX_EVENT_NAME_LENGTH),
  trigger: Short,
  /** Elements its target matches here (0 for none; pageview tags have no target: 0). */
  count: z.number().int().min(0),
  /** Its page rules let it fire on this URL. */
  pageRule: z.boolean(),
  enabled: z.boolean(),
});
export type TagPresence = z.infer<typeof TagPresenceSchema>;

/** Answers of the agent, one schema per request. */
export const AgentAnswerSchemas = {
  'preview:agent-ping': z.strictObject({ ok: z.literal(true), running: z.boolean(), url: z.string().max(4000) }),
  'preview:agent-update': z.strictObject({ ok: z.boolean() }),
  'preview:agent-stop': z.strictObject({ ok: z.literal(true) }),
  'preview:agent-outline': z.strictObject({ count: z.number().int().min(0) }),
  'preview:agent-coverage': z.strictObject({ url: z.string().max(4000), tags: z.array(TagPresenceSchema).max(20_000) }),
} as const;

/** The answer type of each agent request. */
export type AgentAnswer<T extends AgentRequest['type']> = z.infer<(typeof AgentAnswerSchemas)[T]>;

/** The agent's request handlers, one per request type, typed by the request and its answer schema. */
export type AgentHandlers = {
  [T in AgentRequest['type']]: (request: Extract<AgentRequest, { type: T }>) => AgentAnswer<T>;
};

// --- extension pages <-> background ----------------------------------------------------------

/** Commands from extension pages to the background's preview service. */
export const PreviewRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('preview:start'), tabId: TabId, config: ConfigPayload, send: z.boolean(), live: z.boolean() }),
  z.strictObject({ type: z.literal('preview:update'), tabId: TabId, config: ConfigPayload, send: z.boolean(), live: z.boolean() }),
  z.strictObject({ type: z.literal('preview:stop'), tabId: TabId }),
  z.strictObject({ type: z.literal('preview:state'), tabId: TabId }),
  z.strictObject({ type: z.literal('preview:clear'), tabId: TabId }),
]);
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

/** The preview of one tab as the background keeps it. */
export const PreviewStateSchema = z.strictObject({
  active: z.boolean(),
  send: z.boolean(),
  live: z.boolean(),
  /** Why the preview is not running on the tab's current page (no access to the origin…). */
  problem: Str.optional(),
  entries: z.array(LogEntrySchema).max(L.maxEntries),
});
export type PreviewState = z.infer<typeof PreviewStateSchema>;

/** The background's answer to a PreviewRequest. */
export const PreviewAnswerSchema = z.union([
  z.strictObject({ ok: z.literal(true), state: PreviewStateSchema }),
  z.strictObject({ ok: z.literal(false), error: Str }),
]);
export type PreviewAnswer = z.infer<typeof PreviewAnswerSchema>;

/** What the background broadcasts to extension pages when a tab's log changes. */
export const PreviewBroadcastSchema = z.strictObject({
  type: z.literal('preview:changed'),
  tabId: TabId,
  state: PreviewStateSchema,
});
export type PreviewBroadcast = z.infer<typeof PreviewBroadcastSchema>;
