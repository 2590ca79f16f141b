export { publishedListNames, type PublishedListNames } from './names.ts';
export { LIST_KINDS, type ListKind } from './list-kinds.ts';
export { decodePublishedList, encodePublishedList, readPublishedList, type DecodedList } from './codec.ts';
export { historyRecord, loadPublished, stagePublishedLists } from './writer.ts';
export { ListStore, type ListSubscriber } from './list-store.ts';
export { emptyList, type ListDocument } from './empty-lists.ts';
export {
  currentLists,
  matchesStreamFilter,
  namedLists,
  streamedListEvent,
  type EmptyList,
  type StreamFilter,
  type StreamedList,
} from './stream-filter.ts';
export { currentRank } from './current-rank.ts';
export type { PublishedList } from '@newsrank/ranking';
