import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Rejection, Uuid } from './fields.ts';

/** One page view a reader's browser reports. */
export const AccessEvent = Type.Object(
  {
    type: Type.Literal('view'),
    articleId: Type.Optional(Uuid),
    url: Type.Optional(Type.String({ format: 'uri' })),
    occurredAt: Type.Optional(
      IsoTime({ description: 'with a zone; defaults to now; at most a minute ahead, no older than the longest window' }),
    ),
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'an eventId seen before is not counted again' })),
    visitorId: Type.Optional(Type.String({ maxLength: 256 })),
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
