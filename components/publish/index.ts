/** Publishing views for the side panel: settings, review-and-publish with diff, history with rollback. */
import './publish.css';
export { PublishDialog, type PublishDialogProps } from './PublishDialog';
export { VersionHistory, type VersionHistoryProps } from './VersionHistory';
export { RegistrySettingsForm, type RegistrySettingsProps } from './RegistrySettings';
export { DiffSummary, type DiffSummaryProps } from './DiffSummary';
export { PublishPanel, type PublishPanelProps } from './PublishPanel';
