import { parseDurationMs } from '@newsrank/config';
import { configOrExit } from '@newsrank/runtime';
import type { IngestAccepted } from '@newsrank/wire';
import { apiBase, callApi, describeRefusal } from '../api-client.ts';
import { CommandError, UsageError } from '../errors.ts';
import { readIngestInput } from './ingest-input.ts';
import { waitForJob } from './wait-for-job.ts';

export interface IngestOptions {
  source?: string | undefined;
  contentType?: string | undefined;
  /** How long to wait for the job (`30s`); null to print the accepted job and not wait. */
  wait: string | null;
  apiUrl?: string | undefined;
}

/** Posts a document to a running API, as any publisher would, and prints the ingest report. */
export async function ingestCommand(target: string, options: IngestOptions): Promise<number> {
  const waitMs = options.wait === null ? null : parseDurationMs(options.wait);
  if (waitMs === null && options.wait !== null)
    throw new UsageError(`--wait needs a duration above zero such as 2s or 30s, got "${options.wait}" (or --no-wait)`);
  const base = apiBase(options.apiUrl);
  const input = await readIngestInput(target);
  // Every failure from here on concerns this one document; the message says which.
  const about = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      if (error instanceof CommandError) throw new CommandError(`${input.label}: ${error.message}`);
      throw error;
    }
  };

  const path = `/v1/feeds${options.source ? `?source=${encodeURIComponent(options.source)}` : ''}`;
  const headers: Record<string, string> = { authorization: `Bearer ${configOrExit().ingestTokens[0] ?? ''}` };
  const contentType = options.contentType ?? input.contentType;
  if (contentType) headers['content-type'] = contentType;
  const accepted = await about(async () => {
    const response = await callApi(base, path, { method: 'POST', body: input.body, headers });
    if (response.status !== 202) throw new CommandError(`the API refused it: ${await describeRefusal(response)}`);
    return (await response.json()) as IngestAccepted;
  });
  if (waitMs === null) {
    process.stdout.write(`${JSON.stringify(accepted, null, 2)}\n`);
    return 0;
  }
  const job = await about(() => waitForJob(base, accepted.statusUrl, accepted.jobId, waitMs, options.wait ?? ''));
  process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  if (job.status === 'failed') {
    process.stderr.write(`newsrank ingest: ${input.label}: job ${job.id} failed${job.error ? `: ${job.error}` : ''}\n`);
    return 1;
  }
  return 0;
}
