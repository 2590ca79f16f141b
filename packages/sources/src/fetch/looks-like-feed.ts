/** How far into a body the sniffing below looks. */
const SNIFF_CHARS = 4096;

/**
 * A cheap guess whether a 200 answer is a feed at all, before parsing it: an XML document whose
 * root is `rss`, `feed`, `RDF` or `channel`, or a JSON Feed. An HTML page (a site's home page, a
 * login wall) or anything else is not, whatever its Content-Type claims. The parser decides the
 * rest; this only lets a Source say "not a feed" instead of a parse error.
 */
export function looksLikeFeed(body: Uint8Array, contentType: string | null): boolean {
  const text = sniffText(body);
  const start = text.search(/\S/);
  if (start === -1) return false;
  if (text[start] === '{')
    return (
      /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//i.test(text) ||
      (/json/i.test(contentType ?? '') && /"items"\s*:\s*\[/.test(text))
    );
  if (text[start] !== '<') return false;
  const root = firstElementName(text.slice(start));
  return root !== null && /^(?:[\w.-]+:)?(?:rss|feed|rdf|channel)$/i.test(root);
}

function sniffText(body: Uint8Array): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIFF_CHARS * 2));
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  // Markup and JSON punctuation are ASCII in every other encoding a feed uses.
  return head
    .subarray(0, SNIFF_CHARS)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '');
}

/** The name of the first element, past the XML declaration, comments, processing instructions and a DOCTYPE. */
function firstElementName(text: string): string | null {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) return null;
    if (text.startsWith('<?', lt)) {
      i = text.indexOf('?>', lt);
    } else if (text.startsWith('<!--', lt)) {
      i = text.indexOf('-->', lt);
    } else if (text.startsWith('<!', lt)) {
      i = text.indexOf('>', lt);
    } else {
      return /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, lt + 256))?.[1] ?? null;
    }
    if (i === -1) return null;
    i += 1;
  }
}
