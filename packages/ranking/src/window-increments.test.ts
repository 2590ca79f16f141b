import { describe, expect, it } from 'vitest';
import { aggregateViews } from './aggregate.ts';
import { windowIncrements } from './window-increments.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = Date.UTC(2026, 10, 27, 12, 30);
const views = [
  { articleId: 'b', occurredAt: now },
  { articleId: 'a', occurredAt: now },
  { articleId: 'a', occurredAt: now - 2 * HOUR },
  { articleId: 'a', occurredAt: now - 3 * 86_400_000 },
];
const aggregates = aggregateViews(views, 6 * HOUR, now);

describe('windowIncrements', () => {
  it('adds each view to every window whose horizon it is not older than, sorted by window then article', () => {
    const horizons = new Map([
      ['1h', new Date(now - HOUR)],
      ['24h', new Date(now - 24 * HOUR)],
      ['7d', new Date(now - 7 * 24 * HOUR)],
      ['30d', new Date(now - 30 * 24 * HOUR)],
    ]);
    expect(windowIncrements(aggregates, horizons)).toEqual([
      { window: '1h', articleId: 'a', views: 1 },
      { window: '1h', articleId: 'b', views: 1 },
      { window: '24h', articleId: 'a', views: 2 },
      { window: '24h', articleId: 'b', views: 1 },
      { window: '30d', articleId: 'a', views: 3 },
      { window: '30d', articleId: 'b', views: 1 },
      { window: '7d', articleId: 'a', views: 3 },
      { window: '7d', articleId: 'b', views: 1 },
    ]);
  });

  it('gives a window without a horizon (totals not built yet) nothing', () => {
    expect(windowIncrements(aggregates, new Map([['1h', new Date(now - HOUR)]]))).toEqual([
      { window: '1h', articleId: 'a', views: 1 },
      { window: '1h', articleId: 'b', views: 1 },
    ]);
  });
});
