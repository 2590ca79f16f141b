import { describe, expect, it } from 'vitest';
import { eventsOf, parseEvent } from './parse-events.ts';

const NOW = Date.parse('2025-01-13T09:00:00Z');
const DEDUP_RETENTION_MS = 30 * 86_400_000;
const ID = '3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab';
const parse = (event: unknown) => parseEvent(event, 0, NOW, DEDUP_RETENTION_MS);

describe('eventsOf', () => {
  it.each([
    ['no body', undefined],
    ['an array', [{ type: 'view' }]],
    ['no events', {}],
    ['an empty batch', { events: [] }],
    ['events that are not a list', { events: { type: 'view' } }],
  ])('%s is an invalid body', (_name, body) => {
    expect(eventsOf(body)).toMatchObject({ problem: 'invalid_body' });
  });

  it('more than 1000 events is refused, naming the limit', () => {
    expect(eventsOf({ events: Array.from({ length: 1001 }, () => ({})) })).toMatchObject({
      problem: 'too_many_events',
      message: expect.stringMatching(/at most 1000/),
    });
    expect(eventsOf({ events: Array.from({ length: 1000 }, () => ({})) })).toEqual({ events: expect.any(Array) });
    expect((eventsOf({ events: [{}, {}] }) as { events: unknown[] }).events).toHaveLength(2);
  });
});

describe('parseEvent', () => {
  it('a view by id without time or eventId happens now and gets an eventId', () => {
    const event = parse({ type: 'view', articleId: ID.toUpperCase() });
    expect(event).toMatchObject({ article: { kind: 'id', ref: ID }, occurredAt: NOW });
    expect('eventId' in event && event.eventId.length).toBeGreaterThan(0);
  });

  it('a view by URL is looked up by its canonical identity key', () => {
    expect(parse({ type: 'view', url: 'https://News.example/a?utm_source=x#top', eventId: 'e1' })).toMatchObject({
      article: { kind: 'key', ref: 'url:https://news.example/a' },
      eventId: 'e1',
    });
  });

  it('an engaged event keeps its seconds; referrer, visitorId and pageUrl are kept as given', () => {
    expect(
      parse({
        type: 'engaged',
        articleId: ID,
        seconds: 15,
        referrer: 'https://t.co/x',
        visitorId: 'v1',
        pageUrl: 'https://n.test/a?utm_source=x',
      }),
    ).toMatchObject({
      kind: 'engaged',
      seconds: 15,
      referrer: 'https://t.co/x',
      visitorId: 'v1',
      pageUrl: 'https://n.test/a?utm_source=x',
    });
  });

  it('a view by URL takes its campaign from that URL when no pageUrl is given', () => {
    expect(parse({ type: 'view', url: 'https://n.test/a?utm_medium=email' })).toMatchObject({
      kind: 'view',
      pageUrl: 'https://n.test/a?utm_medium=email',
    });
  });

  it('an empty referrer is no referrer', () => {
    expect(parse({ type: 'view', articleId: ID, referrer: '' })).not.toHaveProperty('referrer');
  });

  it('an explicit time with an offset is read as that instant', () => {
    expect(parse({ type: 'view', articleId: ID, occurredAt: '2025-01-13T17:30:00+09:00' })).toMatchObject({
      occurredAt: Date.parse('2025-01-13T08:30:00Z'),
    });
  });

  it.each([
    ['not an object', 'view', 'event must be an object'],
    ['another type', { type: 'click', articleId: ID }, 'type must be "view" or "engaged"'],
    ['no article', { type: 'view' }, 'articleId or url is required'],
    ['a malformed id', { type: 'view', articleId: '42' }, 'articleId must be a uuid'],
    ['a relative URL', { type: 'view', url: '/a' }, 'url must be an absolute http(s) URL'],
    ['an unreadable time', { type: 'view', articleId: ID, occurredAt: 'yesterday' }, 'occurredAt must be an ISO-8601 time with a zone'],
    [
      'a time without zone',
      { type: 'view', articleId: ID, occurredAt: '2025-01-13T08:00:00' },
      'occurredAt must be an ISO-8601 time with a zone',
    ],
    ['31 February', { type: 'view', articleId: ID, occurredAt: '2025-02-31T08:00:00Z' }, 'occurredAt must be an ISO-8601 time with a zone'],
    [
      'a time two minutes ahead',
      { type: 'view', articleId: ID, occurredAt: '2025-01-13T09:02:00Z' },
      'occurredAt is more than a minute in the future',
    ],
    [
      'a time 31 days ago',
      { type: 'view', articleId: ID, occurredAt: '2024-12-13T08:00:00Z' },
      'occurredAt is older than the longest ranking window',
    ],
    ['an empty eventId', { type: 'view', articleId: ID, eventId: '' }, 'eventId must be a string of 1 to 128 characters'],
    ['a long eventId', { type: 'view', articleId: ID, eventId: 'x'.repeat(129) }, 'eventId must be a string of 1 to 128 characters'],
    ['a numeric visitorId', { type: 'view', articleId: ID, visitorId: 7 }, 'visitorId must be a string of at most 256 characters'],
    ['engaged without seconds', { type: 'engaged', articleId: ID }, 'an engaged event needs seconds: a number above 0 and at most 3600'],
    [
      'engaged for 0 s',
      { type: 'engaged', articleId: ID, seconds: 0 },
      'an engaged event needs seconds: a number above 0 and at most 3600',
    ],
    [
      'engaged for two hours',
      { type: 'engaged', articleId: ID, seconds: 7200 },
      'an engaged event needs seconds: a number above 0 and at most 3600',
    ],
    [
      'engaged seconds as text',
      { type: 'engaged', articleId: ID, seconds: '15' },
      'an engaged event needs seconds: a number above 0 and at most 3600',
    ],
    ['a numeric referrer', { type: 'view', articleId: ID, referrer: 5 }, 'referrer must be a string of at most 2048 characters'],
    ['a long pageUrl', { type: 'view', articleId: ID, pageUrl: 'x'.repeat(5000) }, 'pageUrl must be a string of at most 4096 characters'],
  ])('%s is rejected: %s', (_name, event, reason) => {
    expect(parse(event)).toEqual({ index: 0, reason });
  });

  it('a time older than a shorter dedup horizon is refused, saying why, so it cannot count twice', () => {
    const event = { type: 'view', articleId: ID, occurredAt: '2025-01-10T09:00:00Z' };
    expect(parseEvent(event, 3, NOW, 2 * 86_400_000)).toEqual({
      index: 3,
      reason:
        'occurredAt is more than 2d ago, past the dedup horizon: a copy of an event that old could no longer be told apart from a retry, so it is not counted',
    });
  });
});
