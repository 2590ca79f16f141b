export { acceptEvents, EVENT_BATCHER_OPTIONS, type AcceptEventsDeps, type RequestReader } from './accept-events.ts';
export { ArticleResolver, type ArticleResolverOptions } from './article-resolver.ts';
export { createBotFilter } from './bot-filter.ts';
export { EventBatcher, type EventBatcherOptions } from './event-batcher.ts';
export { MAX_EVENTS_PER_REQUEST, eventsOf, parseEvent, type ArticleRef, type BatchProblem, type ParsedEvent } from './parse-events.ts';
