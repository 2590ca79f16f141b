import { TEST_TOKEN, eventually } from './stack.ts';

export interface IngestJobAnswer {
  id: string;
  status: 'queued' | 'active' | 'completed' | 'failed';
  format: string | null;
  result: {
    inserted: number;
    updated: number;
    duplicates: number;
    articles: { id: string; guid: string | null; url: string | null; outcome: string; index?: number; warnings?: string[] }[];
    rejected: { index: number; reason: string }[];
    warnings: string[];
  } | null;
  error: string | null;
}

export async function postFeed(
  baseUrl: string,
  body: string | Uint8Array,
  options: { source?: string; contentType?: string; token?: string | null } = {},
) {
  const url = new URL('/v1/feeds', baseUrl);
  if (options.source) url.searchParams.set('source', options.source);
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TEST_TOKEN}`;
  if (options.contentType) headers['content-type'] = options.contentType;
  return fetch(url, { method: 'POST', body, headers });
}

/** Posts a document and waits for its ingest job to finish. */
export async function ingest(
  baseUrl: string,
  body: string | Uint8Array,
  options: { source?: string; contentType?: string } = {},
): Promise<IngestJobAnswer> {
  const response = await postFeed(baseUrl, body, options);
  const accepted = (await response.json()) as { jobId: string; statusUrl: string };
  if (response.status !== 202) throw new Error(`expected 202, got ${response.status}: ${JSON.stringify(accepted)}`);
  return waitForJob(baseUrl, accepted.statusUrl);
}

export async function waitForJob(baseUrl: string, statusUrl: string): Promise<IngestJobAnswer> {
  let last: IngestJobAnswer | undefined;
  try {
    return await eventually(
      async () => {
        last = (await (await fetch(new URL(statusUrl, baseUrl))).json()) as IngestJobAnswer;
        return last.status === 'completed' || last.status === 'failed' ? last : undefined;
      },
      60_000,
      `ingest job ${statusUrl}`,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last seen ${JSON.stringify(last)}`);
  }
}

export async function getJson<T>(baseUrl: string, path: string): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(new URL(path, baseUrl));
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}
