import autocannon from 'autocannon';

/** isbot flags node, undici and autocannon: load meant to be counted looks like a browser. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Replace `[<id>]` in the body with an id unique to each request (cheap unique eventIds). */
  idReplacement?: boolean;
  /** Called before each request for its path and query (a different article each time); the URL's own otherwise. */
  path?: () => string;
  /** Cap on requests per second over all connections; unset: as fast as the server answers. */
  overallRate?: number;
  pipelining?: number;
  /** Called for every response, while the load runs. */
  onResponse?: (status: number) => void;
  /** Ends the load early (the result covers the time it ran). */
  signal?: AbortSignal;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Answers with the expected status only. */
  ok: number;
  other: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  seconds: number;
}

/** One autocannon run, through its programmatic API; counts answers by status as they come. */
export async function runLoad(options: LoadOptions, okStatus = 200): Promise<LoadResult> {
  let ok = 0;
  let other = 0;
  const nextPath = options.path ?? (() => new URL(options.url).pathname);
  let finished: (error: Error | null, result: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = (error, result) => (error ? reject(error) : resolve(result));
  });
  // The callback form: it returns the running instance, which reports each answer and can be stopped.
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: options.durationSeconds,
      method: options.method ?? 'GET',
      headers: { 'user-agent': BROWSER_UA, ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.idReplacement ? { idReplacement: true } : {}),
      ...(options.path === undefined ? {} : { requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }] }),
      ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
      pipelining: options.pipelining ?? 1,
      timeout: 30,
    },
    (error, result) => finished(error, result),
  );
  instance.on('response', (_client: unknown, statusCode: number) => {
    if (statusCode === okStatus) ok++;
    else other++;
    options.onResponse?.(statusCode);
  });
  options.signal?.addEventListener('abort', () => instance.stop(), { once: true });
  const result = await done;
  const seconds = result.duration;
  return {
    requestsPerSecond: ok / seconds,
    ok,
    other,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    seconds,
  };
}
