export { createRedis, assertNoEviction, redisIsReady, type RedisClient, type RedisRole, type RedisSettings } from './redis.ts';
export { QueueUnavailableError, requireQueue } from './queue-availability.ts';
export * from './queues.ts';
export { JOBS, JOB_NAMES, QUEUE_JOB_DEFAULTS, type JobDefinition, type JobKey, type ScheduleSettings } from './jobs.ts';
export { dispatchJobs, type JobHandler, type JobHandlers, type JobsOn, type PayloadOf } from './job-handlers.ts';
export { openQueue, upsertJobSchedulers } from './open-queue.ts';
export { handBackOnStop, StopTimeoutError, type HandBackProcessor, type StoppableHandler } from './hand-back.ts';
export { queueIngestDocument } from './queue-ingest-document.ts';
