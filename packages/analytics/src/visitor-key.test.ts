import { describe, expect, it } from 'vitest';
import { visitorKey } from './visitor-key.ts';

const reader = { salt: 's1', clientAddress: '203.0.113.9', userAgent: 'Mozilla/5.0 Firefox/140' };

describe('visitorKey', () => {
  it('is 16 hex digits and stable for the same reader on the same day', () => {
    expect(visitorKey(reader)).toMatch(/^[0-9a-f]{16}$/);
    expect(visitorKey(reader)).toBe(visitorKey({ ...reader }));
  });
  it('changes with the salt, the address or the User-Agent', () => {
    const keys = new Set([
      visitorKey(reader),
      visitorKey({ ...reader, salt: 's2' }),
      visitorKey({ ...reader, clientAddress: '203.0.113.10' }),
      visitorKey({ ...reader, userAgent: 'Mozilla/5.0 Chrome/140' }),
    ]);
    expect(keys.size).toBe(4);
  });
  it('hashes a given visitorId, which never shows through', () => {
    const key = visitorKey({ visitorId: 'reader-42' });
    expect(key).toBe(visitorKey({ visitorId: 'reader-42' }));
    expect(key).not.toContain('reader');
    expect(key).not.toBe(visitorKey({ visitorId: 'reader-43' }));
  });
});
