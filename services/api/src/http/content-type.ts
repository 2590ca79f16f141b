/**
 * Media types whose bodies are never a feed or an article page: refused with 415 before the
 * body is read. Every other type is only a hint — the body is sniffed, and bytes that turn out
 * to be binary are still refused (415) by the parser.
 */
const NEVER_TEXT = [
  /^(?:image|audio|video|font|model)\//,
  /^multipart\//,
  /^application\/(?:pdf|zip|gzip|x-gzip|x-tar|x-bzip2|x-7z-compressed|x-rar-compressed|vnd\.rar|msword|wasm)$/,
  /^application\/vnd\.(?:openxmlformats|ms-|oasis\.opendocument)/,
];

/**
 * Types that say nothing about the body: `curl --data-binary @feed.xml` declares
 * `application/x-www-form-urlencoded` whatever the file holds.
 */
const UNINFORMATIVE = new Set(['application/x-www-form-urlencoded', 'application/octet-stream']);

export function mediaType(contentType: string | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

export function isReadableFeedType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === null || !NEVER_TEXT.some((pattern) => pattern.test(type));
}

/** `POST /v1/articles` takes JSON: declared as such, as text, or not declared at all. */
export function isJsonType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === null || UNINFORMATIVE.has(type) || type.startsWith('text/') || /^application\/(?:[\w.+-]+\+)?json$/.test(type);
}
