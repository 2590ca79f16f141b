import { readFile } from 'node:fs/promises';
import { configOrExit } from '@newsrank/runtime';
import { readStdin } from './parse.ts';

/** Posts a document to a running API, as any publisher would, and prints the ingest report. */
export async function ingestCommand(file: string, options: { source?: string | undefined; apiUrl?: string | undefined; contentType?: string | undefined }): Promise<number> {
  const config = configOrExit();
  const base = options.apiUrl ?? process.env.NEWSRANK_API_URL ?? `http://127.0.0.1:${config.http.port}`;
  const body = file === '-' ? await readStdin() : await readFile(file);
  const url = new URL('/v1/feeds', base);
  if (options.source) url.searchParams.set('source', options.source);
  const headers: Record<string, string> = { authorization: `Bearer ${config.ingestTokens[0] ?? ''}` };
  if (options.contentType) headers['content-type'] = options.contentType;
  const accepted = await fetch(url, { method: 'POST', body, headers });
  const answer = (await accepted.json()) as { jobId?: string; statusUrl?: string };
  if (accepted.status !== 202 || !answer.statusUrl) {
    process.stderr.write(`newsrank ingest: ${accepted.status} ${JSON.stringify(answer)}\n`);
    return 1;
  }
  for (;;) {
    const job = (await (await fetch(new URL(answer.statusUrl, base))).json()) as { status: string };
    if (job.status === 'completed' || job.status === 'failed') {
      process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
      return job.status === 'completed' ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
