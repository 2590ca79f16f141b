import { dailyArticleRows } from '@newsrank/db';
import type { StatsDeps } from './stats.ts';
import { meanEngagedSeconds } from './stats-shape.ts';
import { countVisitors, visitorSetKey } from './visitor-sets.ts';

const DAY_MS = 86_400_000;
const PAGE_ROWS = 1_000;

export const STATS_CSV_HEADER = 'date,id,title,category,views,visitors,engaged_seconds\r\n';

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A leading = + - @
 * is prefixed with ' so a spreadsheet shows a title instead of evaluating it.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export interface StatsCsvQuery {
  /** First and last UTC day, both included (midnight instants). */
  fromDay: Date;
  toDay: Date;
  categorySlug: string | null;
}

/**
 * The export, one line per article per UTC day it was viewed, produced a page of 1,000 rows at
 * a time: the response is written as it is read, never held whole. Visitors come from the
 * article's day set; engaged_seconds is the mean per visitor, as in the stats.
 */
export async function* statsCsvLines(deps: Pick<StatsDeps, 'db' | 'redis' | 'prefix'>, query: StatsCsvQuery): AsyncGenerator<string> {
  yield STATS_CSV_HEADER;
  for (let day = query.fromDay.getTime(); day <= query.toDay.getTime(); day += DAY_MS) {
    let afterId: string | null = null;
    for (;;) {
      const rows = await dailyArticleRows(deps.db, new Date(day), { afterId, limit: PAGE_ROWS, categorySlug: query.categorySlug });
      if (rows.length === 0) break;
      const visitors = await countVisitors(
        deps.redis,
        rows.map((row) => [visitorSetKey(deps.prefix, row.articleId, { unit: 'day', startMs: day })]),
      );
      let lines = '';
      rows.forEach((row, i) => {
        const dayVisitors = Math.min(visitors[i] ?? 0, row.views);
        lines += [
          new Date(day).toISOString().slice(0, 10),
          row.articleId,
          csvField(row.title),
          csvField(row.category),
          row.views,
          dayVisitors,
          meanEngagedSeconds(row.engagedMs, dayVisitors),
        ].join(',');
        lines += '\r\n';
      });
      yield lines;
      if (rows.length < PAGE_ROWS) break;
      afterId = rows.at(-1)?.articleId ?? null;
    }
  }
}
