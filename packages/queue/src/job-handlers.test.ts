import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { dispatchJobs, type JobHandlers } from './job-handlers.ts';
import { JOBS, JOB_NAMES } from './jobs.ts';

const job = (name: string, data: unknown) => ({ id: '7', name, data }) as Job;

function ingestHandlers(calls: string[]) {
  return {
    ingestDocument: async ({ ingestJobId }) => void calls.push(`ingest ${ingestJobId}`),
    sweepIngestJobs: async () => void calls.push('sweep'),
    pruneIngestJobs: async () => void calls.push('prune'),
  } satisfies JobHandlers<'ingest'>;
}

describe('dispatchJobs', () => {
  it('runs the handler named by the job, with its checked payload', async () => {
    const calls: string[] = [];
    const dispatch = dispatchJobs('ingest', ingestHandlers(calls));
    await dispatch(job(JOB_NAMES.ingestDocument, { ingestJobId: 'j-1' }));
    await dispatch(job(JOB_NAMES.sweepIngestJobs, {}));
    await dispatch(job(JOB_NAMES.pruneIngestJobs, undefined));
    expect(calls).toEqual(['ingest j-1', 'sweep', 'prune']);
  });

  it('passes the stop signal on, and a signal that never aborts when none is given', async () => {
    const signals: AbortSignal[] = [];
    const dispatch = dispatchJobs('events', { applyEvents: async (_, __, signal) => void signals.push(signal) });
    const controller = new AbortController();
    await dispatch(job(JOB_NAMES.applyEvents, { events: [] }), controller.signal);
    await dispatch(job(JOB_NAMES.applyEvents, { events: [] }));
    expect(signals[0]).toBe(controller.signal);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('a job no handler of the queue knows fails for good, naming the job and the queue', async () => {
    const dispatch = dispatchJobs('ingest', ingestHandlers([]));
    const failure = dispatch(job(JOB_NAMES.applyEvents, { events: [] }));
    await expect(failure).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failure).rejects.toThrow(
      'unknown job "apply-events" on the ingest queue (it runs ingest-document, sweep-ingest-jobs, prune-ingest-jobs)',
    );
  });

  it('a payload that fails its check fails for good before the handler runs', async () => {
    const calls: string[] = [];
    const dispatch = dispatchJobs('ingest', ingestHandlers(calls));
    const failure = dispatch(job(JOB_NAMES.ingestDocument, { ingestJobId: 42 }));
    await expect(failure).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(failure).rejects.toThrow('the payload of ingest-document job 7 is not valid');
    expect(calls).toEqual([]);
  });

  it('refuses a handler for a job of another queue', () => {
    const handlers = {
      ...ingestHandlers([]),
      // @ts-expect-error applyEvents runs on the events queue, not on the ingest queue
      applyEvents: async () => {},
    } satisfies JobHandlers<'ingest'>;
    expect(() => dispatchJobs('ingest', handlers)).toThrow('applyEvents is not a job of the ingest queue');
  });

  it('the handler map must cover every job of its queue', () => {
    // @ts-expect-error pruneIngestJobs has no handler
    const handlers = { ingestDocument: async () => {}, sweepIngestJobs: async () => {} } satisfies JobHandlers<'ingest'>;
    expect(Object.keys(handlers)).not.toContain('pruneIngestJobs');
  });

  it('every job name in the catalogue is unique', () => {
    const names = Object.values(JOBS).map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
