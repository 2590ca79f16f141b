import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Literals, Nullable } from './fields.ts';
import { ListArticle } from './lists.ts';

/** The windows of an article's stats, as `?window=` names them. */
export const STATS_WINDOWS = ['24h', '7d', '30d'] as const;
export const StatsWindow = Literals(STATS_WINDOWS);
export type StatsWindow = Static<typeof StatsWindow>;

/** Where readers came from: no referrer is direct, the article's own site internal, the rest by a list of search engines and social networks. */
export const REFERRER_CLASSES = ['direct', 'internal', 'search', 'social', 'other'] as const;
export const ReferrerClass = Literals(REFERRER_CLASSES);
export type ReferrerClass = Static<typeof ReferrerClass>;

const count = Type.Integer({ minimum: 0 });

export const SeriesPoint = Type.Object({
  t: IsoTime({ description: 'the start of the hour (or of the UTC day, for 30d)' }),
  views: count,
  visitors: Type.Integer({ minimum: 0, description: 'distinct visitors in that hour or day (HyperLogLog, within 2%)' }),
});
export type SeriesPoint = Static<typeof SeriesPoint>;

export const ReferrerSplit = Type.Object({
  direct: count,
  internal: count,
  search: count,
  social: count,
  other: count,
});
export type ReferrerSplit = Static<typeof ReferrerSplit>;

export const ReferrerHost = Type.Object({ host: Type.String(), class: ReferrerClass, views: count });
export type ReferrerHost = Static<typeof ReferrerHost>;

export const Campaign = Type.Object({
  source: Nullable(Type.String()),
  medium: Nullable(Type.String()),
  campaign: Nullable(Type.String()),
  views: count,
});
export type Campaign = Static<typeof Campaign>;

const engagedSeconds = Type.Number({ minimum: 0, description: 'mean engaged seconds per visitor' });

/** `GET /v1/articles/:id/stats`: one article's readers over a window, from hourly buckets. */
export const ArticleStats = Type.Object({
  article: ListArticle,
  window: StatsWindow,
  generatedAt: IsoTime(),
  views: count,
  visitors: count,
  engagedSeconds,
  series: Type.Array(SeriesPoint, { description: 'hourly for 24h and 7d, daily for 30d; oldest first' }),
  referrers: ReferrerSplit,
  referrerHosts: Type.Array(ReferrerHost, { description: 'the hosts readers came from, most views first (at most 10)' }),
  campaigns: Type.Array(Campaign, { description: 'utm_source / utm_medium / utm_campaign of the page URL, most views first (at most 10)' }),
  bestRank: Nullable(Type.Integer({ minimum: 1 }), {
    description: 'the best rank it reached in the site-wide access ranking of this window',
  }),
  currentRank: Nullable(Type.Integer({ minimum: 1 }), { description: 'its rank in the site-wide access ranking of this window now' }),
});
export type ArticleStats = Static<typeof ArticleStats>;

/** The whole site over a window: what the dashboard charts. */
export const SiteStats = Type.Object({
  window: StatsWindow,
  generatedAt: IsoTime(),
  views: count,
  visitors: count,
  engagedSeconds,
  series: Type.Array(SeriesPoint),
  referrers: ReferrerSplit,
  referrerHosts: Type.Array(ReferrerHost),
});
export type SiteStats = Static<typeof SiteStats>;
