import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Literals, Nullable } from './fields.ts';

/** A source's slug, as subscriptions and `?source=` on ingest name it. */
export const SourceSlug = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });

const time = Nullable(IsoTime());
const fromFeed = Nullable(Type.String(), { description: 'from the feed' });

/** A feed newsrank fetches itself, with its health. */
export const Source = Type.Object({
  slug: Type.String({ description: 'its articles are filed under it' }),
  url: Type.String({ format: 'uri', description: 'the feed; follows permanent redirects' }),
  title: fromFeed,
  siteUrl: fromFeed,
  category: Nullable(Type.String(), { description: 'for items that name none' }),
  paused: Type.Boolean(),
  status: Literals(['pending', 'ok', 'failing', 'disabled']),
  interval: Type.Integer({ description: 'seconds between fetches now in use' }),
  lastFetchedAt: time,
  lastSuccessAt: time,
  nextFetchAt: Nullable(IsoTime(), { description: 'null while paused' }),
  lastHttpStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String(), { description: 'what went wrong, in words' }),
  consecutiveFailures: Type.Integer(),
  articles: Type.Integer({ description: 'articles filed under the slug' }),
  websub: Nullable(
    Type.Object({
      hub: Type.String(),
      expiresAt: time,
      state: Literals(['requested', 'active', 'denied', 'failed', 'unavailable']),
      note: Nullable(Type.String()),
    }),
  ),
});
export type Source = Static<typeof Source>;

export const SourceList = Type.Object({ items: Type.Array(Source) });
export type SourceList = Static<typeof SourceList>;

const interval = Type.Union([Type.Integer(), Type.String(), Type.Null()], {
  description: 'seconds, or a duration such as "15m", within POLL_MIN_INTERVAL..POLL_MAX_INTERVAL; null follows the feed',
});

export const SubscribeRequest = Type.Object({
  url: Type.String({ format: 'uri' }),
  slug: Type.Optional(SourceSlug),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  interval: Type.Optional(interval),
});
export type SubscribeRequest = Static<typeof SubscribeRequest>;

export const SourcePatch = Type.Object({
  paused: Type.Optional(Type.Boolean()),
  interval: Type.Optional(interval),
  category: Type.Optional(Nullable(Type.String())),
});
export type SourcePatch = Static<typeof SourcePatch>;

export const OpmlImport = Type.Object({
  added: Type.Integer({ description: 'sources subscribed now' }),
  existing: Type.Integer({ description: 'outlines whose URL was subscribed already' }),
  rejected: Type.Array(Type.Object({ url: Type.String(), reason: Type.String() })),
  warnings: Type.Array(Type.String()),
});
export type OpmlImport = Static<typeof OpmlImport>;

/** A fetch queued by hand; statusUrl is the source, whose health tells how it went. */
export const RefreshAccepted = Type.Object({ jobId: Type.String(), statusUrl: Type.String() });
export type RefreshAccepted = Static<typeof RefreshAccepted>;
