import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Nullable, Uuid } from './fields.ts';

const text = Nullable(Type.String());
const link = Nullable(Type.String({ format: 'uri' }));
const time = Nullable(IsoTime());

/** One stored article as the API answers it. */
export const Article = Type.Object({
  id: Uuid,
  source: Type.String(),
  guid: text,
  url: link,
  title: Type.String(),
  summary: Nullable(Type.String(), { description: 'plain text' }),
  contentHtml: Nullable(Type.String(), {
    description: 'sanitized HTML: no script, style, iframe, event handlers or javascript:/data: URLs',
  }),
  author: text,
  category: text,
  categorySlug: text,
  tags: Type.Array(Type.String()),
  dateline: text,
  imageUrl: link,
  imageCaption: text,
  language: text,
  publishedAt: time,
  timeZone: Nullable(Type.String(), {
    description:
      'the zone the source printed publishedAt in: an IANA zone (Asia/Tokyo) or a fixed offset (+09:00); null when it printed none or UTC',
    examples: ['Asia/Tokyo', '+09:00'],
  }),
  updatedAt: time,
  ingestedAt: IsoTime({ description: 'when newsrank first stored the article' }),
});
export type Article = Static<typeof Article>;

export const ArticlePage = Type.Object({
  items: Type.Array(Article),
  nextCursor: Nullable(Type.String(), { description: 'null on the last page' }),
});
export type ArticlePage = Static<typeof ArticlePage>;

export const Category = Type.Object({ slug: Type.String(), name: Type.String(), articles: Type.Integer({ minimum: 0 }) });
export type Category = Static<typeof Category>;

const optionalText = Type.Optional(text);
const looseTime = (options: { description?: string } = {}) =>
  Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()], options));

/** An article as POST /v1/articles takes it: only the title is required, and dates may be in any common form. */
export const ArticleInput = Type.Object({
  guid: optionalText,
  url: optionalText,
  title: text,
  summary: optionalText,
  contentHtml: optionalText,
  author: optionalText,
  category: optionalText,
  dateline: optionalText,
  imageUrl: optionalText,
  imageCaption: optionalText,
  language: optionalText,
  tags: Type.Optional(Nullable(Type.Array(Type.String()))),
  publishedAt: looseTime({ description: 'a date in any common form, or epoch seconds' }),
  updatedAt: looseTime(),
});
export type ArticleInput = Static<typeof ArticleInput>;

export const ArticlesRequest = Type.Object({ articles: Type.Array(ArticleInput, { minItems: 1, maxItems: 1000 }) });
export type ArticlesRequest = Static<typeof ArticlesRequest>;
