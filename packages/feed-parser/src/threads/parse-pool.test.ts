import { afterAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../types.ts';
import { rssFeed, testStories } from '../../../../test/support/feeds.ts';
import { checkOf } from '../document-check.ts';
import { ParsePool, checkInline, parseInline } from './parse-pool.ts';

const pool = new ParsePool(1);
afterAll(() => pool.close());

describe('ParsePool', () => {
  it('a large feed parsed on a thread reads exactly as parsed inline', async () => {
    const body = Buffer.from(rssFeed(testStories(2_000, 'https://pool.example')));
    expect(body.length).toBeGreaterThan(256 * 1024);
    const threaded = await pool.parse(body, 'application/rss+xml');
    expect(threaded.articles).toHaveLength(2_000);
    expect(threaded).toEqual(await parseInline(body, 'application/rss+xml'));
  });

  it('a check made on a thread answers what the whole result says, and nothing more', async () => {
    const body = Buffer.from(rssFeed(testStories(2_000, 'https://pool.example')));
    const check = await pool.check(body, 'application/rss+xml');
    expect(check).toEqual(checkOf(await parseInline(body, 'application/rss+xml')));
    expect(check).toEqual({ format: 'rss', feedUrl: expect.anything(), items: 2_000, breakage: null });
    expect(check).toEqual(await checkInline(body, 'application/rss+xml'));
  });

  it('a large document broken past recovery is checked as broken on a thread too', async () => {
    const body = Buffer.from(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><description>${'a'.repeat(300 * 1024)}<</description></channel></rss>`,
    );
    const check = await pool.check(body, 'application/rss+xml');
    expect(check.breakage).toMatch(/^not well-formed/);
    expect(check).toEqual(await checkInline(body, 'application/rss+xml'));
  });

  it('an unreadable large document fails with the same DocumentError as inline', async () => {
    const body = Buffer.alloc(300 * 1024, 0x01);
    const inline = await parseInline(body, undefined).catch((error: unknown) => error);
    const threaded = await pool.parse(body, undefined).catch((error: unknown) => error);
    expect(inline).toBeInstanceOf(DocumentError);
    expect(threaded).toBeInstanceOf(DocumentError);
    expect({ code: (threaded as DocumentError).code, message: (threaded as DocumentError).message }).toEqual({
      code: (inline as DocumentError).code,
      message: (inline as DocumentError).message,
    });
  });
});
