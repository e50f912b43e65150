import { render } from 'preact';
import { SidePanel } from '../../components/sidepanel';
import '../../components/shared/theme.css';

// `?tabId=N` pins the panel to one tab (tests, or a panel opened in its own tab);
// without it the panel follows the active tab of its window.
const param = new URLSearchParams(location.search).get('tabId');
const pinnedTabId = param && /^\d+$/.test(param) ? Number(param) : undefined;

render(<SidePanel pinnedTabId={pinnedTabId} />, document.getElementById('app')!);
