import { describe, expect, it } from 'vitest';
import { partitionName, partitionSpanFor, partitionWindow, partitionsToCreate, partitionsToDrop } from './partition-plan.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-07T11:20:00Z');

describe('partitionSpanFor', () => {
  it.each([
    ['10 minutes of dedup records (a test)', 10 * MINUTE, 5 * MINUTE],
    ['two hours of minute buckets', 2 * HOUR, 15 * MINUTE],
    ['a day', DAY, 6 * HOUR],
    ['a week and an hour of dedup records', 7 * DAY + HOUR, DAY],
    ['31 days of hour buckets', 31 * DAY, 7 * DAY],
    ['ten years of history', 3650 * DAY, 7 * DAY],
  ])('%s: partitions of %d ms', (_name, retention, span) => {
    expect(partitionSpanFor(retention)).toBe(span);
  });

  it('refuses a retention of zero', () => {
    expect(() => partitionSpanFor(0)).toThrow(RangeError);
  });
});

describe('partitionWindow', () => {
  it('covers the retention back from now and two hours ahead, on the span grid, and drops a spare span later', () => {
    const { spanMs, cover, dropBeforeMs } = partitionWindow(NOW, 2 * HOUR);
    expect(spanMs).toBe(15 * MINUTE);
    expect(new Date(cover.fromMs).toISOString()).toBe('2026-12-07T09:15:00.000Z');
    expect(new Date(cover.toMs).toISOString()).toBe('2026-12-07T13:30:00.000Z');
    expect(new Date(dropBeforeMs).toISOString()).toBe('2026-12-07T09:05:00.000Z');
  });

  it('keeps at least two spans ahead when a span is longer than two hours', () => {
    const { cover } = partitionWindow(NOW, 31 * DAY);
    expect(cover.toMs - NOW).toBeGreaterThanOrEqual(7 * DAY);
  });
});

describe('partitionsToCreate', () => {
  const want = { fromMs: 0, toMs: 4 * HOUR };

  it('cuts an empty table at the span', () => {
    expect(partitionsToCreate([], want, HOUR)).toEqual([
      { fromMs: 0, toMs: HOUR },
      { fromMs: HOUR, toMs: 2 * HOUR },
      { fromMs: 2 * HOUR, toMs: 3 * HOUR },
      { fromMs: 3 * HOUR, toMs: 4 * HOUR },
    ]);
  });

  it('creates nothing where partitions exist', () => {
    expect(partitionsToCreate([{ fromMs: 0, toMs: 6 * HOUR }], want, HOUR)).toEqual([]);
  });

  it('fills the gaps around partitions of another span without overlapping them', () => {
    const existing = [{ fromMs: 30 * MINUTE, toMs: 90 * MINUTE }];
    expect(partitionsToCreate(existing, want, HOUR)).toEqual([
      { fromMs: 0, toMs: 30 * MINUTE },
      { fromMs: 90 * MINUTE, toMs: 2 * HOUR },
      { fromMs: 2 * HOUR, toMs: 3 * HOUR },
      { fromMs: 3 * HOUR, toMs: 4 * HOUR },
    ]);
  });
});

describe('partitionsToDrop', () => {
  it('are the partitions that end at or before the cutoff', () => {
    const partitions = [
      { name: 'a', fromMs: 0, toMs: HOUR },
      { name: 'b', fromMs: HOUR, toMs: 2 * HOUR },
      { name: 'c', fromMs: 2 * HOUR, toMs: 3 * HOUR },
    ];
    expect(partitionsToDrop(partitions, 2 * HOUR).map((p) => p.name)).toEqual(['a', 'b']);
    expect(partitionsToDrop(partitions, 2 * HOUR - 1).map((p) => p.name)).toEqual(['a']);
  });
});

describe('partitionName', () => {
  it('names the table and the first instant in UTC', () => {
    expect(partitionName('counted_events', Date.parse('2026-12-07T09:15:00Z'))).toBe('counted_events_p20261207t0915');
  });
});
