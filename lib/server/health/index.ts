/** Tag health on the registry: beacon counters, the report, alerts, thresholds. */
export { createHealthAggregator, type HealthAggregator, type HealthAggregatorOptions, type HealthSources } from './aggregator';
export { buildHealthReport, classifyCounts, parseSince, type HealthReportInput } from './report';
export { createAlerter, problemMessage, recoveryMessage, type Alerter, type AlerterOptions, type AlertMessage } from './alerts';
export { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './thresholds';
