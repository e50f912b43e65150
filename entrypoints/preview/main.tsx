import { render } from 'preact';
import { PreviewPanel, useSiteDrafts, useTabUrl } from '../../components/preview';
import '../../components/shared/theme.css';

// `preview.html?tabId=N`: the tab to preview (the popup and side panel open it so).
const param = new URLSearchParams(location.search).get('tabId');
const tabId = param && /^\d+$/.test(param) ? Number(param) : undefined;

function App() {
  const url = useTabUrl(tabId);
  const drafts = useSiteDrafts(url);
  if (tabId === undefined) return <p>Open the preview from the Tagpoint popup or side panel.</p>;
  return (
    <main>
      <PreviewPanel tabId={tabId} url={url} drafts={drafts} />
    </main>
  );
}

render(<App />, document.getElementById('app')!);
