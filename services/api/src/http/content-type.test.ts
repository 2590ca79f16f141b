import { describe, expect, it } from 'vitest';
import { isJsonType, isReadableFeedType } from './content-type.ts';

describe('which declared types a feed body may have', () => {
  it.each([
    undefined,
    'application/rss+xml',
    'application/xml; charset=Shift_JIS',
    'text/html',
    'text/plain',
    'application/feed+json',
    'application/octet-stream',
    'application/x-www-form-urlencoded',
  ])('%s is read (the body decides)', (type) => expect(isReadableFeedType(type)).toBe(true));

  it.each([
    'image/png',
    'video/mp4',
    'audio/mpeg',
    'application/pdf',
    'application/zip',
    'multipart/form-data; boundary=x',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ])('%s is refused', (type) => expect(isReadableFeedType(type)).toBe(false));
});

describe('which declared types native JSON may have', () => {
  it.each([undefined, 'application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain'])(
    '%s is read',
    (type) => expect(isJsonType(type)).toBe(true),
  );
  it.each(['application/xml', 'image/png', 'multipart/form-data'])('%s is refused', (type) => expect(isJsonType(type)).toBe(false));
});
