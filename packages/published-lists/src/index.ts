export { publishedListNames, type PublishedListNames } from './names.ts';
export { LIST_KINDS, type ListKind } from './list-kinds.ts';
export { decodePublishedList, encodePublishedList, readPublishedList, type DecodedList } from './codec.ts';
export { historyRecord, loadPublished, stagePublishedLists } from './writer.ts';
export { ListStore, type ListSubscriber } from './list-store.ts';
export type { PublishedList } from '@newsrank/ranking';
