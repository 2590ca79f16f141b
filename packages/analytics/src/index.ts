export { campaignOf, type CampaignTags } from './campaign.ts';
export { classifyReferrer, type ClassifiedReferrer } from './classify-referrer.ts';
export { REFERRER_LIST, type ReferrerList } from './referrer-list.ts';
export {
  HOUR_SETS_READ_MS,
  VISITOR_SET_TTL_MS,
  VISITOR_UNITS,
  bucketsCovering,
  bucketsOfView,
  type VisitorBucket,
  type VisitorUnit,
} from './visitor-buckets.ts';
export { visitorKey, type AnonymousVisitor } from './visitor-key.ts';
export { VisitorSalts } from './visitor-salt.ts';
export { countVisitors, stageVisits, visitorSetKey, type CountedVisit, type VisitorScope } from './visitor-sets.ts';
export { isEngaged, readerFactsOf, visitsOf } from './reader-facts.ts';
export { WindowVisitors, type WindowVisitorsQuery } from './window-visitors.ts';
export { articleStats, recentHourlyViews, siteStats, type StatsDeps } from './stats.ts';
export { meanEngagedSeconds, referrerSummary, statsPlan, viewsPerPoint, type StatsPlan } from './stats-shape.ts';
export { STATS_CSV_HEADER, csvField, statsCsvLines, type StatsCsvQuery } from './stats-csv.ts';
