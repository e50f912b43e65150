/**
 * Tagpoint's HTTP sink (ES module build, `tagpoint-http.mjs`): sends Segment calls to a
 * Segment-compatible HTTP Tracking API without analytics.js. See lib/runtime/README.md.
 */
export { createHttpSink, apiBase, type HttpSink, type HttpSinkOptions } from './sink';
export { createDelivery, type Delivery, type DeliveryOptions, type Message } from './delivery';
export { createIdentity, topDomain, uuid, ANONYMOUS_ID_KEY, USER_ID_KEY, type Identity, type IdentityOptions } from './identity';
