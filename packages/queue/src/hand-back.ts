import { UnrecoverableError, WaitingError, type Job, type Processor } from 'bullmq';

/** A job handler that is told, through `signal`, when its process begins to stop. */
export type StoppableHandler = (job: Job, signal: AbortSignal) => Promise<unknown>;

export interface HandBackProcessor {
  /** Give this to the BullMQ Worker. */
  processor: Processor;
  /**
   * The process is stopping: handlers see their signal aborted and should return or throw at
   * their next safe point; a handler still running `graceMs` later has its job handed back for it.
   */
  stop(): void;
}

export class StopTimeoutError extends Error {
  constructor(graceMs: number) {
    super(`the job did not reach a safe point within ${graceMs} ms of shutdown`);
    this.name = 'StopTimeoutError';
  }
}

/**
 * `worker.close()` waits for every active job with no time limit of its own. This wrapper makes
 * a stopping worker hand its unfinished jobs back instead: the job is moved from active to the
 * front of the waiting list (no attempt spent, no backoff), so another worker takes it at once
 * rather than after its lock expires. Handlers must be idempotent anyway (at-least-once delivery),
 * so a handler cut off mid-way is safe to run again.
 */
export function handBackOnStop(
  handle: StoppableHandler,
  options: { graceMs: number; onHandBack?: (job: Job, reason: unknown) => void },
): HandBackProcessor {
  const controller = new AbortController();
  const { signal } = controller;

  const processor: Processor = async (job, token) => {
    // Rejects `graceMs` after the stop, unless the handler settled first.
    let expire: (error: Error) => void = () => {};
    const deadline = new Promise<never>((_, reject) => {
      expire = reject;
    });
    deadline.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const startTimer = () => {
      timer = setTimeout(() => expire(new StopTimeoutError(options.graceMs)), options.graceMs);
    };
    if (signal.aborted) startTimer();
    else signal.addEventListener('abort', startTimer, { once: true });
    const running = handle(job, signal);
    // Past the deadline nobody awaits the handler any more; its late failure is expected.
    running.catch(() => {});
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      // A document that can never be processed fails for good, shutdown or not.
      const unrecoverable = error instanceof UnrecoverableError || (error as Error | null)?.name === 'UnrecoverableError';
      if (!signal.aborted || unrecoverable) throw error;
      // Without Redis the move fails; the job then stays active until its lock expires and the
      // stalled-job check of a live worker returns it to the queue.
      if (token) await job.moveToWait(token).catch(() => {});
      options.onHandBack?.(job, error);
      // BullMQ's signal that the job already left the active list: nothing more to record.
      throw new WaitingError();
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', startTimer);
    }
  };

  return { processor, stop: () => controller.abort(new Error('the worker is stopping')) };
}
