import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Options of `axeViolations`. */
export interface AxeViolationsOptions {
  /** Only this part of the page (a CSS selector). Default: the whole page. */
  include?: string;
  /** The impacts that count. Default: every impact. */
  impacts?: readonly string[];
}

/**
 * axe-core's violations on `page` as lines (`id (impact): targets`), for
 * `expect(await axeViolations(page)).toEqual([])`. Also checks that axe really looked at
 * something: a run in which no rule passed would pass vacuously.
 */
export async function axeViolations(page: Page, { include, impacts }: AxeViolationsOptions = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  expect(results.passes.length).toBeGreaterThan(5);
  return results.violations
    .filter((v) => !impacts || impacts.includes(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Only serious and critical violations (`axeViolations` with those impacts). */
export function seriousViolations(page: Page): Promise<string[]> {
  return axeViolations(page, { impacts: ['serious', 'critical'] });
}
