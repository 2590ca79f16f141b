import { attr } from './read.ts';
import type { FeedDocument } from '../feed-document.ts';
import { readRss, readRssItem } from './rss.ts';
import type { XmlElement } from './tree.ts';

/**
 * RSS 0.90 and RSS 1.0: RSS vocabulary inside `<rdf:RDF>`, items beside the channel, and each
 * item's `rdf:about` as its identifier.
 */
export function readRdf(root: XmlElement, baseUrl: string | null): FeedDocument<XmlElement> {
  const doc = readRss(root, baseUrl);
  return {
    ...doc,
    readItem: (el) => {
      const item = readRssItem(el, doc.base);
      item.guid ??= attr(el, 'rdf:about');
      return item;
    },
  };
}
