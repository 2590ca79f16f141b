import { describe, expect, it } from 'vitest';
import {
  partitionName,
  partitionSpanFor,
  partitionWindow,
  partitionsToCreate,
  partitionsToDrop,
  partitionsToReshape,
  type TimeRange,
} from './partition-plan.ts';

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

describe('partitionsToReshape', () => {
  const TODAY = Date.parse('2026-12-07T00:00:00Z');
  const at = (iso: string) => Date.parse(`2026-12-07T${iso}:00Z`);
  const day = (fromMs: number) => ({ fromMs, toMs: fromMs + DAY });
  /** The partitions once `reshapes` are done, in order. */
  const applied = (existing: readonly TimeRange[], reshapes: { partition: TimeRange; into: TimeRange[] }[]) =>
    [...existing.filter((p) => !reshapes.some((r) => r.partition === p)), ...reshapes.flatMap((r) => r.into)].sort(
      (a, b) => a.fromMs - b.fromMs,
    );

  it("cuts today's day partition to the short span over the window, edge to edge", () => {
    const { spanMs, cover } = partitionWindow(NOW, 10 * MINUTE);
    const today = day(TODAY);
    const [reshape, ...others] = partitionsToReshape([today], cover, spanMs, NOW);
    expect(others).toEqual([]);
    expect(reshape?.partition).toBe(today);
    const into = reshape?.into ?? [];
    expect(into.map((r) => r.toMs - r.fromMs)).toEqual(Array(into.length).fill(5 * MINUTE));
    expect(into[0]?.fromMs).toBe(cover.fromMs);
    expect(into.at(-1)?.toMs).toBe(cover.toMs);
    expect(into.every((r, i) => i === 0 || r.fromMs === into[i - 1]?.toMs)).toBe(true);
    // What the window still needs is then the same as for a table always cut at five minutes.
    expect(partitionsToCreate(applied([today], [reshape!]), cover, spanMs)).toEqual([]);
  });

  it('leaves partitions on the grid, and those that end by the start of the partition now falls in', () => {
    const want = { fromMs: TODAY - DAY, toMs: TODAY + DAY };
    const yesterday = day(TODAY - DAY);
    const endsAtNowsHour = { fromMs: at('09:30'), toMs: at('11:00') };
    const endsInNowsHour = { fromMs: at('10:30'), toMs: at('11:05') };
    const onGrid = { fromMs: at('12:00'), toMs: at('13:00') };
    const reshapes = partitionsToReshape([yesterday, endsAtNowsHour, onGrid], want, HOUR, NOW);
    expect(reshapes).toEqual([]);
    expect(partitionsToReshape([endsInNowsHour], want, HOUR, NOW)).toEqual([
      {
        partition: endsInNowsHour,
        into: [
          { fromMs: at('10:30'), toMs: at('11:00') },
          { fromMs: at('11:00'), toMs: at('11:05') },
        ],
      },
    ]);
  });

  it('a partition within one span of the grid stays, so reshaping comes to rest', () => {
    const want = { fromMs: at('11:00'), toMs: at('14:00') };
    const existing = [{ fromMs: at('11:00'), toMs: at('11:40') }, { fromMs: at('11:40'), toMs: at('12:50') }, day(TODAY + DAY)];
    const once = applied(existing, partitionsToReshape(existing, want, HOUR, NOW));
    expect(once).toEqual([
      { fromMs: at('11:00'), toMs: at('11:40') },
      { fromMs: at('11:40'), toMs: at('12:00') },
      { fromMs: at('12:00'), toMs: at('12:50') },
      // Wholly past the window: nothing to cut it into yet.
      day(TODAY + DAY),
    ]);
    expect(partitionsToReshape(once, want, HOUR, NOW)).toEqual([]);
  });

  it('does not merge partitions of a shorter span', () => {
    const fives = Array.from({ length: 12 }, (_, i) => ({ fromMs: at('11:00') + i * 5 * MINUTE, toMs: at('11:05') + i * 5 * MINUTE }));
    expect(partitionsToReshape(fives, { fromMs: TODAY, toMs: TODAY + DAY }, DAY, NOW)).toEqual([]);
  });

  it('refuses to cut a partition into fewer than two ranges at a time', () => {
    expect(() => partitionsToReshape([day(TODAY)], { fromMs: TODAY, toMs: TODAY + DAY }, HOUR, NOW, 1)).toThrow(RangeError);
  });

  it('gives at most maxParts ranges, the last taking the rest, and later calls cut that', () => {
    const want = { fromMs: at('11:00'), toMs: at('19:00') };
    let partitions: TimeRange[] = [day(TODAY)];
    const first = partitionsToReshape(partitions, want, HOUR, NOW, 3);
    expect(first.map((r) => r.into)).toEqual([
      [
        { fromMs: at('11:00'), toMs: at('12:00') },
        { fromMs: at('12:00'), toMs: at('13:00') },
        { fromMs: at('13:00'), toMs: at('19:00') },
      ],
    ]);
    for (let reshapes = first; reshapes.length > 0; reshapes = partitionsToReshape(partitions, want, HOUR, NOW, 3)) {
      expect(reshapes.every((r) => r.into.length <= 3)).toBe(true);
      partitions = applied(partitions, reshapes);
    }
    expect(partitions).toEqual(Array.from({ length: 8 }, (_, i) => ({ fromMs: at('11:00') + i * HOUR, toMs: at('12:00') + i * HOUR })));
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
