import { runService } from '@newsrank/runtime';
import { startRankingWorker } from './ranking-worker.ts';

await runService({ name: 'ranking-worker', start: startRankingWorker }, { migrate: true });
