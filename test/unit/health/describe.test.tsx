import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { describeReport, describeTagHealth, describeWindow } from '../../../lib/health/describe';
import type { HealthReport, TagHealth } from '../../../lib/publish/schemas';
import { TagList } from '../../../components/sidepanel/TagList';

const window24h = { since: '2026-12-01T15:00:00.000Z', until: '2026-12-02T15:00:00.000Z' };
const tag = (over: Partial<TagHealth>): TagHealth => ({
  id: 't', event: 'E', state: 'healthy', stateSince: null, views: 0, samples: 0, found: 0, relocated: 0, ambiguous: 0, absent: 0, events: 0, lastFound: null, absentPath: null, ...over,
});

describe('describeTagHealth', () => {
  it('says healthy, broken, degraded and quiet tags the way the side panel shows them', () => {
    expect(describeTagHealth(tag({ state: 'healthy', views: 12_400, found: 98.6, relocated: 0.4 }), window24h)).toEqual({ state: 'healthy', text: 'found on 99% of 12,400 views, last 24 h' });
    expect(describeTagHealth(tag({ state: 'broken', views: 320, absent: 100, absentPath: '/checkout', stateSince: { at: '2026-12-02T14:00:00.000Z', revision: 7 } }), window24h)).toEqual({
      state: 'broken',
      text: 'broken since 14:00 UTC: not found on 100% of 320 views on /checkout',
      repair: 'repick',
    });
    expect(describeTagHealth(tag({ state: 'degraded', views: 50, found: 30, relocated: 70, stateSince: { at: '2026-12-01T16:00:00.000Z', revision: 6 } }), window24h)).toEqual({
      state: 'degraded',
      text: 'degraded since 1 Dec 16:00 UTC: found only by relocation on 70% of 50 views',
      repair: 'confirm-relocation',
    });
    expect(describeTagHealth(tag({ state: 'degraded', views: 1, found: 80, absent: 15, ambiguous: 5 }), window24h).text).toBe('degraded: not found on 20% of 1 view');
    expect(describeTagHealth(tag({ state: 'no-traffic' }), window24h)).toEqual({ state: 'no-traffic', text: 'no page views reported, last 24 h' });
  });

  it('names the window in minutes, hours or days', () => {
    const until = '2026-12-02T15:00:00.000Z';
    expect(describeWindow({ since: '2026-12-02T13:30:00.000Z', until })).toBe('last 90 min');
    expect(describeWindow({ since: '2026-11-25T15:00:00.000Z', until })).toBe('last 7 days');
  });
});

describe('the tag list with health', () => {
  it('shows each tag\'s live health beside it and offers the repair', () => {
    const report: HealthReport = { site: 'shop', ...window24h, bucketSeconds: 3600, liveRevision: 7, tags: [tag({ id: 'buy', state: 'broken', views: 320, absent: 100, absentPath: '/checkout' }), tag({ id: 'view', state: 'healthy', views: 10, found: 100 })] };
    const repaired: string[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    const tags = [
      { id: 'buy', event: 'Buy', trigger: 'click', target: { selector: '#buy' } },
      { id: 'view', event: 'Viewed', trigger: 'pageview' },
      { id: 'new', event: 'Not Published', trigger: 'click', target: { selector: '#x' } },
    ] as never[];
    const noop = () => undefined;
    render(<TagList tags={tags} states={new Map()} query="" onQuery={noop} onHighlight={noop} onEdit={noop} onDuplicate={noop} onToggle={noop} onDelete={noop} health={describeReport(report)} onRepair={(t, r) => repaired.push(`${t.id}:${r}`)} />, container);
    const line = (id: string) => container.querySelector(`[data-tag-id="${id}"] .tag-health`);
    expect(line('buy')!.getAttribute('data-health')).toBe('broken');
    expect(line('buy')!.textContent).toContain('Live: broken: not found on 100% of 320 views on /checkout');
    expect(line('view')!.textContent).toBe('Live: found on 100% of 10 views, last 24 h');
    expect(line('new')).toBeNull();
    (line('buy')!.querySelector('button') as HTMLButtonElement).click();
    expect(repaired).toEqual(['buy:repick']);
    render(null, container);
    container.remove();
  });
});
