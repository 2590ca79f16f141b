/** The response headers fetchFeed reads beyond status and validators, parsed without trusting them. */

const MAX_HEADER_LENGTH = 8192;
/** A year: longer max-age or Retry-After values are read as a year. */
const MAX_SECONDS = 365 * 24 * 3600;

/** Cache-Control `max-age` in seconds; null when absent, malformed or when the answer must not be reused. */
export function parseMaxAge(cacheControl: string | undefined): number | null {
  if (cacheControl === undefined || cacheControl.length > MAX_HEADER_LENGTH) return null;
  let maxAge: number | null = null;
  for (const directive of cacheControl.split(',')) {
    const [rawName, rawValue] = directive.split('=', 2) as [string, string | undefined];
    const name = rawName.trim().toLowerCase();
    if (name === 'no-store' || name === 'no-cache') return null;
    if (name !== 'max-age' || rawValue === undefined) continue;
    const value = rawValue.trim().replace(/^"(.*)"$/, '$1');
    if (/^\d{1,12}$/.test(value)) maxAge ??= Math.min(MAX_SECONDS, Number(value));
  }
  return maxAge;
}

const HTTP_DATE =
  /^[A-Za-z]{3,9},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$|^[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/;

/** `Retry-After` as seconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d{1,12}$/.test(text)) return Math.min(MAX_SECONDS, Number(text));
  if (text.length > 64 || !HTTP_DATE.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_SECONDS, Math.max(0, Math.ceil((at - nowMs) / 1000)));
}

export interface LinkRelations {
  hub: string[];
  self: string[];
}

/**
 * WebSub's `Link: <https://hub.example/>; rel="hub", <https://news.example/feed>; rel="self"`
 * (RFC 8288). Targets are resolved against the answer's URL; only http(s) ones are kept.
 */
export function parseLinkHeader(value: string | string[] | undefined, baseUrl: string): LinkRelations {
  const found: LinkRelations = { hub: [], self: [] };
  const text = Array.isArray(value) ? value.join(', ') : value;
  if (text === undefined || text.length > MAX_HEADER_LENGTH * 4) return found;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open === -1) break;
    const close = text.indexOf('>', open + 1);
    if (close === -1) break;
    const target = text.slice(open + 1, close).trim();
    const { rels, end } = readParams(text, close + 1);
    i = end;
    const url = URL.parse(target, baseUrl);
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    for (const rel of rels) {
      if ((rel === 'hub' || rel === 'self') && !found[rel].includes(url.href)) found[rel].push(url.href);
    }
  }
  return found;
}

const PARAM_NAME = /[ \t]*([!#$%&'*+.^_`|~\w-]+)[ \t]*(=[ \t]*)?/y;
const TOKEN = /[^;,\s]*/y;

/** `; name=value; name="quoted, value"` up to the comma ending this link: its rel values and where it ends. */
function readParams(text: string, from: number): { rels: string[]; end: number } {
  const rels: string[] = [];
  let i = from;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === ',') return { rels, end: i + 1 };
    if (text[i] !== ';') {
      // Not a parameter: skip to the next link.
      const comma = text.indexOf(',', i);
      return { rels, end: comma === -1 ? text.length : comma + 1 };
    }
    PARAM_NAME.lastIndex = i + 1;
    const param = PARAM_NAME.exec(text);
    if (param === null) {
      i++;
      continue;
    }
    const name = param[1]!.toLowerCase();
    i = PARAM_NAME.lastIndex;
    let value = '';
    if (param[2] !== undefined) {
      if (text[i] === '"') {
        const endQuote = text.indexOf('"', i + 1);
        value = text.slice(i + 1, endQuote === -1 ? text.length : endQuote);
        i = endQuote === -1 ? text.length : endQuote + 1;
      } else {
        TOKEN.lastIndex = i;
        value = TOKEN.exec(text)![0];
        i = TOKEN.lastIndex;
      }
    }
    if (name === 'rel')
      rels.push(
        ...value
          .toLowerCase()
          .split(/\s+/)
          .filter((r) => r !== ''),
      );
  }
  return { rels, end: i };
}
