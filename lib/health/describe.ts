/**
 * One tag's health as the side panel says it, from the registry's report (GET /health):
 * "found on 99% of 12,400 views, last 24 h"; "broken since 14:00: not found on 100% of 320
 * views on /checkout". Pure: components/sidepanel renders what this returns.
 */
import type { HealthReport, TagHealth } from '../publish/schemas';

/** How the side panel shows a tag's health. */
export interface TagHealthView {
  state: TagHealth['state'];
  /** One line for the tag list. */
  text: string;
  /** What to do about it, when something can be done in the editor; undefined when healthy or quiet. */
  repair?: 'repick' | 'confirm-relocation';
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const views = (n: number) => `${count(n)} view${Math.round(n) === 1 ? '' : 's'}`;

/** "last 24 h", "last 90 min", "last 7 days": the report's window, for people. */
export function describeWindow(report: Pick<HealthReport, 'since' | 'until'>): string {
  const minutes = Math.max(1, Math.round((Date.parse(report.until) - Date.parse(report.since)) / 60_000));
  if (minutes < 120) return `last ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 72 ? `last ${hours} h` : `last ${Math.round(hours / 24)} days`;
}

/** "14:00" today, or "2 Dec 14:00" before, in UTC like the rest of the registry's times. */
export function describeSince(at: string, until: string): string {
  const d = new Date(at);
  const time = d.toISOString().slice(11, 16);
  if (at.slice(0, 10) === until.slice(0, 10)) return `${time} UTC`;
  return `${d.getUTCDate()} ${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${time} UTC`;
}

/** The view of one tag's health within `report`. */
export function describeTagHealth(tag: TagHealth, report: Pick<HealthReport, 'since' | 'until'>): TagHealthView {
  const window = describeWindow(report);
  const since = tag.stateSince ? ` since ${describeSince(tag.stateSince.at, report.until)}` : '';
  const where = tag.absentPath ? ` on ${tag.absentPath}` : '';
  switch (tag.state) {
    case 'no-traffic':
      return { state: tag.state, text: tag.views ? `no recent traffic${since}` : `no page views reported, ${window}` };
    case 'broken':
      return { state: tag.state, text: `broken${since}: not found on ${tag.absent}% of ${views(tag.views)}${where}`, repair: 'repick' };
    case 'degraded': {
      // Relocated most of the time: the element is there, the primary selector is not; confirming the relocation fixes it.
      if (tag.relocated >= tag.absent + tag.ambiguous)
        return { state: tag.state, text: `degraded${since}: found only by relocation on ${tag.relocated}% of ${views(tag.views)}`, repair: 'confirm-relocation' };
      const missing = Math.round((tag.absent + tag.ambiguous) * 10) / 10;
      return { state: tag.state, text: `degraded${since}: not found on ${missing}% of ${views(tag.views)}${where}`, repair: 'repick' };
    }
    default:
      return { state: tag.state, text: `found on ${Math.round((tag.found + tag.relocated) * 10) / 10}% of ${views(tag.views)}, ${window}` };
  }
}

/** Every tag of a report, by id. */
export function describeReport(report: HealthReport): Map<string, TagHealthView> {
  return new Map(report.tags.map((tag) => [tag.id, describeTagHealth(tag, report)]));
}
