/** Media types a feed body may be declared as; anything else (images, PDFs, forms…) is 415. */
const READABLE = [
  /^text\//,
  /^application\/(?:[\w.+-]+\+)?xml$/,
  /^application\/(?:[\w.+-]+\+)?json$/,
  /^application\/(?:rss|atom|rdf|xhtml)\+xml$/,
  /^application\/octet-stream$/,
];

export function mediaType(contentType: string | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** A missing type is allowed: the body is sniffed either way, the header is only a hint. */
export function isReadableFeedType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === null || READABLE.some((pattern) => pattern.test(type));
}

export function isJsonType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type !== null && /^application\/(?:[\w.+-]+\+)?json$/.test(type);
}
