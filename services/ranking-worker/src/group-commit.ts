export interface GroupCommitOptions {
  /** Flush at once when this many items wait. */
  maxItems: number;
  /**
   * Otherwise a batch is written once its oldest item has waited this long, so that concurrent
   * jobs share a transaction. Measured from the first item's arrival, whether a write was running
   * meanwhile or not: under light load batches come once per linger, under heavy load back to back.
   */
  lingerMs: number;
  /**
   * Writes at once (default 1). A second transaction overlaps its dedup inserts with the first's
   * (they queue only for the bucket rows both touch, locked in one order, so they cannot
   * deadlock); docs/benchmarks.md says what one connection reaches.
   */
  maxInFlight?: number;
}

interface Waiting<T> {
  items: readonly T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: many callers hand in items, one `apply` call writes them all, and each caller's
 * promise settles only when the write holding its items has committed (or failed). At most
 * `maxInFlight` writes run at once; what arrives meanwhile forms the next batch, so batches grow
 * with load and a busy worker spends one transaction on many jobs instead of one each. Under light
 * load the linger does the same: a trickle of small jobs becomes one write per `lingerMs`.
 */
export class GroupCommit<T> {
  readonly #apply: (items: T[]) => Promise<void>;
  readonly #options: GroupCommitOptions;
  #waiting: Waiting<T>[] = [];
  #waitingItems = 0;
  /** When the oldest waiting item arrived (performance.now()). */
  #oldestWaitingAt = 0;
  readonly #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;

  constructor(apply: (items: T[]) => Promise<void>, options: GroupCommitOptions) {
    this.#apply = apply;
    this.#options = options;
  }

  /** Resolves once `items` are committed; rejects with the error of the write that held them. */
  submit(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.#waiting.length === 0) this.#oldestWaitingAt = performance.now();
      this.#waiting.push({ items, resolve, reject });
      this.#waitingItems += items.length;
      this.#schedule();
    });
  }

  /** Settles once everything submitted so far has been written. */
  async drain(): Promise<void> {
    while (this.#running.size > 0 || this.#waiting.length > 0) {
      if (this.#running.size === 0) this.#flush();
      await Promise.all([...this.#running].map((write) => write.catch(() => {})));
    }
  }

  #schedule(): void {
    // With every write slot taken, the first write to end schedules the next one.
    if (this.#running.size >= (this.#options.maxInFlight ?? 1) || this.#waiting.length === 0) return;
    const lingerLeft = this.#oldestWaitingAt + this.#options.lingerMs - performance.now();
    if (this.#waitingItems >= this.#options.maxItems || lingerLeft <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), lingerLeft);
  }

  #flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#waiting;
    this.#waiting = [];
    this.#waitingItems = 0;
    if (batch.length === 0) return;
    const write = this.#apply(batch.flatMap((waiting) => waiting.items)).then(
      () => {
        for (const waiting of batch) waiting.resolve();
      },
      (error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      },
    );
    this.#running.add(write);
    void write.finally(() => {
      this.#running.delete(write);
      // Under load what queued up meanwhile has lingered long enough already and goes at once;
      // otherwise it waits out the rest of its linger rather than going as a small batch.
      this.#schedule();
    });
  }
}
