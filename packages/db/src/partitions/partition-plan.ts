/**
 * Which time partitions a table needs and which it can lose (pure). A partition holds rows whose
 * time falls in [fromMs, toMs); partitions are cut at multiples of their span since the epoch, in
 * UTC, so every replica computes the same bounds and names.
 */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The lengths a partition may have; each divides the next, so grids of different spans line up. */
const SPANS_MS = [5 * MINUTE_MS, 15 * MINUTE_MS, HOUR_MS, 6 * HOUR_MS, DAY_MS, 7 * DAY_MS] as const;

/**
 * How far ahead of now partitions exist: the ranking worker applies views up to an hour ahead of
 * its clock (another host's clock may run fast), and maintenance runs every few minutes.
 */
export const PARTITIONS_AHEAD_MS = 2 * HOUR_MS;

/**
 * The partition length for rows kept `retentionMs`: the longest span of at most a quarter of it.
 * Whole partitions are dropped, so a table holds up to a span (and a spare one) beyond its
 * retention: a quarter bounds that overhead while keeping the number of partitions, which every
 * query without a time range visits, near five to ten.
 */
export function partitionSpanFor(retentionMs: number): number {
  if (!(retentionMs > 0)) throw new RangeError(`retention must be above zero, got ${retentionMs}`);
  let span: number = SPANS_MS[0];
  for (const candidate of SPANS_MS) if (candidate <= retentionMs / 4) span = candidate;
  return span;
}

/** The first instant of the partition cut at `spanMs` that holds `ms`. */
export const partitionStart = (ms: number, spanMs: number) => Math.floor(ms / spanMs) * spanMs;
const ceilTo = (ms: number, span: number) => Math.ceil(ms / span) * span;

/** What a table with this retention should hold at `nowMs`: the live range to cover, and the drop cutoff. */
export function partitionWindow(nowMs: number, retentionMs: number): { spanMs: number; cover: TimeRange; dropBeforeMs: number } {
  const spanMs = partitionSpanFor(retentionMs);
  return {
    spanMs,
    cover: { fromMs: partitionStart(nowMs - retentionMs, spanMs), toMs: ceilTo(nowMs + Math.max(PARTITIONS_AHEAD_MS, 2 * spanMs), spanMs) },
    // A spare span past the retention: replicas' clocks differ a little, and a row is written
    // only while it is younger than the retention, so its partition must outlive that by a margin.
    dropBeforeMs: nowMs - retentionMs - spanMs,
  };
}

/**
 * The partitions to create so that `want` is covered: its parts no existing partition covers,
 * cut at multiples of `spanMs`. Existing partitions may have another span (an older setting):
 * the new ones fill the gaps around them and never overlap them.
 */
export function partitionsToCreate(existing: readonly TimeRange[], want: TimeRange, spanMs: number): TimeRange[] {
  const taken = [...existing].sort((a, b) => a.fromMs - b.fromMs);
  const created: TimeRange[] = [];
  let at = want.fromMs;
  while (at < want.toMs) {
    const inside = taken.find((range) => range.fromMs <= at && at < range.toMs);
    if (inside) {
      at = inside.toMs;
      continue;
    }
    const nextTaken = taken.find((range) => range.fromMs > at)?.fromMs ?? Number.POSITIVE_INFINITY;
    const to = Math.min(partitionStart(at, spanMs) + spanMs, nextTaken);
    created.push({ fromMs: at, toMs: to });
    at = to;
  }
  return created;
}

/** An existing partition to replace, and the ranges that take its place. */
export interface Reshape<T extends TimeRange> {
  partition: T;
  into: TimeRange[];
}

/**
 * The partitions cut to another span than `spanMs` (an older setting, or the migration's
 * default) that could still be cut right: those crossing a boundary of the span's grid, reaching
 * past the start of the partition `nowMs` falls in, and overlapping `want`. Partitions wholly
 * before that start hold the rows being aged out and are left to go with them; one that covers
 * now may hold rows too, which is why the caller replaces a partition only if it is empty.
 * Each is replaced by the grid's cuts of its part inside `want` (what is left outside is no more
 * than a table always cut at `spanMs` would hold, and partitionsToCreate fills it as `want`
 * moves). At most `maxParts` ranges per partition: past that the last range takes the rest, to
 * be cut by a later call. A partition within one span of the grid is not reshaped: cutting it
 * again would give it back as it is; nor are partitions of a shorter span merged, as they go
 * sooner than the wanted ones would.
 */
export function partitionsToReshape<T extends TimeRange>(
  existing: readonly T[],
  want: TimeRange,
  spanMs: number,
  nowMs: number,
  maxParts = Number.POSITIVE_INFINITY,
): Reshape<T>[] {
  // With one range, a partition inside `want` would be replaced by itself, over and over.
  if (!(maxParts >= 2)) throw new RangeError(`a partition is cut into at least two ranges at a time, got ${maxParts}`);
  const nowStart = partitionStart(nowMs, spanMs);
  return existing
    .filter((p) => partitionStart(p.fromMs, spanMs) + spanMs < p.toMs && p.toMs > nowStart && p.fromMs < want.toMs && p.toMs > want.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs)
    .map((partition) => {
      const from = Math.max(partition.fromMs, want.fromMs);
      const to = Math.min(partition.toMs, want.toMs);
      const into: TimeRange[] = [];
      for (let at = from; at < to;) {
        const end = into.length === maxParts - 1 ? to : Math.min(partitionStart(at, spanMs) + spanMs, to);
        into.push({ fromMs: at, toMs: end });
        at = end;
      }
      return { partition, into };
    });
}

/** Partitions whose every row is older than the cutoff. */
export function partitionsToDrop<T extends TimeRange>(existing: readonly T[], dropBeforeMs: number): T[] {
  return existing.filter((range) => range.toMs <= dropBeforeMs);
}

/** `counted_events_p20261207t0000`: the table and the partition's first instant, in UTC. */
export function partitionName(table: string, fromMs: number): string {
  const iso = new Date(fromMs).toISOString();
  return `${table}_p${iso.slice(0, 10).replaceAll('-', '')}t${iso.slice(11, 16).replace(':', '')}`;
}
