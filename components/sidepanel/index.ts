/** The side panel: tag list and tag editor. */
export { SidePanel, type SidePanelProps } from './SidePanel';
