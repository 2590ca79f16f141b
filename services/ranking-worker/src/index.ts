export { startRankingWorker } from './ranking-worker.ts';
