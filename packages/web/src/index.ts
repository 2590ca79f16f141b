export { webRoutes, type WebDeps } from './web-routes.ts';
export { sourcesPageRoutes, SOURCES_PAGE_PATH } from './sources-page-routes.ts';
export { PageRequestError } from './page-request-error.ts';
