import { CommandError } from '../errors.ts';
import { readDocumentFile, readStdin } from './read-document.ts';

export interface IngestInput {
  /** How messages name it: the path, the URL, or stdin. */
  label: string;
  body: Uint8Array;
  contentType: string | undefined;
}

const FETCH_TIMEOUT_MS = 30_000;

/** The document to post, from a file, an http(s) URL, or stdin (`-`). */
export async function readIngestInput(target: string): Promise<IngestInput> {
  if (target === '-') return { label: 'stdin', body: await readStdin(), contentType: undefined };
  if (/^https?:\/\//i.test(target)) return fetchDocument(target);
  return { label: target, body: await readDocumentFile(target), contentType: undefined };
}

async function fetchDocument(url: string): Promise<IngestInput> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as Error).cause as { code?: string } | undefined;
    throw new CommandError(`${url}: could not fetch it (${cause?.code ?? (error as Error).message})`);
  }
  if (!response.ok) throw new CommandError(`${url}: answered ${response.status} ${response.statusText}`.trimEnd());
  return { label: url, body: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? undefined };
}
