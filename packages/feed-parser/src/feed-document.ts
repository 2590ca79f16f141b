import type { RawItem } from './raw-item.ts';
import type { DeclaredCadence, FeedLinks, ParsedFeedInfo } from './types.ts';

/** What each format reader hands to the shared item loop in index.ts. */
export interface FeedDocument<T> {
  feed: ParsedFeedInfo;
  cadence: DeclaredCadence;
  links: FeedLinks;
  /** Base for relative links when an item has none of its own. */
  base: string | null;
  items: readonly T[];
  /** Reads one item; may throw, which rejects that item alone. */
  readItem: (item: T) => RawItem;
}
