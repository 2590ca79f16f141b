import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Nullable, Literals, Uuid } from './fields.ts';

/** The windows of the access ranking, as `?window=` names them. */
export const RANKING_WINDOWS = ['1h', '24h', '7d', '30d'] as const;
export const RankingWindow = Literals(RANKING_WINDOWS);
export type RankingWindow = Static<typeof RankingWindow>;

/** An article as a list shows it: enough to link to it and say when and where it ran. */
export const ListArticle = Type.Object({
  id: Uuid,
  title: Type.String(),
  url: Nullable(Type.String()),
  category: Nullable(Type.String()),
  publishedAt: Nullable(IsoTime()),
});
export type ListArticle = Static<typeof ListArticle>;

const rank = Type.Integer();
const previousRank = Nullable(Type.Integer(), { description: 'the rank in the list published before; null if new' });
const generatedAt = Nullable(IsoTime(), { description: 'null for a list never published' });

export const RankingList = Type.Object({
  window: RankingWindow,
  category: Nullable(Type.String()),
  generatedAt,
  items: Type.Array(
    Type.Object({
      rank,
      previousRank,
      views: Type.Integer(),
      visitors: Type.Integer({ description: 'distinct visitors in the window (HyperLogLog, within 2%)' }),
      article: ListArticle,
    }),
  ),
});
export type RankingList = Static<typeof RankingList>;

export const PopularList = Type.Object({
  category: Nullable(Type.String()),
  halfLife: Type.String({ examples: ['6h'] }),
  generatedAt,
  items: Type.Array(Type.Object({ rank, previousRank, score: Type.Number(), article: ListArticle })),
});
export type PopularList = Static<typeof PopularList>;

export const TrendingList = Type.Object({
  category: Nullable(Type.String()),
  generatedAt,
  items: Type.Array(
    Type.Object({
      rank,
      previousRank,
      score: Type.Number({ description: '(views − baseline) / sqrt(baseline + 1), rounded to 3 decimals' }),
      views: Type.Integer({ description: 'views in the last hour' }),
      baseline: Type.Number({ description: 'views per hour in the 24 hours before, rounded to 3 decimals' }),
      article: ListArticle,
    }),
  ),
});
export type TrendingList = Static<typeof TrendingList>;
