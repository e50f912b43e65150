/** The demo stack: a stand-in for Segment's API (collector), the demo shop, and their orchestration. */
export { createCollector, type Collector, type CollectorOptions, type CollectedEvent } from './collector';
export { SegmentEventSchema, SegmentBatchSchema, SEGMENT_ENDPOINTS, isSegmentEndpoint, type SegmentEvent } from './segment-event';
export { PortInUseError } from './http-util';
export { createShopServer, type ShopServer, type ShopServerOptions } from './shop-server';
export { escapeHtml, formatPrice, loadShopTemplates, productCard, renderShopRoute, type Product, type ShopScripts } from './shop-render';
export { startDemoStack, DEMO_DEFAULT_PORTS, DemoStateSchema, type DemoStack, type DemoStackOptions, type DemoState } from './stack';
export { demoSeedConfig } from './seed-config';
export { parseStartOptions, busyPortAdvice, START_USAGE, type StartOptions } from './start-options';
export { prepareDemoExtension, DemoDefaultsSchema, DEMO_DEFAULTS_FILE, type DemoDefaults } from './extension-defaults';
export { hasDisplay, openDemoBrowser, type DemoBrowser } from './browser';
export { runSmoke, allowLoopbackScripting, SMOKE_PRODUCT, type SmokeOptions, type SmokeResult } from './smoke';
