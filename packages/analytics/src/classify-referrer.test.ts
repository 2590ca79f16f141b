import { describe, expect, it } from 'vitest';
import { classifyReferrer } from './classify-referrer.ts';

const own = ['https://www.example.co.jp/politics/2'];

describe('classifyReferrer', () => {
  it.each([
    [undefined, 'direct', ''],
    ['', 'direct', ''],
    ['not a url', 'direct', ''],
    ['android-app://com.google.android.gm/', 'direct', ''],
    ['https://www.example.co.jp/politics/1', 'internal', 'www.example.co.jp'],
    ['https://news.example.co.jp/', 'internal', 'news.example.co.jp'],
    ['https://www.google.com/search?q=secret', 'search', 'www.google.com'],
    ['https://www.google.co.jp/', 'search', 'www.google.co.jp'],
    ['https://search.yahoo.co.jp/search?p=x', 'search', 'search.yahoo.co.jp'],
    ['https://duckduckgo.com/', 'search', 'duckduckgo.com'],
    ['https://t.co/abc', 'social', 't.co'],
    ['https://l.facebook.com/l.php?u=x', 'social', 'l.facebook.com'],
    ['https://old.reddit.com/r/news', 'social', 'old.reddit.com'],
    ['https://b.hatena.ne.jp/entry/s/x', 'social', 'b.hatena.ne.jp'],
    ['https://news.ycombinator.com/item?id=1', 'social', 'news.ycombinator.com'],
    ['https://blog.someone.net/post?utm=1', 'other', 'blog.someone.net'],
    ['https://news.yahoo.co.jp/articles/1', 'other', 'news.yahoo.co.jp'],
  ])('%s is %s (%s)', (referrer, kind, host) => {
    expect(classifyReferrer(referrer, own)).toEqual({ class: kind, host });
  });

  it('keeps neither path nor query of the referrer', () => {
    expect(JSON.stringify(classifyReferrer('https://blog.someone.net/private/page?token=abc', own))).not.toMatch(/token|private/);
  });

  it('a referrer of the reporting page’s own site is internal even when the article lives elsewhere', () => {
    expect(classifyReferrer('https://mirror.example.org/a', [null, 'https://www.example.org/story']).class).toBe('internal');
  });
});
