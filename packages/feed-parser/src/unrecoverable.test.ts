import { describe, expect, it } from 'vitest';
import { parseDocument } from './index.ts';
import { unrecoverableBreakage } from './unrecoverable.ts';

const breakageOf = (xml: string) => unrecoverableBreakage(parseDocument(Buffer.from(xml)));

describe('unrecoverableBreakage', () => {
  it('names the breakage of a broken document nothing could be recovered from', () => {
    expect(breakageOf('<rss version="2.0"><chan')).toMatch(/^not well-formed: /);
  });

  it('is null when an item was recovered, even a rejected one, or when the markup is whole', () => {
    expect(breakageOf('<rss version="2.0"><channel><item><title>a</title><guid>1</guid></item><item><title>b</ti')).toBeNull();
    expect(breakageOf('<rss version="2.0"><channel><title>x</title><item><title>a</ti')).toBeNull();
    expect(breakageOf('<rss version="2.0"><channel><title>x</title></channel></rss>')).toBeNull();
  });
});
