export { createRedis, assertNoEviction, redisIsReady, type RedisClient, type RedisRole, type RedisSettings } from './redis.ts';
export * from './queues.ts';
export { handBackOnStop, StopTimeoutError, type HandBackProcessor, type StoppableHandler } from './hand-back.ts';
