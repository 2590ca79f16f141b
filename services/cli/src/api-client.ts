import { configOrExit } from '@newsrank/runtime';
import { CommandError } from './errors.ts';

const REQUEST_TIMEOUT_MS = 10_000;

/** The API a command talks to: --api, else NEWSRANK_API_URL, else the port this configuration serves on. */
export function apiBase(option: string | undefined): string {
  const base = option ?? process.env.NEWSRANK_API_URL ?? `http://127.0.0.1:${configOrExit().http.port}`;
  try {
    return new URL(base).origin;
  } catch {
    throw new CommandError(`--api "${base}" is not a URL`);
  }
}

/** fetch, with the one failure a person can fix themselves (nothing listening) said in words. */
export async function callApi(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new CommandError(`the API at ${base} did not answer within ${REQUEST_TIMEOUT_MS / 1000}s`);
    throw new CommandError(
      `no API answers at ${base} (${networkReason(error)}): start it with ./newsrank start, or point --api at a running one`,
    );
  }
}

export async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await callApi(base, path);
  if (!response.ok) throw new CommandError(`the API answered ${await describeRefusal(response)}`);
  return (await response.json()) as T;
}

/** `400 unparseable_document: …` from the API's `{"error": {"code", "message"}}`, or the bare status. */
export async function describeRefusal(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (error?.code) return `${response.status} ${error.code}: ${error.message ?? ''}`.trimEnd();
  } catch {
    // not the API's JSON error: a proxy's page, or something else listening on that port
  }
  return `${response.status} ${response.statusText}`.trimEnd();
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
