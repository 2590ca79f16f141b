import type { DefaultJobOptions, JobsOptions } from 'bullmq';
import {
  EVENT_JOB_OPTIONS,
  INGEST_JOB_OPTIONS,
  SCHEDULED_JOB_OPTIONS,
  SOURCE_JOB_OPTIONS,
  isApplyEventsPayload,
  isFetchSourcePayload,
  isIngestDocumentPayload,
  isNoPayload,
  isWebSubRequestPayload,
  type QueueName,
} from './queues.ts';

/** Settings of the running deployment a schedule may follow instead of a fixed interval. */
export interface ScheduleSettings {
  rankingRefreshMs: number;
  /** How often the poller looks for sources that are due. */
  pollTickMs: number;
  /** RETENTION_INTERVAL: how often the retention passes run. */
  retentionIntervalMs: number;
}

export interface JobDefinition {
  queue: QueueName;
  /** The BullMQ job name. */
  name: string;
  /** Checks a job's data before its handler sees it; a job that fails it can never succeed. */
  payload: (data: unknown) => boolean;
  /** What a job is added with: by its producer, or by its scheduler. */
  options: JobsOptions;
  /** Recurring jobs: every so many ms, or every interval the named setting holds. */
  schedule?: { everyMs: number | keyof ScheduleSettings };
}

/**
 * The one catalogue of jobs: name → queue, payload check, options and, for recurring work, the
 * schedule. Producers, schedulers and workers all read it, so a payload cannot drift between
 * them. A new job is one entry here and one handler in the worker of its queue (JobHandlers).
 */
export const JOBS = {
  ingestDocument: { queue: 'ingest', name: 'ingest-document', payload: isIngestDocumentPayload, options: INGEST_JOB_OPTIONS },
  /** Requeues accepted documents whose queue entry was lost; it looks at those older than its interval. */
  sweepIngestJobs: {
    queue: 'ingest',
    name: 'sweep-ingest-jobs',
    payload: isNoPayload,
    options: SCHEDULED_JOB_OPTIONS,
    schedule: { everyMs: 60_000 },
  },
  pruneIngestJobs: {
    queue: 'ingest',
    name: 'prune-ingest-jobs',
    payload: isNoPayload,
    options: SCHEDULED_JOB_OPTIONS,
    schedule: { everyMs: 'retentionIntervalMs' },
  },
  applyEvents: { queue: 'events', name: 'apply-events', payload: isApplyEventsPayload, options: EVENT_JOB_OPTIONS },
  publishLists: {
    queue: 'ranking',
    name: 'publish-lists',
    payload: isNoPayload,
    options: SCHEDULED_JOB_OPTIONS,
    schedule: { everyMs: 'rankingRefreshMs' },
  },
  pruneRanking: {
    queue: 'ranking',
    name: 'prune-ranking',
    payload: isNoPayload,
    options: SCHEDULED_JOB_OPTIONS,
    schedule: { everyMs: 'retentionIntervalMs' },
  },
  retryFailedEvents: {
    queue: 'ranking',
    name: 'retry-failed-events',
    payload: isNoPayload,
    options: SCHEDULED_JOB_OPTIONS,
    schedule: { everyMs: 10 * 60_000 },
  },
  /** Claims the sources that are due and queues one fetch for each; also renews WebSub leases. */
  pollSources: {
    queue: 'sources',
    name: 'poll-sources',
    payload: isNoPayload,
    options: SCHEDULED_JOB_OPTIONS,
    schedule: { everyMs: 'pollTickMs' },
  },
  fetchSource: { queue: 'sources', name: 'fetch-source', payload: isFetchSourcePayload, options: SOURCE_JOB_OPTIONS },
  requestWebSub: { queue: 'sources', name: 'websub-request', payload: isWebSubRequestPayload, options: SOURCE_JOB_OPTIONS },
} as const satisfies Record<string, JobDefinition>;

export type JobKey = keyof typeof JOBS;

/**
 * The options a queue adds jobs with unless told otherwise: those of the job its producer adds.
 * The ranking queue holds only scheduled jobs, whose options come with their schedule.
 */
export const QUEUE_JOB_DEFAULTS: Record<QueueName, DefaultJobOptions | undefined> = {
  ingest: INGEST_JOB_OPTIONS,
  events: EVENT_JOB_OPTIONS,
  ranking: undefined,
  sources: SOURCE_JOB_OPTIONS,
};

/** Job names by catalogue key, for producers and tests: `JOB_NAMES.ingestDocument` is `'ingest-document'`. */
export const JOB_NAMES = Object.fromEntries(Object.entries(JOBS).map(([key, job]) => [key, job.name])) as {
  readonly [K in JobKey]: (typeof JOBS)[K]['name'];
};
