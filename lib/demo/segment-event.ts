import { z } from '../config/zod';

/** Segment's short endpoint names (analytics-next posts to `<apiHost>/<letter>`) and the event type each carries. */
export const SEGMENT_ENDPOINTS = {
  t: 'track',
  p: 'page',
  i: 'identify',
  g: 'group',
  a: 'alias',
  s: 'screen',
} as const;

export type SegmentEndpoint = keyof typeof SEGMENT_ENDPOINTS;

/**
 * The HTTP Tracking API's long paths (`/v1/track`, …, `/v1/batch`, as api.segment.io has them
 * and Tagpoint's HTTP sink posts them) and the short name analytics-next uses for each.
 */
export const SEGMENT_LONG_PATHS: Readonly<Record<string, SegmentEndpoint | 'b'>> = {
  track: 't',
  page: 'p',
  identify: 'i',
  group: 'g',
  alias: 'a',
  screen: 's',
  batch: 'b',
  import: 'b',
};
export type SegmentEventType = (typeof SEGMENT_ENDPOINTS)[SegmentEndpoint];

const JsonObject = z.record(z.string(), z.unknown());

/**
 * One Segment event as analytics-next sends it. Loose on purpose: the collector shows what
 * arrived rather than judging it, but the fields the demo reads must have the right shape.
 */
export const SegmentEventSchema = z.looseObject({
  type: z.enum(['track', 'page', 'identify', 'group', 'alias', 'screen']).optional(),
  event: z.string().max(1_000).optional(),
  name: z.string().max(1_000).nullable().optional(),
  properties: JsonObject.optional(),
  traits: JsonObject.optional(),
  context: JsonObject.optional(),
  messageId: z.string().max(200).optional(),
  anonymousId: z.string().max(200).nullable().optional(),
  userId: z.string().max(200).nullable().optional(),
  timestamp: z.string().max(100).optional(),
  /** Segment takes the write key in the body too (beacons cannot send an Authorization header). */
  writeKey: z.string().max(200).optional(),
});

/** A batch post (`/v1/b`, analytics-next's batching delivery). */
export const SegmentBatchSchema = z.looseObject({
  batch: z.array(SegmentEventSchema),
  writeKey: z.string().max(200).optional(),
});

export type SegmentEvent = z.infer<typeof SegmentEventSchema>;

/** Whether `name` is one of Segment's single-event endpoints (`t`, `p`, …). */
export function isSegmentEndpoint(name: string): name is SegmentEndpoint {
  return Object.hasOwn(SEGMENT_ENDPOINTS, name);
}
