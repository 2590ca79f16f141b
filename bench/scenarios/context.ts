import type { BenchStack } from '../support/stack.ts';
import type { Row } from '../support/report.ts';
import type { CpuGroup } from '../support/cpu-usage.ts';

export interface BenchOptions {
  /** Seconds each load measurement runs (after its warm-up). */
  durationSeconds: number;
  warmupSeconds: number;
  /** Seconds of the sustained batched-events run. */
  batchedSeconds: number;
  /** Events/s offered in the batched run; 0: as fast as the API answers. */
  batchedRate: number;
  connections: number;
  /** Lag samples of the freshness scenario. */
  freshnessSamples: number;
  /** Items per generated feed, and feeds posted, in the ingest scenario. */
  feedItems: number;
  feeds: number;
  /** Articles and counted views of the large scale data set (the small one is fixed at 10k). */
  scaleArticles: number;
  scaleViews: number;
  /** Articles of the stats scenario's history, and the stats requests/s it offers. */
  statsArticles: number;
  statsRate: number;
  refreshMs: number;
  /** Minutes the soak measures after its warm-up (a pass needs 10 at least), the warm-up, and its rate (0: half the measured capacity). */
  soakMinutes: number;
  soakWarmupSeconds: number;
  soakRate: number;
}

export interface BenchContext {
  options: BenchOptions;
  redisUrl: string;
  /** api, ranking-worker and ingest-worker against the run's own database and queue prefix. */
  stack: BenchStack;
  /** The constant Express app: GET / and POST /. */
  constantUrl: string;
  profileDir: string | undefined;
  /** The processes whose CPU use the HTTP comparisons report: load generator, baseline, services, Redis, PostgreSQL. */
  cpuGroups: CpuGroup[];
  /** Figures one scenario hands to a later one (freshness runs at half the batched rate). */
  measured: { batchedEventsPerSecond?: number };
}

export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<Row[]>;
}
