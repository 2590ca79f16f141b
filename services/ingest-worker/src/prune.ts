import { pruneFinishedIngestJobs, type Db } from '@newsrank/db';
import type { Logger } from '@newsrank/logger';

/** Batches per run: a backlog after an outage is worked off over several runs, never in one long one. */
const MAX_BATCHES = 20;

/** Keeps ingest records bounded: finished jobs and their reports go after INGEST_JOB_RETENTION. */
export async function pruneIngestJobs(db: Db, retentionMs: number, logger: Logger): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const count = await pruneFinishedIngestJobs(db, retentionMs);
    deleted += count;
    if (count === 0) break;
  }
  if (deleted > 0) logger.info({ deleted }, 'pruned finished ingest jobs');
  return deleted;
}
