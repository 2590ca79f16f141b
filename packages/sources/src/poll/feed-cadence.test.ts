import { parseDocument } from '@newsrank/feed-parser';
import { describe, expect, it } from 'vitest';
import { feedCadence } from './feed-cadence.ts';
import { planNextPoll } from './plan-next-poll.ts';

const NOW = new Date('2025-01-13T12:00:00Z');
const rss = (items: string) => `<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>N</title>
  <link>https://n.example/</link><sy:updatePeriod>hourly</sy:updatePeriod><skipHours><hour>2</hour></skipHours>${items}</channel></rss>`;
const item = (n: number, date: string | null) =>
  `<item><title>Story ${n}</title><link>https://n.example/${n}</link>${date === null ? '' : `<pubDate>${date}</pubDate>`}</item>`;

describe('feedCadence', () => {
  it("takes the declared cadence and the entries' publication dates from a parsed feed", () => {
    const parsed = parseDocument(
      Buffer.from(rss([item(1, 'Mon, 13 Jan 2025 11:30:00 GMT'), item(2, 'Mon, 13 Jan 2025 11:00:00 +0000'), item(3, null)].join(''))),
      { now: NOW },
    );
    expect(feedCadence(parsed)).toEqual({
      entryDates: [new Date('2025-01-13T11:30:00Z'), new Date('2025-01-13T11:00:00Z')],
      ttlMinutes: null,
      updatePeriod: 'hourly',
      updateFrequency: null,
      skipHours: [2],
      skipDays: [],
    });
  });

  it('feeds the planner: two stories in the last hour, but the feed says hourly', () => {
    const parsed = parseDocument(Buffer.from(rss(item(1, 'Mon, 13 Jan 2025 11:30:00 GMT') + item(2, 'Mon, 13 Jan 2025 11:00:00 GMT'))), {
      now: NOW,
    });
    const plan = planNextPoll({
      previous: { intervalSeconds: null, consecutiveFailures: 0, websubActive: false },
      result: { kind: 'changed', cadence: feedCadence(parsed), maxAgeSeconds: null },
      bounds: { minSeconds: 300, maxSeconds: 86_400, maxFailures: 10 },
      now: NOW,
    });
    expect(plan).toMatchObject({ status: 'ok', intervalSeconds: 3600, nextFetchAt: new Date('2025-01-13T13:00:00Z') });
  });
});
