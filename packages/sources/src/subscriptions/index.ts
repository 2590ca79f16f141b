export { acceptDocument, QueueRefusedError } from './accept-document.ts';
export { fetchSource, type FetchContext, type FetchSourceResult } from './fetch-source.ts';
export {
  changeSource,
  checkSubscribableUrl,
  listSourceViews,
  refreshSource,
  removeSource,
  sourceView,
  subscribeSource,
  type SourcesStore,
} from './manage-sources.ts';
export { exportSourcesOpml, importOpml, type OpmlImport } from './opml-service.ts';
export { pollSources, type PollContext } from './poll-sources.ts';
export { presentSource, type SourceView } from './present-source.ts';
export { sourcesSettings, USER_AGENT, type SourcesSettings } from './settings.ts';
export { SourceError } from './source-error.ts';
export { readSourcePatch, readSubscribeInput, SOURCE_SLUG, type SourcePatch, type SubscribeInput } from './source-input.ts';
export { acceptPush, answerVerification, callbackUrl, requestWebSub, REQUESTED_LEASE_SECONDS } from './websub-service.ts';
