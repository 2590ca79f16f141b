import { truncatePlain } from './sanitize.ts';

/** What an item without a title can still be named after, best first. */
export interface TitleSources {
  /** Plain text of the item (its summary, or its content), one line. */
  text: string | null;
  imageCaption: string | null;
  url: string | null;
  guid: string | null;
  mediaUrl: string | null;
  imageUrl: string | null;
}

export interface DerivedTitle {
  title: string;
  /** The item-level warning that says where the title came from. */
  warning: string;
}

const MAX_TITLE = 100;
/** A first "sentence" shorter than this is an abbreviation (`U.S.`, `Dr.`) or a kicker, not a title. */
const MIN_SENTENCE = 12;
const UNTITLED = 'Untitled';

/**
 * A title for an item that has none (RSS 2.0 and JSON Feed allow that): its first sentence,
 * else its first ~100 characters cut at a word boundary with "…"; else words from its link
 * (or its id when that is a link, or its media file); else its id; else "Untitled".
 */
export function deriveTitle(s: TitleSources): DerivedTitle {
  const text = s.text ?? s.imageCaption;
  if (text !== null) return { title: titleFromText(text), warning: "title missing; derived from the item's text" };
  const guidUrl = s.guid !== null && /^https?:\/\//i.test(s.guid) ? s.guid : null;
  for (const [url, what] of [
    [s.url, 'link'],
    [guidUrl, 'id'],
    [s.mediaUrl, 'media file'],
    [s.imageUrl, 'image'],
  ] as const) {
    const title = url === null ? null : titleFromUrl(url);
    if (title !== null) return { title, warning: `title missing; derived from its ${what}` };
  }
  if (s.guid !== null) return { title: truncatePlain(s.guid, MAX_TITLE)!, warning: 'title missing; derived from its id' };
  return { title: UNTITLED, warning: `title missing and nothing to derive one from; titled "${UNTITLED}"` };
}

/** Sentence ends: `.`, `!`, `?` (with closing quotes or brackets) before a space, or CJK full stops. */
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s|$)|[。！？]/gu;

export function titleFromText(text: string): string {
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end < MIN_SENTENCE) continue;
    if (end > MAX_TITLE) break;
    return withoutFinalPeriod(text.slice(0, end).trim());
  }
  return text.length <= MAX_TITLE ? withoutFinalPeriod(text) : truncatePlain(text, MAX_TITLE)!;
}

/** A headline carries no full stop; `?`, `!` and `...` say something and stay. */
function withoutFinalPeriod(s: string): string {
  return /[^.]\.$/.test(s) ? s.slice(0, -1) : s;
}

/**
 * A slug's words (`/2025/01/typhoon-nari-nears-japan.html` → "Typhoon nari nears japan"), or,
 * when the last path segment is an id rather than words, the address without its scheme.
 */
export function titleFromUrl(raw: string): string | null {
  const url = URL.parse(raw);
  if (url === null || url.host === '') return null;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const last = segments.length === 0 ? null : safeDecode(segments[segments.length - 1]!).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const words = last === null ? [] : last.split(/[-_+.\s]+/).filter((w) => w !== '');
  if (words.length >= 2 && words.some((w) => /\p{L}{2,}/u.test(w))) {
    const phrase = truncatePlain(words.join(' '), MAX_TITLE)!;
    return phrase.charAt(0).toUpperCase() + phrase.slice(1);
  }
  const address = `${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  return truncatePlain(safeDecode(address), MAX_TITLE);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
