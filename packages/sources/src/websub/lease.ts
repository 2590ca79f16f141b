const DAY_MS = 24 * 3600 * 1000;

/**
 * When to renew a subscription whose lease ends at `expiresAt`: at 80% of what is left of it or
 * a day before it ends, whichever is sooner, so a hub that is slow to verify still leaves time;
 * but never in the first half of what is left, so a short lease is not renewed over and over.
 */
export function renewAt(expiresAt: Date, now: Date): Date {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return now;
  const sooner = Math.min(now.getTime() + 0.8 * left, expiresAt.getTime() - DAY_MS);
  return new Date(Math.round(Math.max(sooner, now.getTime() + 0.5 * left)));
}
