import { SITE_ID_PATTERN } from '../config/limits';

/**
 * The site id drafts are kept under for a page URL: its host name, lower case, without a
 * leading `www.`, with every run of other characters (dots) turned into a dash
 * (`https://www.Shop.example/x` → `shop-example`, `http://127.0.0.1:5173/` → `127-0-0-1`).
 * Ports are ignored so a dev server on a new port finds its tags again. Undefined for URLs
 * that are not web pages (`chrome://`, `file:`, `about:`).
 */
export function siteIdForUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: no site.
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const id = parsed.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return SITE_ID_PATTERN.test(id) ? id : undefined;
}
