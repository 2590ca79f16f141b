import { describe, expect, it } from 'vitest';
import type { QueuedViewEvent } from '@newsrank/queue';
import { readerFactsOf, visitsOf } from './reader-facts.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const h0 = Date.UTC(2026, 11, 7, 9);
const ev = (over: Partial<QueuedViewEvent>): QueuedViewEvent => ({
  eventId: Math.random().toString(),
  articleId: A,
  occurredAt: h0 + 1000,
  ...over,
});

describe('readerFactsOf', () => {
  const facts = readerFactsOf([
    ev({ articleId: B }),
    ev({ referrer: { class: 'search', host: 'www.google.com' } }),
    ev({ referrer: { class: 'search', host: 'www.google.com' }, campaign: { source: 'x', medium: null, campaign: 'c' } }),
    ev({ occurredAt: h0 + 3_600_000 }),
    ev({ kind: 'engaged', seconds: 15 }),
    ev({ kind: 'engaged', seconds: 7.5 }),
  ]);

  it('folds referrers per article and hour, a missing one as direct, in key order', () => {
    expect(facts.referrers.map((r) => [r.articleId, r.bucketStart.getTime() - h0, r.referrerClass, r.referrerHost, r.views])).toEqual([
      [A, 0, 'search', 'www.google.com', 2],
      [A, 3_600_000, 'direct', '', 1],
      [B, 0, 'direct', '', 1],
    ]);
  });

  it('counts engaged events as time only, never as views', () => {
    expect(facts.engagement).toEqual([{ articleId: A, bucketStart: new Date(h0), engagedMs: 22_500, beacons: 2 }]);
    expect(facts.siteTraffic.reduce((sum, r) => sum + r.views, 0)).toBe(4);
    expect(facts.siteEngagement).toEqual([{ bucketStart: new Date(h0), engagedMs: 22_500, beacons: 2 }]);
  });

  it('keeps campaigns, an empty string for a missing tag', () => {
    expect(facts.campaigns).toEqual([{ articleId: A, bucketStart: new Date(h0), source: 'x', medium: '', campaign: 'c', views: 1 }]);
  });

  it('sorts the site rows by hour, then class and host', () => {
    expect(facts.siteTraffic.map((r) => [r.bucketStart.getTime() - h0, r.referrerClass])).toEqual([
      [0, 'direct'],
      [0, 'search'],
      [3_600_000, 'direct'],
    ]);
  });
});

describe('visitsOf', () => {
  it('takes the views that carry a visitor, not engaged events', () => {
    const visits = visitsOf([
      ev({ visitor: 'aaaaaaaaaaaaaaaa' }),
      ev({}),
      ev({ kind: 'engaged', seconds: 3, visitor: 'bbbbbbbbbbbbbbbb' }),
    ]);
    expect(visits).toEqual([{ articleId: A, occurredAt: h0 + 1000, visitor: 'aaaaaaaaaaaaaaaa' }]);
  });
});
