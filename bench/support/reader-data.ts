import pg from 'pg';
import { Redis } from 'ioredis';
import { VISITOR_SET_TTL_MS, VISITOR_UNITS, visitorSetKey, type VisitorUnit } from '@newsrank/analytics';
import { scaleArticleId } from './scale-data.ts';

export interface ReaderData {
  /** Rows of each reader table, as loaded. */
  rows: Record<string, number>;
  loadSeconds: number;
}

/** Referrer hosts (with their class) an hour's non-direct views come from, chosen per article and hour. */
const HOSTS: readonly [string, string][] = [
  ['search', 'www.google.com'],
  ['search', 'www.bing.com'],
  ['social', 't.co'],
  ['social', 'www.facebook.com'],
  ['other', 'news.example.org'],
];
/** One hour row in this many carries campaign views. */
const CAMPAIGN_EVERY = 10;
/** One article in this many has reached a rank in every stats window. */
const RANKED_EVERY = 100;
const ENGAGED_MS_PER_VIEW = 40_000;

/** A stable small number per (article, hour), to pick hosts and campaigns without a random generator. */
const pick = (modulo: number) => `((get_byte(uuid_send(h.article_id), 0) + extract(hour from h.bucket_start)::int) % ${modulo})`;

const hostValues = (column: 0 | 1) => `(array[${HOSTS.map((host) => `'${host[column]}'`).join(', ')}])[1 + ${pick(HOSTS.length)}]`;

/**
 * Readers' hourly facts for every hour bucket of a loaded scale history, in bulk (INSERT …
 * SELECT from article_views_hour), as the apply path would have left them: each hour's views
 * split between direct (about half) and one referrer host; engaged time per view; campaign views
 * on one hour in ten; the site's hourly totals summed from those; and a best rank for one
 * article in a hundred. Inserted in primary-key order, so the indexes grow at their right edge;
 * then the whole database is vacuumed, analysed and checkpointed.
 */
export async function loadReaderData(url: string, articles: number): Promise<ReaderData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(`set work_mem = '256MB'`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    const rows: Record<string, number> = {};
    const insert = async (table: string, statement: string, values: unknown[] = []) => {
      rows[table] = (await client.query(statement, values)).rowCount ?? 0;
    };
    await insert(
      'article_referrers_hour',
      `insert into article_referrers_hour (article_id, bucket_start, referrer_class, referrer_host, views)
       select h.article_id, h.bucket_start, r.class, r.host, r.views
       from article_views_hour h
       cross join lateral (values ('direct', '', h.views - h.views / 2), (${hostValues(0)}, ${hostValues(1)}, h.views / 2)) as r(class, host, views)
       where r.views > 0
       order by h.article_id, h.bucket_start, r.class, r.host`,
    );
    await insert(
      'article_engagement_hour',
      `insert into article_engagement_hour (article_id, bucket_start, engaged_ms, beacons)
       select h.article_id, h.bucket_start, h.views * $1::bigint, h.views * 3
       from article_views_hour h
       order by h.article_id, h.bucket_start`,
      [ENGAGED_MS_PER_VIEW],
    );
    await insert(
      'article_campaigns_hour',
      `insert into article_campaigns_hour (article_id, bucket_start, utm_source, utm_medium, utm_campaign, views)
       select h.article_id, h.bucket_start, c.source, c.medium, c.campaign, greatest(1, h.views / 4)
       from article_views_hour h
       cross join lateral (values
         ((array['newsletter', 'twitter', 'partner'])[1 + ${pick(3)}], (array['email', 'social', 'referral'])[1 + ${pick(3)}],
          'week-' || extract(week from h.bucket_start)::int)) as c(source, medium, campaign)
       where ${pick(CAMPAIGN_EVERY)} = 0
       order by h.article_id, h.bucket_start`,
    );
    await insert(
      'site_traffic_hour',
      `insert into site_traffic_hour (bucket_start, referrer_class, referrer_host, views)
       select bucket_start, referrer_class, referrer_host, sum(views) from article_referrers_hour
       group by bucket_start, referrer_class, referrer_host`,
    );
    await insert(
      'site_engagement_hour',
      `insert into site_engagement_hour (bucket_start, engaged_ms, beacons)
       select bucket_start, sum(engaged_ms), sum(beacons) from article_engagement_hour group by bucket_start`,
    );
    await insert(
      'article_best_ranks',
      `insert into article_best_ranks (article_id, window_name, best_rank, reached_at)
       select md5('scale-' || i)::uuid, w, 1 + (i / ${RANKED_EVERY}) % 100, now() - interval '1 day'
       from generate_series(0, $1::int - 1, ${RANKED_EVERY}) as i, unnest(array['24h', '7d', '30d']) as w`,
      [articles],
    );
    // Vacuumed and checkpointed now, not by autovacuum (inserts trigger it too) and the
    // checkpointer in the middle of a measurement.
    await client.query('vacuum (analyze)');
    await client.query('checkpoint');
    return { rows, loadSeconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

export interface VisitorSets {
  articles: number;
  sets: number;
  seconds: number;
}

const ARTICLES_PER_ROUND = 500;
/** Visitors per hour drawn from a pool this large per article, so that hours share some of them. */
const VISITOR_POOL = 40;

/**
 * Visitor sets, as the apply path keeps them, for the scale articles `indexes`: for each of their
 * hour rows, that many visitors (a view each) added to the hour's set (while hour sets live) and
 * to the day's, under the stack's queue prefix and with their expiry.
 */
export async function addVisitorSets(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  indexes: readonly number[],
): Promise<VisitorSets> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await client.connect();
  let sets = 0;
  try {
    const hourSetsFrom = Date.now() - VISITOR_SET_TTL_MS.hour;
    for (let round = 0; round < indexes.length; round += ARTICLES_PER_ROUND) {
      const ids = indexes.slice(round, round + ARTICLES_PER_ROUND).map(scaleArticleId);
      const { rows } = await client.query<{ article_id: string; bucket_start: Date; views: number }>(
        'select article_id::text, bucket_start, views from article_views_hour where article_id = any($1::uuid[])',
        [ids],
      );
      const members = new Map<string, { unit: VisitorUnit; visitors: Set<string> }>();
      const add = (articleId: string, unit: VisitorUnit, startMs: number, visitors: string[]) => {
        const key = visitorSetKey(prefix, articleId, { unit, startMs: Math.floor(startMs / VISITOR_UNITS[unit]) * VISITOR_UNITS[unit] });
        let set = members.get(key);
        if (!set) members.set(key, (set = { unit, visitors: new Set() }));
        for (const visitor of visitors) set.visitors.add(visitor);
      };
      for (const row of rows) {
        const startMs = row.bucket_start.getTime();
        const hour = startMs / VISITOR_UNITS.hour;
        const visitors = Array.from({ length: Math.min(row.views, VISITOR_POOL) }, (_, j) => `visitor-${(hour + j) % VISITOR_POOL}`);
        if (startMs >= hourSetsFrom) add(row.article_id, 'hour', startMs, visitors);
        add(row.article_id, 'day', startMs, visitors);
      }
      const pipeline = redis.pipeline();
      for (const [key, set] of members) {
        pipeline.pfadd(key, ...set.visitors);
        pipeline.pexpire(key, VISITOR_SET_TTL_MS[set.unit], 'NX');
      }
      await pipeline.exec();
      sets += members.size;
    }
    return { articles: indexes.length, sets, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
    redis.disconnect();
  }
}
