import type { Queue } from 'bullmq';
import { EVENT_JOB_OPTIONS, JOB_NAMES, type ApplyEventsPayload, type QueuedViewEvent } from '@newsrank/queue';

export interface EventBatcherOptions {
  /** Events per job at most: bounds a job's size in Redis and a worker's share of one batch. */
  maxEventsPerJob: number;
  /**
   * Adds in flight at once (default 1). A second one lets Redis take the next group while it
   * still syncs the previous one to disk, instead of that group waiting a whole round trip first.
   */
  maxAddsInFlight?: number;
}

interface Waiting {
  events: readonly QueuedViewEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit on the producer side. With Redis fsyncing every write (appendfsync always), one
 * job per request makes each request pay a Redis round trip and the ranking worker pay a job's
 * worth of Redis moves per request. Instead, the events of every request that arrives while an
 * add is in flight (or in the same turn of the event loop) are queued together, as few jobs as
 * `maxEventsPerJob` allows, in one atomic `addBulk`. Each caller's promise settles only when
 * that add did: a 202 still means "durable in Redis", and a refused add refuses every request
 * it carried (nothing of theirs was queued). Counting stays exact: events keep their own ids.
 */
export class EventBatcher {
  readonly #queue: Queue;
  readonly #options: EventBatcherOptions;
  #waiting: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(queue: Queue, options: EventBatcherOptions) {
    this.#queue = queue;
    this.#options = options;
  }

  /** Resolves once the events are in Redis; rejects with the error of the add that carried them. */
  add(events: readonly QueuedViewEvent[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ events, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    // With every add slot taken, arrivals wait for one to end and go together right after it.
    if (this.#inFlight >= (this.#options.maxAddsInFlight ?? 1) || this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate: every request whose body was parsed in this turn of the loop joins the batch.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#waiting;
    this.#waiting = [];
    if (batch.length === 0) return;
    this.#inFlight += 1;
    try {
      const jobs = this.#jobs(batch);
      // One job (the usual case) is one script call; addBulk wraps even one in MULTI/EXEC.
      if (jobs.length === 1) await this.#queue.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
      else await this.#queue.addBulk(jobs);
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.#inFlight -= 1;
      if (this.#waiting.length > 0) this.#schedule();
    }
  }

  /** The batch's events cut into jobs of at most maxEventsPerJob; one request's events may span two. */
  #jobs(batch: readonly Waiting[]): { name: string; data: ApplyEventsPayload; opts: typeof EVENT_JOB_OPTIONS }[] {
    const jobs: { name: string; data: ApplyEventsPayload; opts: typeof EVENT_JOB_OPTIONS }[] = [];
    let current: QueuedViewEvent[] = [];
    for (const { events } of batch) {
      for (const event of events) {
        if (current.length >= this.#options.maxEventsPerJob) {
          jobs.push({ name: JOB_NAMES.applyEvents, data: { events: current }, opts: EVENT_JOB_OPTIONS });
          current = [];
        }
        current.push(event);
      }
    }
    if (current.length > 0) jobs.push({ name: JOB_NAMES.applyEvents, data: { events: current }, opts: EVENT_JOB_OPTIONS });
    return jobs;
  }
}
