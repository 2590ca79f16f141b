import { describe, expect, it } from 'vitest';
import { accessLogLevel } from './request-context.ts';

describe('accessLogLevel', () => {
  it('logs successful beacons and list reads at debug: they are the traffic itself', () => {
    expect(accessLogLevel('/v1/events', 202)).toBe('debug');
    expect(accessLogLevel('/v1/hit', 204)).toBe('debug');
    expect(accessLogLevel('/v1/ranking', 200)).toBe('debug');
    expect(accessLogLevel('/v1/popular', 304)).toBe('debug');
  });

  it('logs everything else at info, and what those endpoints refuse too', () => {
    expect(accessLogLevel('/v1/feeds', 202)).toBe('info');
    expect(accessLogLevel('/v1/articles/3f1c', 200)).toBe('info');
    expect(accessLogLevel('/v1/ranking/stream', 200)).toBe('info');
    expect(accessLogLevel('/', 200)).toBe('info');
    expect(accessLogLevel('/v1/events', 400)).toBe('info');
    expect(accessLogLevel('/v1/ranking', 429)).toBe('info');
  });

  it('logs server errors at error wherever they happen', () => {
    expect(accessLogLevel('/v1/events', 503)).toBe('error');
    expect(accessLogLevel('/v1/feeds', 500)).toBe('error');
  });
});
