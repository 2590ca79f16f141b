export { webRoutes, type WebDeps } from './web-routes.ts';
export { sourcesPageRoutes, SOURCES_PAGE_PATH } from './sources-page-routes.ts';
export { dashboardRoutes, type DashboardDeps } from './dashboard-routes.ts';
export { SPARKLINE_HOURS, TOP_LIST_KEY, TRENDING_LIST_KEY, type DashboardData, type TopItem, type TrendingItem } from './dashboard-data.ts';
export { PageRequestError } from './page-request-error.ts';
