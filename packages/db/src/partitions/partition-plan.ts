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

const floorTo = (ms: number, span: number) => Math.floor(ms / span) * span;
const ceilTo = (ms: number, span: number) => Math.ceil(ms / span) * span;

/** What a table with this retention should hold at `nowMs`: the live range to cover, and the drop cutoff. */
export function partitionWindow(nowMs: number, retentionMs: number): { spanMs: number; cover: TimeRange; dropBeforeMs: number } {
  const spanMs = partitionSpanFor(retentionMs);
  return {
    spanMs,
    cover: { fromMs: floorTo(nowMs - retentionMs, spanMs), toMs: ceilTo(nowMs + Math.max(PARTITIONS_AHEAD_MS, 2 * spanMs), spanMs) },
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
    const to = Math.min(floorTo(at, spanMs) + spanMs, nextTaken);
    created.push({ fromMs: at, toMs: to });
    at = to;
  }
  return created;
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
