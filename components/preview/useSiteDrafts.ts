import { useEffect, useMemo, useState } from 'preact/hooks';
import { reportTo } from '../../lib/debug';
import { createDraftStore, siteIdForUrl, type SiteDrafts } from '../../lib/store';

/** The drafts of the site of `url`, kept fresh while they are edited (for a view without the side panel's store). */
export function useSiteDrafts(url: string | undefined): SiteDrafts | undefined {
  const store = useMemo(() => createDraftStore(), []);
  useEffect(() => () => store.dispose(), [store]);
  const site = url ? siteIdForUrl(url) : undefined;
  const [drafts, setDrafts] = useState<SiteDrafts | undefined>();
  useEffect(() => {
    setDrafts(undefined);
    return site ? store.follow(site, setDrafts, reportTo('preview: read the drafts')) : undefined;
  }, [site, store]);
  return drafts;
}
