import { callApi, describeRefusal } from '../api-client.ts';
import type { IngestJob } from '@newsrank/wire';
import { CommandError } from '../errors.ts';

const POLL_MS = 200;

/**
 * Polls the job until it finishes. A job nobody takes stays queued for ever (the API accepts
 * documents with no ingest worker running), so the wait is bounded and the likely cause named.
 */
export async function waitForJob(base: string, statusUrl: string, jobId: string, waitMs: number, waitText: string): Promise<IngestJob> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const response = await callApi(base, statusUrl);
    if (!response.ok) throw new CommandError(`job ${jobId}: the API answered ${await describeRefusal(response)}`);
    const job = (await response.json()) as IngestJob;
    if (job.status === 'completed' || job.status === 'failed') return job;
    if (Date.now() >= deadline) {
      throw new CommandError(
        job.status === 'queued'
          ? `job ${jobId} is still queued after ${waitText}: is an ingest worker running?`
          : `job ${jobId} is still ${job.status} after ${waitText}; follow it at ${new URL(statusUrl, base).href}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}
