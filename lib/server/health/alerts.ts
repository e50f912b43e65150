import type { HealthReport, TagHealth } from '../../publish/schemas';
import type { RegistryStore } from '../store';

/** Options of `createAlerter`. */
export interface AlerterOptions {
  /** Where to POST the Slack-compatible message (`{ text, blocks }`). */
  webhookUrl: string;
  /** At most one "broken/degraded" message per tag per this many ms. Default 24 h. */
  intervalMs?: number;
  /** Give up on a webhook call after this many ms. Default 5,000. */
  timeoutMs?: number;
  /** After a failed call, wait this long before trying that tag again, in ms. Default 60,000. */
  retryAfterMs?: number;
  /** The registry's public URL, linked from messages when given. */
  registryUrl?: string;
  now?: () => number;
  fetch?: typeof fetch;
  onError?(error: unknown): void;
}

/** A Slack-compatible incoming-webhook body. */
export interface AlertMessage {
  text: string;
  blocks: { type: 'section'; text: { type: 'mrkdwn'; text: string } }[];
}

export interface Alerter {
  /** Looks at a site's health over the last day and posts what changed; resolves when the posts are done. */
  check(site: string): Promise<void>;
}

/** The site's health report from `sinceMs` to now (the registry's `GET /health`). */
export type ReportSource = (site: string, sinceMs: number) => HealthReport;

const PROBLEMS = new Set(['broken', 'degraded']);

/**
 * Posts when a tag becomes broken or degraded (at most once per tag per `intervalMs`), and a
 * recovery when a tag that was alerted is healthy again. What each tag was last told is kept
 * in the database (`health_alerts`), so a restart neither repeats nor forgets an alert.
 * No-traffic is not alerted: a quiet night is not a broken tag.
 */
export function createAlerter(store: RegistryStore, reportOf: ReportSource, options: AlerterOptions): Alerter {
  const intervalMs = options.intervalMs ?? 24 * 3600_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? globalThis.fetch;
  const onError = options.onError ?? (() => {});
  const failedAt = new Map<string, number>();

  async function post(message: AlertMessage): Promise<void> {
    const res = await doFetch(options.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`the alert webhook answered ${res.status}`);
  }

  return {
    async check(site) {
      const report = reportOf(site, now() - 24 * 3600_000);
      // A message gives the figures since the state began, not the whole day's mix.
      const sinceChange = (tag: TagHealth): [HealthReport, TagHealth] => {
        if (!tag.stateSince) return [report, tag];
        const focused = reportOf(site, Date.parse(tag.stateSince.at));
        const same = focused.tags.find((t) => t.id === tag.id);
        return same ? [focused, { ...same, state: tag.state, stateSince: tag.stateSince }] : [report, tag];
      };
      for (const tag of report.tags) {
        const key = `${report.site} ${tag.id}`;
        const at = now();
        if (at - (failedAt.get(key) ?? -Infinity) < retryAfterMs) continue;
        const last = store.alertState(report.site, tag.id);
        let message: AlertMessage | undefined;
        let alertedAt = last?.alertedAt ?? 0;
        if (PROBLEMS.has(tag.state)) {
          const alreadyTold = last !== undefined && PROBLEMS.has(last.state);
          if (alreadyTold || (last !== undefined && at - last.alertedAt < intervalMs)) continue;
          message = problemMessage(...sinceChange(tag), options.registryUrl);
          alertedAt = at;
        } else if (tag.state === 'healthy' && last !== undefined && PROBLEMS.has(last.state)) {
          message = recoveryMessage(...sinceChange(tag));
        } else {
          continue;
        }
        try {
          await post(message);
          failedAt.delete(key);
          store.setAlertState(report.site, tag.id, tag.state, alertedAt);
        } catch (error) {
          failedAt.set(key, at);
          onError(error);
        }
      }
    },
  };
}

function when(tag: TagHealth): string {
  if (!tag.stateSince) return '';
  const at = tag.stateSince.at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return ` since ${at} (revision ${tag.stateSince.revision})`;
}

function section(text: string): AlertMessage['blocks'][number] {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** "Tag t3 (Add to cart) of site shop is broken since …: absent on 100% of 320 views, last on /checkout." */
export function problemMessage(report: HealthReport, tag: TagHealth, registryUrl?: string): AlertMessage {
  const where = tag.absentPath ? `, last on ${tag.absentPath}` : '';
  const figures =
    tag.state === 'broken'
      ? `target absent on ${tag.absent}% of ${tag.views} views${where}`
      : `found on ${tag.found}%, relocated on ${tag.relocated}%, ambiguous on ${tag.ambiguous}%, absent on ${tag.absent}% of ${tag.views} views${where}`;
  const text = `Tagpoint: tag "${tag.id}" (${tag.event}) of site ${report.site} is ${tag.state}${when(tag)}: ${figures}.`;
  const link = registryUrl ? `\n<${registryUrl.replace(/\/+$/, '')}/v1/sites/${report.site}/health|Health of ${report.site}>` : '';
  return { text, blocks: [section(`${tag.state === 'broken' ? ':rotating_light:' : ':warning:'} ${text}${link}`)] };
}

/** "Tag t3 (Add to cart) of site shop has recovered: found on 99% of 210 views since …." */
export function recoveryMessage(report: HealthReport, tag: TagHealth): AlertMessage {
  const text = `Tagpoint: tag "${tag.id}" (${tag.event}) of site ${report.site} has recovered${when(tag)}: found on ${tag.found}%, relocated on ${tag.relocated}% of ${tag.views} views.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}
