/**
 * Parser speed on a generated 10 MiB RSS feed: `node bench/parse-speed.ts [--mib 10] [--runs 5]`.
 * Prints articles/s and MB/s for the median run, both for plain descriptions and for items that
 * also carry `content:encoded` HTML (which the sanitizer has to walk).
 */
import { parseArgs } from 'node:util';
import { parseDocument } from '@newsrank/feed-parser';

/** One RSS item as the generated feeds carry it; `base` keeps the stories of different feeds apart. */
function rssItem(i: number, withContent: boolean, base: string): string {
  const content = withContent
    ? `<content:encoded><![CDATA[<p>Paragraph with <a href="/a/${i}">a link</a> and <img src="/i/${i}.jpg" alt="x"> image.</p><script>alert(1)</script><p>${'More text. '.repeat(30)}</p>]]></content:encoded>`
    : '';
  return `<item><title>Story ${i} about things &amp; more</title><link>${base}/a/${i}</link><guid>${base}/a/${i}</guid><pubDate>Mon, 13 Jan 2025 09:42:00 GMT</pubDate><category>Politics</category><description>Summary of story ${i}. ${'Lorem ipsum dolor sit amet. '.repeat(withContent ? 4 : 20)}</description>${content}</item>\n`;
}

const rssDocument = (items: string[], base: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title><link>${base}/</link>${items.join('')}</channel></rss>`;

/** An RSS 2.0 feed of exactly `items` stories (the ingest benchmark posts several, each with its own base URL). */
export function rssFeedOf(items: number, withContent = false, base = 'https://news.example'): Buffer {
  return Buffer.from(
    rssDocument(
      Array.from({ length: items }, (_, i) => rssItem(i, withContent, base)),
      base,
    ),
  );
}

function feed(withContent: boolean, targetBytes: number): { bytes: Buffer; items: number } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const item = rssItem(i, withContent, 'https://news.example');
    parts.push(item);
    size += item.length;
  }
  return { bytes: Buffer.from(rssDocument(parts, 'https://news.example')), items: parts.length };
}

export function measureParse(withContent: boolean, mib = 10, runs = 5) {
  const { bytes, items } = feed(withContent, mib * 1024 * 1024);
  parseDocument(bytes); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const result = parseDocument(bytes);
    times.push(performance.now() - started);
    if (result.articles.length !== items) throw new Error(`expected ${items} articles, got ${result.articles.length}`);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  return {
    scenario: withContent ? 'rss with content:encoded' : 'rss descriptions',
    mib: bytes.length / 1048576,
    items,
    ms,
    articlesPerSecond: (items / ms) * 1000,
    mbPerSecond: bytes.length / 1048576 / (ms / 1000),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { mib: { type: 'string', default: '10' }, runs: { type: 'string', default: '5' } } });
  for (const withContent of [false, true]) {
    const r = measureParse(withContent, Number(values.mib), Number(values.runs));
    console.log(
      `${r.scenario.padEnd(26)} ${r.mib.toFixed(1)} MiB, ${r.items} items: ${r.ms.toFixed(0)} ms median → ${Math.round(r.articlesPerSecond)} articles/s, ${r.mbPerSecond.toFixed(1)} MiB/s`,
    );
  }
}
