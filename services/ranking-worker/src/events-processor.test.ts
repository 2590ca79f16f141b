import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@newsrank/logger';
import { JOB_NAMES, type QueuedViewEvent } from '@newsrank/queue';
import { eventsProcessor } from './events-processor.ts';
import type { ViewApplier } from './view-applier.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const logger = createLogger({ level: 'silent', name: 'test' });

function recordingApplier() {
  const submitted: QueuedViewEvent[] = [];
  const applier: ViewApplier = {
    submit: async (events) => void submitted.push(...events),
    drain: async () => {},
    totals: () => ({ counted: 0, engaged: 0, duplicates: 0, unknownArticles: 0, batches: 0 }),
  };
  return { applier, submitted };
}
const job = (name: string, data: unknown) => ({ id: '1', name, data }) as Job;
const view = (eventId: string, ageMs: number): QueuedViewEvent => ({
  eventId,
  articleId: '00000000-0000-4000-8000-000000000001',
  occurredAt: Date.now() - ageMs,
});

describe('eventsProcessor', () => {
  it('applies only views still inside the dedup retention and the longest window, so a late retry cannot count one twice', async () => {
    const { applier, submitted } = recordingApplier();
    const process = eventsProcessor(applier, logger, { dedupRetentionMs: HOUR });
    const events = [view('fresh', 10 * MINUTE), view('past-the-dedup-retention', 2 * HOUR), view('past-every-window', 31 * DAY)];
    await expect(process(job(JOB_NAMES.applyEvents, { events }))).resolves.toEqual({ events: 1 });
    expect(submitted.map((event) => event.eventId)).toEqual(['fresh']);
  });

  it('with the default 30-day retention the longest window is the limit', async () => {
    const { applier, submitted } = recordingApplier();
    const process = eventsProcessor(applier, logger, { dedupRetentionMs: 30 * DAY });
    await process(job(JOB_NAMES.applyEvents, { events: [view('a-week-old', 7 * DAY), view('past-every-window', 31 * DAY)] }));
    expect(submitted.map((event) => event.eventId)).toEqual(['a-week-old']);
  });

  it('a job that is not an apply-events job with a valid payload fails for good', async () => {
    const { applier } = recordingApplier();
    const process = eventsProcessor(applier, logger, { dedupRetentionMs: HOUR });
    await expect(process(job(JOB_NAMES.applyEvents, { events: 'not a list' }))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(process(job('something-else', { events: [] }))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
