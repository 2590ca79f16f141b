/** What the soak reads every 30 s (and at the start and end of its measured part). */
export interface SoakSample {
  /** Since the load began (warm-up included). */
  atSeconds: number;
  measured: boolean;
  /** Resident set size per process, bytes; null when it could not be read. */
  rss: Record<string, number | null>;
  databaseBytes: number;
  /** Of it, the tables whose retention the run cannot reach (they grow with minutes and articles). */
  longKeptBytes: number;
  /** Jobs per queue and state (waiting, active, delayed, failed). */
  queues: Record<string, Record<string, number>>;
  viewsAccepted: number;
  sseEvents: number;
  errors: number;
}

const MIB = 1024 * 1024;
export const mib = (bytes: number) => bytes / MIB;

/** The measured part's first, middle and last sample. */
export function startMiddleEnd(samples: readonly SoakSample[]): { start: SoakSample; middle: SoakSample; end: SoakSample } {
  const measured = samples.filter((sample) => sample.measured);
  const start = measured[0];
  const end = measured.at(-1);
  if (!start || !end) throw new Error('the soak took no sample of its measured part');
  const halfway = (start.atSeconds + end.atSeconds) / 2;
  const middle = measured.reduce((best, s) => (Math.abs(s.atSeconds - halfway) < Math.abs(best.atSeconds - halfway) ? s : best), start);
  return { start, middle, end };
}

/**
 * A process's memory growth over the measured part: the peak RSS of its last third against the
 * peak of its first third. Peaks rather than single readings, since a collection just before one
 * reading and not before another moves RSS by more than the growth being looked for. NaN when a
 * third has no reading.
 */
export function rssGrowthPercent(samples: readonly SoakSample[], name: string): number {
  const measured = samples.filter((sample) => sample.measured);
  const first = measured[0]?.atSeconds ?? 0;
  const span = (measured.at(-1)?.atSeconds ?? 0) - first;
  const peak = (from: number, to: number) =>
    Math.max(
      ...measured
        .filter((s) => s.atSeconds - first >= from * span && s.atSeconds - first <= to * span)
        .flatMap((s) => (typeof s.rss[name] === 'number' ? [s.rss[name]] : [])),
    );
  const early = peak(0, 1 / 3);
  const late = peak(2 / 3, 1);
  return Number.isFinite(early) && Number.isFinite(late) && early > 0 ? (100 * (late - early)) / early : Number.NaN;
}

export interface StorageSettings {
  /** The shortest retention the soak could set for the bulk of what it writes (the dedup records). */
  retentionMs: number;
  /** The span storage is compared over: a partition's, by which the size saws up and down. */
  storageSpanMs: number;
  warmupSeconds: number;
}

export type StorageVerdict =
  | {
      checkable: true;
      /** Growth of the database's peak size from one span to the next, at the end of the run. */
      lateGrowthBytes: number;
      /** What it grew per span before anything could age out. */
      earlyGrowthBytes: number;
      /** The long-kept tables' growth over the last span: shown, not judged. */
      longKeptGrowthBytes: number;
      flatFromSeconds: number;
    }
  | { checkable: false; bytesPerMinute: number; neededMeasuredMinutes: number; flatFromSeconds: number };

/**
 * Whether the database stopped growing once its first data aged out, judged without knowing how
 * retention removes rows (batched deletes leave space to be reused, dropped partitions give it
 * back): the size may saw up and down with each retention pass, so it compares the peak size of
 * the run's last span with the peak of the span before. The tables whose retention the run
 * cannot reach (list history, articles, buckets: longKeptBytes) are left out of that and their
 * growth given beside it: they grow with minutes and articles, by design. Old data can be gone only
 * from its retention on, and only a pass after that removes it (two spans are allowed, for
 * a partition's span and the pass's own timing); a run that ends sooner is not judged and says
 * how long a run would have to be.
 */
export function storageVerdict(samples: readonly SoakSample[], settings: StorageSettings): StorageVerdict {
  const period = settings.storageSpanMs / 1000;
  const flatFromSeconds = settings.retentionMs / 1000 + 2 * period;
  const measured = samples.filter((sample) => sample.measured);
  const first = measured[0];
  const last = measured.at(-1);
  if (!first || !last) throw new Error('the soak took no sample of its measured part');
  const end = last.atSeconds;
  if (end < flatFromSeconds + 2 * period) {
    const minutes = (end - first.atSeconds) / 60;
    return {
      checkable: false,
      bytesPerMinute: minutes > 0 ? (last.databaseBytes - first.databaseBytes) / minutes : 0,
      neededMeasuredMinutes: Math.ceil((flatFromSeconds + 2 * period - settings.warmupSeconds) / 60),
      flatFromSeconds,
    };
  }
  const judged = (s: SoakSample) => s.databaseBytes - s.longKeptBytes;
  const peak = (from: number, to: number, size: (s: SoakSample) => number) =>
    Math.max(...measured.filter((s) => s.atSeconds > from && s.atSeconds <= to).map(size));
  const growth = (size: (s: SoakSample) => number) => peak(end - period, end, size) - peak(end - 2 * period, end - period, size);
  // Before the retention has passed nothing can have aged out: the rate the data is written at.
  const early = measured.filter((s) => s.atSeconds <= Math.max(settings.retentionMs / 1000, first.atSeconds + 60));
  const earlyEnd = early.at(-1) ?? first;
  const earlyRate = (judged(earlyEnd) - judged(first)) / Math.max(1, earlyEnd.atSeconds - first.atSeconds);
  return {
    checkable: true,
    lateGrowthBytes: growth(judged),
    earlyGrowthBytes: earlyRate * period,
    longKeptGrowthBytes: growth((s) => s.longKeptBytes),
    flatFromSeconds,
  };
}

/** The samples as a small table for the terminal: time, database size, backlog and each process's RSS. */
export function samplesTable(samples: readonly SoakSample[], processes: readonly string[]): string {
  const header = [
    'min',
    'phase',
    'database MiB',
    'long-kept MiB',
    'events waiting',
    'ingest waiting',
    ...processes.map((p) => `${p} RSS MiB`),
    'views 202',
    'SSE events',
    'errors',
  ];
  const rows = samples.map((s) => [
    (s.atSeconds / 60).toFixed(1),
    s.measured ? 'measured' : 'warm-up',
    mib(s.databaseBytes).toFixed(1),
    mib(s.longKeptBytes).toFixed(1),
    String(s.queues.events?.waiting ?? '—'),
    String(s.queues.ingest?.waiting ?? '—'),
    ...processes.map((p) => {
      const bytes = s.rss[p];
      return bytes === null || bytes === undefined ? '—' : mib(bytes).toFixed(0);
    }),
    String(s.viewsAccepted),
    String(s.sseEvents),
    String(s.errors),
  ]);
  return [header, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
