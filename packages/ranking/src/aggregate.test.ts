import { describe, expect, it } from 'vitest';
import { aggregateViews, type ArticleViewAggregate } from './aggregate.ts';
import { scoreAt } from './forward-decay.ts';

const HOUR = 3_600_000;
const H = 6 * HOUR;
const T0 = Date.parse('2025-01-13T00:00:00Z');
const view = (articleId: string, iso: string) => ({ articleId, occurredAt: Date.parse(iso) });

const shape = (rows: ArticleViewAggregate[]) =>
  rows.map((r) => ({
    articleId: r.articleId,
    views: r.views,
    minutes: r.minuteBuckets.map((b) => [b.bucketStart.toISOString().slice(11, 16), b.views]),
    hours: r.hourBuckets.map((b) => [b.bucketStart.toISOString().slice(11, 13), b.views]),
  }));

describe('aggregateViews', () => {
  it('an empty batch writes nothing', () => {
    expect(aggregateViews([], H, T0)).toEqual([]);
  });

  it('views of one article in one minute become one row per resolution', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      articleId: 'hot',
      occurredAt: Date.parse('2025-01-13T09:42:00Z') + i * 50,
    }));
    expect(shape(aggregateViews(events, H, T0))).toEqual([
      { articleId: 'hot', views: 1000, minutes: [['09:42', 1000]], hours: [['09', 1000]] },
    ]);
  });

  it('a mixed batch is counted per article, per minute and per hour, in sorted order', () => {
    const events = [
      view('b', '2025-01-13T10:05:10Z'),
      view('a', '2025-01-13T09:59:59Z'),
      view('b', '2025-01-13T09:30:00Z'),
      view('a', '2025-01-13T10:00:00Z'),
      view('b', '2025-01-13T10:05:50Z'),
      view('a', '2025-01-13T09:59:01Z'),
    ];
    expect(shape(aggregateViews(events, H, T0))).toEqual([
      {
        articleId: 'a',
        views: 3,
        minutes: [
          ['09:59', 2],
          ['10:00', 1],
        ],
        hours: [
          ['09', 2],
          ['10', 1],
        ],
      },
      {
        articleId: 'b',
        views: 3,
        minutes: [
          ['09:30', 1],
          ['10:05', 2],
        ],
        hours: [
          ['09', 1],
          ['10', 2],
        ],
      },
    ]);
  });

  it('the output does not depend on the order events arrived in', () => {
    const events = [
      view('z', '2025-01-13T11:00:00Z'),
      view('m', '2025-01-13T10:00:00Z'),
      view('A', '2025-01-13T09:00:00Z'),
      view('m', '2025-01-13T08:00:00Z'),
    ];
    const forward = shape(aggregateViews(events, H, T0));
    expect(shape(aggregateViews([...events].reverse(), H, T0))).toEqual(forward);
    expect(forward.map((r) => r.articleId)).toEqual(['A', 'm', 'z']);
  });

  it('100 views now and 100 views one half-life ago add an increment that scores 150', () => {
    const now = Date.parse('2025-01-13T12:00:00Z');
    const events = [
      ...Array.from({ length: 100 }, () => ({ articleId: 'a', occurredAt: now })),
      ...Array.from({ length: 100 }, () => ({ articleId: 'a', occurredAt: now - H })),
    ];
    const [row] = aggregateViews(events, H, T0);
    expect(scoreAt(row!.decayIncrement, T0, now, H)).toBeCloseTo(150, 9);
  });

  it('increments from split batches add up to the increment of the whole batch', () => {
    const events = Array.from({ length: 50 }, (_, i) => ({
      articleId: i % 3 === 0 ? 'a' : 'b',
      occurredAt: T0 + i * 7 * 60_000,
    }));
    const whole = aggregateViews(events, H, T0);
    const parts = [...aggregateViews(events.slice(0, 20), H, T0), ...aggregateViews(events.slice(20), H, T0)];
    for (const row of whole) {
      const mine = parts.filter((p) => p.articleId === row.articleId);
      expect(mine.reduce((s, p) => s + p.views, 0)).toBe(row.views);
      expect(mine.reduce((s, p) => s + p.decayIncrement, 0)).toBeCloseTo(row.decayIncrement, 9);
    }
  });

  it('refuses a batch holding an invalid time rather than writing a bucket for it', () => {
    expect(() => aggregateViews([{ articleId: 'a', occurredAt: Number.NaN }], H, T0)).toThrow(RangeError);
  });
});
