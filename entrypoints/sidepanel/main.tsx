import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanel } from '../../components/sidepanel';
import { takeStartIntent, type IntentArea } from '../../lib/popup/start-intent';
import '../../components/shared/theme.css';

// `?tabId=N` pins the panel to one tab (tests, or a panel opened in its own tab);
// without it the panel follows the active tab of its window.
const param = new URLSearchParams(location.search).get('tabId');
const pinnedTabId = param && /^\d+$/.test(param) ? Number(param) : undefined;

// The popup's Start tagging is carried out here too (lib/popup/start-intent.ts).
const session = browser.storage.session as unknown as IntentArea;
render(<SidePanel pinnedTabId={pinnedTabId} takeStartIntent={(tabId) => takeStartIntent(session, tabId)} />, document.getElementById('app')!);
