import type { Queue } from 'bullmq';
import { GroupCommit } from '@newsrank/core';
import { JOBS, type ApplyEventsPayload, type QueuedViewEvent } from '@newsrank/queue';

export interface EventBatcherOptions {
  /** Events per job at most: bounds a job's size in Redis and a worker's share of one batch. */
  maxEventsPerJob: number;
  /**
   * Adds in flight at once (default 1). A second one lets Redis take the next group while it
   * still syncs the previous one to disk, instead of that group waiting a whole round trip first.
   */
  maxAddsInFlight?: number;
}

type ApplyEventsJob = { name: string; data: ApplyEventsPayload; opts: typeof JOBS.applyEvents.options };

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
  readonly #maxEventsPerJob: number;
  readonly #group: GroupCommit<QueuedViewEvent>;

  constructor(queue: Queue, options: EventBatcherOptions) {
    this.#queue = queue;
    this.#maxEventsPerJob = options.maxEventsPerJob;
    // 'turn': every request whose body was parsed in this turn of the loop joins the batch.
    this.#group = new GroupCommit((events) => this.#add(events), { lingerMs: 'turn', maxInFlight: options.maxAddsInFlight ?? 1 });
  }

  /** Resolves once the events are in Redis; rejects with the error of the add that carried them. */
  add(events: readonly QueuedViewEvent[]): Promise<void> {
    return this.#group.submit(events);
  }

  async #add(events: QueuedViewEvent[]): Promise<void> {
    const jobs = this.#jobs(events);
    // One job (the usual case) is one script call; addBulk wraps even one in MULTI/EXEC.
    if (jobs.length === 1) await this.#queue.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
    else await this.#queue.addBulk(jobs);
  }

  /** The batch's events cut into jobs of at most maxEventsPerJob; one request's events may span two. */
  #jobs(events: readonly QueuedViewEvent[]): ApplyEventsJob[] {
    const jobs: ApplyEventsJob[] = [];
    for (let start = 0; start < events.length; start += this.#maxEventsPerJob) {
      jobs.push({
        name: JOBS.applyEvents.name,
        data: { events: events.slice(start, start + this.#maxEventsPerJob) },
        opts: JOBS.applyEvents.options,
      });
    }
    return jobs;
  }
}
