import { canonicalUrl } from './canonical-url.ts';
import type { StoryInput } from './story.ts';

/**
 * Every identity one story is known by. The same guid or the same canonical URL, from any
 * feed and any source, is the same story; a guid that is itself a URL counts as a URL too
 * (RSS permalinks). A story with neither is known by source, title and publication time.
 */
export function storyKeys(source: string, story: Pick<StoryInput, 'guid' | 'url' | 'title' | 'publishedAt'>): string[] {
  const keys = new Set<string>();
  const guid = story.guid?.trim();
  if (guid) keys.add(`guid:${guid}`);
  const fromUrl = canonicalUrl(story.url);
  if (fromUrl) keys.add(`url:${fromUrl}`);
  // Most feeds give the permalink as the guid too: its canonical form is already known.
  const fromGuid = guid === story.url ? fromUrl : canonicalUrl(guid);
  if (fromGuid) keys.add(`url:${fromGuid}`);
  if (keys.size === 0) keys.add(`story:${source}\n${story.title.trim()}\n${story.publishedAt ?? ''}`);
  return [...keys];
}
