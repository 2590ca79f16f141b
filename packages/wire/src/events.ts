import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Rejection, Uuid } from './fields.ts';

/** One page view, or a stretch of engaged reading, that a reader's browser reports. */
export const AccessEvent = Type.Object(
  {
    type: Type.Union([Type.Literal('view'), Type.Literal('engaged')], {
      description: 'engaged: seconds the page was visible and the reader active since the last beacon; never counts as a view',
    }),
    seconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, description: 'required for engaged events' })),
    referrer: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: "the page's document.referrer; only its host and class (direct, internal, search, social, other) are kept",
      }),
    ),
    pageUrl: Type.Optional(
      Type.String({
        maxLength: 4096,
        description: "the page's own URL; only its utm_source, utm_medium and utm_campaign are kept (defaults to url)",
      }),
    ),
    articleId: Type.Optional(Uuid),
    url: Type.Optional(Type.String({ format: 'uri' })),
    occurredAt: Type.Optional(
      IsoTime({
        description:
          'with a zone; defaults to the time of receipt; at most a minute ahead, no older than the dedup horizon (EVENT_DEDUP_RETENTION) nor the longest window',
      }),
    ),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'an eventId seen before is not counted again' })),
    visitorId: Type.Optional(
      Type.String({
        maxLength: 256,
        description:
          'the page’s own id of its reader (hashed before it is kept); without it a visitor is a hash of a daily salt, the address and the User-Agent',
      }),
    ),
  },
  { description: 'names its article by articleId or by url' },
);
export type AccessEvent = Static<typeof AccessEvent>;

export const EventsRequest = Type.Object({ events: Type.Array(AccessEvent, { minItems: 1, maxItems: 1000 }) });
export type EventsRequest = Static<typeof EventsRequest>;

export const EventsVerdict = Type.Object({
  accepted: Type.Integer({ minimum: 0 }),
  filtered: Type.Integer({ minimum: 0, description: 'events of a request whose User-Agent is a known bot' }),
  rejected: Type.Array(Rejection),
});
export type EventsVerdict = Static<typeof EventsVerdict>;
