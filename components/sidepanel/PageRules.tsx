import { PAGE_MATCHES, type PageMatch } from '../../lib/config/limits';
import type { PageRule } from '../../lib/config/types';
import { parentFolder, rulesForScope, testPageRule, type PageScope } from '../../lib/picker/page-rules';

/** Each rule kind in words (the config keeps its own names). */
const MATCH_LABELS: Record<PageMatch, string> = {
  exact: 'The whole address is',
  'path-exact': 'The page path is',
  'path-prefix': 'The page path starts with',
  contains: 'The address contains',
  glob: 'The page path matches the pattern',
  regex: 'The address matches the regular expression',
};

/** Props of the page-rules editor. */
export interface PageRulesProps {
  url: string;
  scope: PageScope | 'custom';
  pages: PageRule[];
  onChange(scope: PageScope | 'custom', pages: PageRule[]): void;
}

/** Which pages the tag fires on: this path, a prefix, the whole site, or custom rules tested live. */
export function PageRules({ url, scope, pages, onChange }: PageRulesProps) {
  let path = '/';
  try {
    path = new URL(url).pathname;
  } catch {
    // keep '/'
  }
  const choose = (next: PageScope | 'custom') => onChange(next, next === 'custom' ? (pages.length ? pages : rulesForScope(url, 'this-path')) : rulesForScope(url, next));
  const options: { scope: PageScope | 'custom'; label: string }[] = [
    { scope: 'this-path', label: `This page only (${path})` },
    { scope: 'prefix', label: `Pages under ${parentFolder(path)}` },
    { scope: 'whole-site', label: 'The whole site' },
    { scope: 'custom', label: 'Custom rules' },
  ];
  return (
    <fieldset class="pages">
      <legend>Pages</legend>
      {options.map((o) => (
        <label key={o.scope} class="radio">
          <input type="radio" name="page-scope" checked={scope === o.scope} onChange={() => choose(o.scope)} />
          {o.label}
        </label>
      ))}
      {scope === 'custom' && (
        <div class="rules">
          {pages.map((rule, i) => {
            const test = testPageRule(rule, url);
            const update = (patch: Partial<PageRule>) => onChange('custom', pages.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              <div class="rule" key={i}>
                <label for={`rule-${i}-match`} class="visually-hidden">
                  Rule {i + 1} kind
                </label>
                <select id={`rule-${i}-match`} value={rule.match} onChange={(e) => update({ match: e.currentTarget.value as PageMatch })}>
                  {PAGE_MATCHES.map((m) => (
                    <option key={m} value={m}>
                      {MATCH_LABELS[m]}
                    </option>
                  ))}
                </select>
                <label for={`rule-${i}-value`} class="visually-hidden">
                  Rule {i + 1} value
                </label>
                <input id={`rule-${i}-value`} class="mono" value={rule.value} aria-invalid={!test.ok} onInput={(e) => update({ value: e.currentTarget.value })} />
                <span class={test.ok ? (test.matches ? 'ok' : 'muted') : 'error'} role="status">
                  {test.ok ? (test.matches ? '✓ matches this page' : '✗ not this page') : test.error}
                </span>
                <button type="button" onClick={() => onChange('custom', pages.filter((_, j) => j !== i))} aria-label={`Remove rule ${i + 1}`}>
                  Remove
                </button>
              </div>
            );
          })}
          <button type="button" onClick={() => onChange('custom', [...pages, { match: 'glob', value: `${parentFolder(path)}**` }])}>
            Add rule
          </button>
        </div>
      )}
    </fieldset>
  );
}
