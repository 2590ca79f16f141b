import { describe, expect, it } from 'vitest';
import { eventKey } from './event-key.ts';

describe('eventKey', () => {
  it('the same eventId always gives the same uuid-shaped key', () => {
    expect(eventKey('e-1')).toBe(eventKey('e-1'));
    expect(eventKey('e-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it.each([
    ['e-1', 'e-2'],
    ['abc', 'ABC'],
    ['', ' '],
    ['x'.repeat(128), `${'x'.repeat(127)}y`],
  ])('%j and %j get different keys', (a, b) => {
    expect(eventKey(a)).not.toBe(eventKey(b));
  });
});
