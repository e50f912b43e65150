/**
 * Reads the page URLs of a sitemap (sitemaps.org 0.9) for `tagpoint check --sitemap`: a
 * `<urlset>` gives its `<loc>`s; a `<sitemapindex>` gives sitemaps, read in turn (to
 * `maxDepth`). A sitemap is a URL (fetched) or a file path. Bounded: at most `maxUrls` URLs and
 * `maxSitemaps` files, each at most `maxBytes`, so a huge or looping index cannot run away.
 *
 * The `<loc>` elements are found with a pattern rather than an XML parser: the format is one
 * flat list whose values the protocol requires to be entity-escaped URLs, which is all this
 * needs (a measured reason not to add a dependency: the five XML entities are all it decodes).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Options of `readSitemap`; all optional. */
export interface SitemapOptions {
  /** Most page URLs returned; the rest are dropped (and `truncated` says so). Default 500. */
  maxUrls?: number;
  /** Most sitemap files read, the index included. Default 50. */
  maxSitemaps?: number;
  /** How deep sitemap indexes may nest. Default 2 (an index of sitemaps of pages). */
  maxDepth?: number;
  /** Largest sitemap file read, in bytes (the protocol's own limit is 50 MB). Default 10 MB. */
  maxBytes?: number;
  /** How long one fetch may take, in ms. Default 15,000. */
  timeout?: number;
}

/** What a sitemap gave: page URLs in order, without duplicates. */
export type SitemapResult = { ok: true; urls: string[]; truncated: boolean } | { ok: false; error: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!).trim();
const isUrl = (source: string) => /^https?:\/\//i.test(source);

async function readSource(source: string, options: Required<SitemapOptions>): Promise<string> {
  if (!isUrl(source)) {
    const text = await readFile(source, 'utf8');
    if (text.length > options.maxBytes) throw new Error(`larger than ${options.maxBytes} bytes`);
    return text;
  }
  const res = await fetch(source, { signal: AbortSignal.timeout(options.timeout) });
  if (!res.ok) throw new Error(`answered ${res.status}`);
  const text = await res.text();
  if (text.length > options.maxBytes) throw new Error(`larger than ${options.maxBytes} bytes`);
  return text;
}

/** The `<loc>` values inside each `<tag>` element of `xml` (`url` or `sitemap`). */
function locsIn(xml: string, tag: 'url' | 'sitemap'): string[] {
  const locs: string[] = [];
  // Namespace prefixes (`<sm:url>`) are allowed by XML, and used by some generators.
  const element = new RegExp(`<(?:[\\w-]+:)?${tag}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>`, 'g');
  for (const [, body] of xml.matchAll(element)) {
    const loc = /<(?:[\w-]+:)?loc\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?loc>/.exec(body!);
    if (loc) locs.push(decode(loc[1]!.replace(/^<!\[CDATA\[|\]\]>$/g, '')));
  }
  return locs;
}

/** Reads `source` (a sitemap URL or file) and the sitemaps it indexes. */
export async function readSitemap(source: string, options: SitemapOptions = {}): Promise<SitemapResult> {
  const o: Required<SitemapOptions> = { maxUrls: 500, maxSitemaps: 50, maxDepth: 2, maxBytes: 10_000_000, timeout: 15_000, ...options };
  const urls = new Set<string>();
  const seen = new Set<string>();
  let truncated = false;
  const visit = async (at: string, depth: number): Promise<string | undefined> => {
    if (seen.has(at)) return undefined;
    if (seen.size >= o.maxSitemaps) return void (truncated = true);
    seen.add(at);
    let xml: string;
    try {
      xml = await readSource(at, o);
    } catch (error) {
      return `${at}: ${(error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))}`;
    }
    if (/<(?:[\w-]+:)?sitemapindex\b/.test(xml)) {
      if (depth >= o.maxDepth) return `${at}: a sitemap index nested deeper than ${o.maxDepth}`;
      for (const child of locsIn(xml, 'sitemap')) {
        if (urls.size >= o.maxUrls) {
          truncated = true;
          break;
        }
        // A child that fails is an error of the whole read: a check over part of a site must say so.
        const failed = await visit(isUrl(at) ? new URL(child, at).href : isUrl(child) ? child : resolve(dirname(at), child), depth + 1);
        if (failed) return failed;
      }
      return undefined;
    }
    if (!/<(?:[\w-]+:)?urlset\b/.test(xml)) return `${at}: not a sitemap (no <urlset> or <sitemapindex>)`;
    for (const loc of locsIn(xml, 'url')) {
      if (!isUrl(loc)) continue;
      if (urls.size >= o.maxUrls) {
        truncated = true;
        break;
      }
      urls.add(loc);
    }
    return undefined;
  };
  const failed = await visit(source, 1);
  if (failed) return { ok: false, error: failed };
  return { ok: true, urls: [...urls], truncated };
}
