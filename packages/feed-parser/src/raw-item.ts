/**
 * How a string is written: `text` (plain characters), `html`, or `auto`: RSS, which never says,
 * so the value itself decides (text-kind.ts).
 */
export type TextType = 'text' | 'html' | 'auto';

/**
 * Values from vocabularies that only stand in for a field the item's own format left empty:
 * Atom elements inside an RSS item, iTunes tags, Media RSS keywords and credits. The first
 * value of each kind in document order is kept.
 */
export interface StandIns {
  title: string | null;
  titleType: TextType;
  guid: string | null;
  link: string | null;
  summary: string | null;
  summaryType: TextType;
  content: string | null;
  contentType: TextType;
  authors: string[];
  tags: string[];
  imageUrl: string | null;
  published: string | null;
  updated: string | null;
}

/** One item as a format reader found it, before any cleaning. Strings are raw document text. */
export interface RawItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  titleType: TextType;
  summary: string | null;
  summaryType: TextType;
  content: string | null;
  contentType: TextType;
  authors: string[];
  /** An explicit section; otherwise the first tag is the category. */
  category: string | null;
  tags: string[];
  /** How authors, category and tags are written: `auto` in RSS, `text` where the format says so. */
  plainType: 'text' | 'auto';
  dateline: string | null;
  imageUrl: string | null;
  imageCaption: string | null;
  imageCaptionType: TextType;
  /** Any enclosure or media file (audio, video, image): not stored, but it makes the item non-empty. */
  mediaUrl: string | null;
  language: string | null;
  published: string | number | null;
  /** dc:date and the like: an update time that also stands in for a missing publication time. */
  updated: string | number | null;
  /** Base URL for the item's relative links. */
  base: string | null;
  /** Created on the first stand-in value; applyStandIns folds it in. */
  standIns: StandIns | null;
}

export function emptyRawItem(base: string | null): RawItem {
  return {
    guid: null,
    link: null,
    title: null,
    titleType: 'auto',
    summary: null,
    summaryType: 'auto',
    content: null,
    contentType: 'html',
    authors: [],
    category: null,
    tags: [],
    plainType: 'auto',
    dateline: null,
    imageUrl: null,
    imageCaption: null,
    imageCaptionType: 'auto',
    mediaUrl: null,
    language: null,
    published: null,
    updated: null,
    base,
    standIns: null,
  };
}

export function standInsOf(item: RawItem): StandIns {
  return (item.standIns ??= {
    title: null,
    titleType: 'auto',
    guid: null,
    link: null,
    summary: null,
    summaryType: 'auto',
    content: null,
    contentType: 'html',
    authors: [],
    tags: [],
    imageUrl: null,
    published: null,
    updated: null,
  });
}

const filled = (values: readonly string[]) => values.some((v) => v.trim() !== '');

/** Fills each field the item's own elements left empty from its stand-ins. */
export function applyStandIns(item: RawItem): void {
  const s = item.standIns;
  if (s === null) return;
  item.standIns = null;
  if (item.title === null && s.title !== null) {
    item.title = s.title;
    item.titleType = s.titleType;
  }
  if (item.summary === null && s.summary !== null) {
    item.summary = s.summary;
    item.summaryType = s.summaryType;
  }
  if (item.content === null && s.content !== null) {
    item.content = s.content;
    item.contentType = s.contentType;
  }
  item.guid ??= s.guid;
  item.link ??= s.link;
  if (!filled(item.authors)) item.authors = s.authors;
  if (!filled(item.tags)) item.tags = s.tags;
  item.imageUrl ??= s.imageUrl;
  item.published ??= s.published;
  item.updated ??= s.updated;
}
