import { runService } from '@newsrank/runtime';
import { startIngestWorker } from './ingest-worker.ts';

await runService({ name: 'ingest-worker', start: startIngestWorker }, { migrate: true });
