import { randomUUID } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { parseDocument } from '@newsrank/feed-parser';
import { rssFeedOf } from '../parse-speed.ts';
import { postDocument, waitForIngestJob } from '../support/api-client.ts';
import { median } from '../support/stats.ts';
import type { Scenario } from './context.ts';

const PARSE_RUNS = 9;

/**
 * Median milliseconds of each of two parsers over `runs` rounds, after one warm-up call each. The
 * rounds alternate the two, so whatever else the machine does meanwhile (the previous scenario's
 * backlog still draining, a neighbour) falls on both rather than on whichever ran first.
 */
function timedSideBySide(runs: number, ours: () => void, peer: () => void): { oursMs: number; peerMs: number } {
  ours();
  peer();
  const times = { ours: [] as number[], peer: [] as number[] };
  const time = (work: () => void) => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };
  for (let r = 0; r < runs; r++) {
    times.ours.push(time(ours));
    times.peer.push(time(peer));
  }
  return { oursMs: median(times.ours), peerMs: median(times.peer) };
}

/** Posts feeds at once and waits for every job: articles stored per second, first byte sent to last job done. */
async function ingestFeeds(baseUrl: string, feeds: Buffer[]): Promise<{ articles: number; seconds: number }> {
  const started = performance.now();
  const results = await Promise.all(
    feeds.map(async (feed) => waitForIngestJob(baseUrl, await postDocument(baseUrl, '/v1/feeds', feed, 'application/rss+xml'), 600_000)),
  );
  return { articles: results.reduce((sum, result) => sum + result.articles.length, 0), seconds: (performance.now() - started) / 1000 };
}

/**
 * Parse only: our parser (decode, parse, normalise, sanitise) against feedsmith (parse only) on
 * the same 5,000-item file. End to end: feeds posted to POST /v1/feeds until the ingest worker
 * has stored every article (the API's own check, the worker's parse, storage in chunks).
 */
export const ingest: Scenario = {
  name: 'ingest',
  async run(context) {
    const { feedItems, feeds } = context.options;
    const sample = rssFeedOf(feedItems);
    const { oursMs, peerMs } = timedSideBySide(
      PARSE_RUNS,
      () => {
        if (parseDocument(sample).articles.length !== feedItems) throw new Error('our parser lost items');
      },
      () => {
        const parsed = parseFeed(sample.toString('utf8'));
        if (!('items' in parsed.feed) || parsed.feed.items?.length !== feedItems) throw new Error('feedsmith lost items');
      },
    );
    const ours = (feedItems / oursMs) * 1000;
    const peer = (feedItems / peerMs) * 1000;

    const run = randomUUID().slice(0, 8);
    await ingestFeeds(context.stack.baseUrl, [rssFeedOf(feedItems, false, `https://warm-${run}.example`)]);
    const stored = await ingestFeeds(
      context.stack.baseUrl,
      Array.from({ length: feeds }, (_, f) => rssFeedOf(feedItems, false, `https://feed-${f}-${run}.example`)),
    );
    const endToEnd = stored.articles / stored.seconds;
    return [
      {
        scenario: 'ingest',
        figure: `parse only, ${feedItems}-item RSS, articles/s`,
        value: ours,
        unit: 'articles/s',
        baseline: 'feedsmith 3.0.1 parse, articles/s',
        baselineValue: peer,
        ratio: ours / peer,
        target: { kind: 'ratio-at-least', ratio: 1 },
        details: { bytes: sample.length, oursMs, peerMs },
      },
      {
        scenario: 'ingest',
        figure: `end to end, ${feeds} × ${feedItems}-item feeds, articles/s`,
        value: endToEnd,
        unit: 'articles/s',
        baseline: 'feedsmith 3.0.1 parse, articles/s',
        baselineValue: peer,
        ratio: endToEnd / peer,
        target: { kind: 'at-least', value: 5_000 },
        details: stored,
      },
    ];
  },
};
