import { describe, expect, it } from 'vitest';
import { meanEngagedSeconds, referrerSummary, statsPlan, viewsPerPoint } from './stats-shape.ts';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 11, 7, 9, 30);

describe('statsPlan', () => {
  it('24h is 24 hourly points ending with the current hour', () => {
    const plan = statsPlan('24h', now);
    expect(plan.points).toHaveLength(24);
    expect(plan.points.at(-1)).toEqual({ unit: 'hour', startMs: Date.UTC(2026, 11, 7, 9) });
    expect(plan.to.getTime() - plan.from.getTime()).toBe(24 * HOUR);
  });
  it('7d is 168 hourly points; 30d is daily, its first and last day partial', () => {
    expect(statsPlan('7d', now).points).toHaveLength(168);
    const month = statsPlan('30d', now);
    expect(month.points.every((p) => p.unit === 'day')).toBe(true);
    expect(month.points).toHaveLength(31);
    expect(month.points.at(-1)?.startMs).toBe(Date.UTC(2026, 11, 7));
  });
});

describe('viewsPerPoint', () => {
  it('sums hours into their day and leaves empty points at 0', () => {
    const plan = statsPlan('30d', now);
    const views = viewsPerPoint(plan, [
      { bucketStart: new Date(Date.UTC(2026, 11, 7, 1)), views: 3 },
      { bucketStart: new Date(Date.UTC(2026, 11, 7, 8)), views: 4 },
      { bucketStart: new Date(Date.UTC(2026, 11, 6, 8)), views: 1 },
    ]);
    expect(views.at(-1)).toBe(7);
    expect(views.at(-2)).toBe(1);
    expect(views.reduce((a, b) => a + b, 0)).toBe(8);
  });
});

describe('referrerSummary', () => {
  it('splits by class and ranks hosts, direct without a host', () => {
    const summary = referrerSummary([
      { referrerClass: 'direct', referrerHost: '', views: 5 },
      { referrerClass: 'search', referrerHost: 'www.google.com', views: 3 },
      { referrerClass: 'social', referrerHost: 't.co', views: 4 },
      { referrerClass: 'search', referrerHost: 'www.bing.com', views: 1 },
    ]);
    expect(summary.referrers).toEqual({ direct: 5, internal: 0, search: 4, social: 4, other: 0 });
    expect(summary.referrerHosts.map((h) => h.host)).toEqual(['t.co', 'www.google.com', 'www.bing.com']);
  });
});

describe('meanEngagedSeconds', () => {
  it('divides by visitors, to a tenth', () => {
    expect(meanEngagedSeconds(45_000, 2)).toBe(22.5);
    expect(meanEngagedSeconds(10_000, 3)).toBe(3.3);
    expect(meanEngagedSeconds(10_000, 0)).toBe(0);
  });
});
