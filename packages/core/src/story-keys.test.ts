import { describe, expect, it } from 'vitest';
import { storyKeys } from './story-keys.ts';

const story = { guid: null, url: null, title: 'Title', publishedAt: null };

describe('storyKeys', () => {
  it('a guid and a link give one key each, the link in canonical form', () => {
    expect(storyKeys('s', { ...story, guid: 'tag:x,2025:1', url: 'https://EX.com/a?utm_source=rss#top' })).toEqual([
      'guid:tag:x,2025:1',
      'url:https://ex.com/a',
    ]);
  });

  it('a permalink guid is also known by its URL', () => {
    expect(storyKeys('s', { ...story, guid: 'https://ex.com/a' })).toEqual(['guid:https://ex.com/a', 'url:https://ex.com/a']);
  });

  it('a guid equal to the link adds its URL once', () => {
    expect(storyKeys('s', { ...story, guid: 'https://ex.com/a', url: 'https://ex.com/a#x' })).toHaveLength(2);
  });

  it('a guid identical to the link gives the same keys as a guid and link apart would', () => {
    const raw = 'https://Ex.com/b?utm_source=x&id=1#top';
    expect(storyKeys('s', { ...story, guid: raw, url: raw })).toEqual([
      'guid:https://Ex.com/b?utm_source=x&id=1#top',
      'url:https://ex.com/b?id=1',
    ]);
    expect(storyKeys('s', { ...story, guid: ` ${raw} `, url: raw })).toEqual(storyKeys('s', { ...story, guid: raw, url: raw }));
  });

  it('a story with neither guid nor URL is known by source, title and time', () => {
    const a = storyKeys('paper', { ...story, publishedAt: '2025-01-13T09:42:00Z' });
    expect(a).toHaveLength(1);
    expect(a).not.toEqual(storyKeys('other-paper', { ...story, publishedAt: '2025-01-13T09:42:00Z' }));
    expect(a).not.toEqual(storyKeys('paper', { ...story, publishedAt: '2025-01-14T09:42:00Z' }));
  });
});
