export { startIngestWorker } from './ingest-worker.ts';
export { ingestDocument, CHUNK_SIZE } from './ingest-document.ts';
export { sweepIngestJobs } from './sweep.ts';
