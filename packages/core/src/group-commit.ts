export interface GroupCommitOptions {
  /** Write at once when this many items wait (default: no limit). */
  maxItems?: number;
  /**
   * How long a batch waits for company before it is written:
   * - a number of ms, measured from the first item's arrival, whether a write was running
   *   meanwhile or not: under light load batches come once per linger, under heavy load back to back;
   * - `'turn'`: until the current turn of the event loop ends (setImmediate), counted from when a
   *   write slot is free, so everything handed in by the same burst of I/O callbacks goes together.
   */
  lingerMs: number | 'turn';
  /** Writes at once (default 1); what arrives while every slot is taken forms the next batch. */
  maxInFlight?: number;
}

interface Waiting<T> {
  items: readonly T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: many callers hand in items, one `apply` call writes them all, and each caller's
 * promise settles only when the write holding its items has committed (or failed: then every
 * caller in it is refused). At most `maxInFlight` writes run at once; what arrives meanwhile forms
 * the next batch, so batches grow with load and one write serves many callers instead of one each.
 * Under light load the linger does the same: a trickle of small submissions becomes one write per linger.
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
  #immediate: NodeJS.Immediate | null = null;

  constructor(apply: (items: T[]) => Promise<void>, options: GroupCommitOptions) {
    this.#apply = apply;
    this.#options = options;
  }

  /** Resolves once `items` are written; rejects with the error of the write that held them. */
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
    if (this.#waitingItems >= (this.#options.maxItems ?? Infinity)) {
      this.#flush();
      return;
    }
    const { lingerMs } = this.#options;
    if (lingerMs === 'turn') {
      this.#immediate ??= setImmediate(() => this.#flush());
      return;
    }
    const lingerLeft = this.#oldestWaitingAt + lingerMs - performance.now();
    if (lingerLeft <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), lingerLeft);
  }

  #flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#immediate !== null) clearImmediate(this.#immediate);
    this.#timer = null;
    this.#immediate = null;
    const batch = this.#waiting;
    this.#waiting = [];
    this.#waitingItems = 0;
    if (batch.length === 0) return;
    const write = this.#write(batch.flatMap((waiting) => waiting.items)).then(
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

  /** `apply`, with an error it throws before returning a promise refusing the batch like any other. */
  #write(items: T[]): Promise<void> {
    try {
      return this.#apply(items);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
