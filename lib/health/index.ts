/** Tag health: the beacon a page sends (`beacon.ts`, zod) and path generalisation (`path.ts`, dependency-free). */
export { BeaconSchema, BeaconTagSchema, TAG_STATES, MAX_BEACON_TAGS, MAX_BEACON_EVENTS, type Beacon, type BeaconTag, type TagState } from './beacon';
export { generalizePath, isIdentifierSegment, MAX_BEACON_PATH_LENGTH } from './path';
