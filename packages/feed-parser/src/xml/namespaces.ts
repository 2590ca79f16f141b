/**
 * Namespace URIs mapped to the prefixes the format readers look for, whatever prefix a document
 * chose. Feed vocabularies (RSS 1.0, RSS 0.90, the RSS 2.0 namespaces some feeds invent) map to
 * '' so their elements read like plain RSS.
 */
const KNOWN: ReadonlyMap<string, string> = new Map([
  ['http://purl.org/rss/1.0/', ''],
  ['http://my.netscape.com/rdf/simple/0.9/', ''],
  ['http://backend.userland.com/rss2', ''],
  ['http://backend.userland.com/rss', ''],
  ['http://blogs.law.harvard.edu/tech/rss', ''],
  ['http://www.w3.org/2005/atom', 'atom'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/elements/1.0/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://search.yahoo.com/mrss/', 'media'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://www.w3.org/xml/1998/namespace', 'xml'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://purl.org/rss/1.0/modules/syndication/', 'sy'],
]);

export function namespaceKey(uri: string, prefix: string): string {
  const lower = uri.toLowerCase();
  const known = KNOWN.get(lower);
  if (known !== undefined) return known;
  // Atom 0.3 and the drafts between it and 1.0 (`http://purl.org/atom/ns#draft-ietf-...`).
  if (lower.startsWith('http://purl.org/atom/ns#')) return 'atom';
  // Unknown vocabularies keep the document's prefix; an unknown default namespace reads as none.
  return prefix.toLowerCase();
}
