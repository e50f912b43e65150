/** Preview views: the panel, event log, why-not-fired, coverage, and the page outline layer. */
export { PreviewPanel, type PreviewPanelProps } from './PreviewPanel';
export { usePreviewPanel } from './usePreviewPanel';
export { EventLog, type EventLogProps } from './EventLog';
export { WhyNotFired, type WhyNotFiredProps } from './WhyNotFired';
export { Coverage, type CoverageProps } from './Coverage';
export { createPageOutline, OUTLINE_HOST, type PageOutlineOptions } from './page-outline';
export { useTabUrl } from './useTabUrl';
export { useSiteDrafts } from './useSiteDrafts';
