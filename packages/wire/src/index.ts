// The JSON the API answers and takes, written once as TypeBox schemas: each is a JSON Schema
// (the OpenAPI document's components) and, through Static, the type its builders must return.
export { IsoTime, Nullable, Literals, Rejection, Uuid } from './fields.ts';
export { ErrorBody, errorBody } from './error.ts';
export { Article, ArticleInput, ArticlePage, ArticlesRequest, Category } from './article.ts';
export { IngestAccepted, IngestJob, IngestReport, ReportedArticle } from './ingest.ts';
export { AccessEvent, EventsRequest, EventsVerdict } from './events.ts';
export { ListArticle, PopularList, RANKING_WINDOWS, RankingList, RankingWindow, TrendingList } from './lists.ts';
export { Check, Health, Readiness } from './operations.ts';
export { OpmlImport, RefreshAccepted, Source, SourceList, SourcePatch, SourceSlug, SubscribeRequest } from './sources.ts';
export {
  ArticleStats,
  Campaign,
  REFERRER_CLASSES,
  ReferrerClass,
  ReferrerHost,
  ReferrerSplit,
  STATS_WINDOWS,
  SeriesPoint,
  SiteStats,
  StatsWindow,
} from './stats.ts';
