import type { ReaderFacts } from '@newsrank/db';
import type { QueuedViewEvent } from '@newsrank/queue';
import type { CountedVisit } from './visitor-sets.ts';

const HOUR_MS = 3_600_000;
const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
const SEP = '\u0000';

/** Sums `amount` under a composite key; the key's parts come back in order. */
class Tally<V extends number[]> {
  readonly #rows = new Map<string, { parts: (string | number)[]; values: V }>();
  add(parts: (string | number)[], values: V): void {
    const key = parts.join(SEP);
    const row = this.#rows.get(key);
    if (!row) this.#rows.set(key, { parts, values: [...values] as V });
    else values.forEach((value, i) => (row.values[i] = (row.values[i] ?? 0) + value));
  }
  /** In the order of their parts (code-unit order for strings, numeric for numbers): one lock order on every replica. */
  sorted(): { parts: (string | number)[]; values: V }[] {
    return [...this.#rows.values()].sort((a, b) => {
      for (let i = 0; i < a.parts.length; i++) {
        const x = a.parts[i]!;
        const y = b.parts[i]!;
        if (x < y) return -1;
        if (x > y) return 1;
      }
      return 0;
    });
  }
}

export const isEngaged = (event: QueuedViewEvent) => event.kind === 'engaged';

/**
 * What newly counted events add besides views, folded per hour: engaged time (engaged events),
 * referrers, campaigns and the site's traffic (views). A view without a referrer is direct.
 */
export function readerFactsOf(counted: readonly QueuedViewEvent[]): ReaderFacts {
  const engagement = new Tally<[number, number]>();
  const siteEngagement = new Tally<[number, number]>();
  const referrers = new Tally<[number]>();
  const campaigns = new Tally<[number]>();
  const siteTraffic = new Tally<[number]>();
  for (const event of counted) {
    const hour = hourOf(event.occurredAt);
    if (isEngaged(event)) {
      const ms = Math.round((event.seconds ?? 0) * 1000);
      engagement.add([event.articleId, hour], [ms, 1]);
      siteEngagement.add([hour], [ms, 1]);
      continue;
    }
    const referrerClass = event.referrer?.class ?? 'direct';
    const referrerHost = event.referrer?.host ?? '';
    referrers.add([event.articleId, hour, referrerClass, referrerHost], [1]);
    siteTraffic.add([hour, referrerClass, referrerHost], [1]);
    const tags = event.campaign;
    if (tags) campaigns.add([event.articleId, hour, tags.source ?? '', tags.medium ?? '', tags.campaign ?? ''], [1]);
  }
  const at = (ms: string | number) => new Date(ms as number);
  return {
    engagement: engagement.sorted().map(({ parts: [articleId, hour], values: [engagedMs, beacons] }) => ({
      articleId: articleId as string,
      bucketStart: at(hour!),
      engagedMs,
      beacons,
    })),
    referrers: referrers.sorted().map(({ parts: [articleId, hour, referrerClass, referrerHost], values: [views] }) => ({
      articleId: articleId as string,
      bucketStart: at(hour!),
      referrerClass: referrerClass as string,
      referrerHost: referrerHost as string,
      views,
    })),
    campaigns: campaigns.sorted().map(({ parts: [articleId, hour, source, medium, campaign], values: [views] }) => ({
      articleId: articleId as string,
      bucketStart: at(hour!),
      source: source as string,
      medium: medium as string,
      campaign: campaign as string,
      views,
    })),
    siteTraffic: siteTraffic.sorted().map(({ parts: [hour, referrerClass, referrerHost], values: [views] }) => ({
      bucketStart: at(hour!),
      referrerClass: referrerClass as string,
      referrerHost: referrerHost as string,
      views,
    })),
    siteEngagement: siteEngagement.sorted().map(({ parts: [hour], values: [engagedMs, beacons] }) => ({
      bucketStart: at(hour!),
      engagedMs,
      beacons,
    })),
  };
}

/** The visits (article, time, visitor) of newly counted views that carry a visitor. */
export function visitsOf(counted: readonly QueuedViewEvent[]): CountedVisit[] {
  const visits: CountedVisit[] = [];
  for (const event of counted) {
    if (!isEngaged(event) && event.visitor !== undefined)
      visits.push({ articleId: event.articleId, occurredAt: event.occurredAt, visitor: event.visitor });
  }
  return visits;
}
