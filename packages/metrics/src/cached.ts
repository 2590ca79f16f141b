/**
 * Wraps an expensive read so that it runs at most once per `ttlMs`: concurrent callers share
 * the read in flight, later ones get its result until it expires. A failed read is not kept.
 */
export function cachedFor<T>(ttlMs: number, read: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let value: { result: T; at: number } | null = null;
  let inFlight: Promise<T> | null = null;
  return () => {
    if (value && now() - value.at < ttlMs) return Promise.resolve(value.result);
    inFlight ??= read()
      .then((result) => {
        value = { result, at: now() };
        return result;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}

/** Rejects after `ms`: a metrics scrape must answer even when Redis hangs. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
