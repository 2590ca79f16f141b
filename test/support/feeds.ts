/** One story as the test writes it into every feed format. */
export interface TestStory {
  n: number;
  title: string;
  url: string;
  published: Date;
  category: string;
}

export function testStories(count: number, site = 'https://news.example'): TestStory[] {
  const categories = ['Politics', 'Economy', 'World', 'Sports', 'Culture'];
  return Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    title: `Story number ${i + 1}`,
    url: `${site}/articles/${i + 1}`,
    published: new Date(Date.UTC(2025, 0, 13, 9, 0) + i * 60_000),
    category: categories[i % categories.length] ?? 'World',
  }));
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssFeed(stories: TestStory[], options: { utm?: boolean } = {}): string {
  const items = stories
    .map(
      (s) => `<item><title>${xml(s.title)}</title><link>${xml(s.url)}${options.utm ? '?utm_source=rss&amp;utm_medium=feed' : ''}</link>
<guid isPermaLink="true">${xml(s.url)}</guid><pubDate>${s.published.toUTCString()}</pubDate>
<category>${xml(s.category)}</category><description>Summary of ${xml(s.title)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News Example</title><link>https://news.example/</link><description>d</description>
<language>en</language>${items}</channel></rss>`;
}

export function atomFeed(stories: TestStory[]): string {
  const entries = stories
    .map(
      (s) => `<entry><id>tag:news.example,2025:${s.n}</id><title>${xml(s.title)}</title>
<link rel="alternate" href="${xml(s.url.replace('https://news.example', 'https://NEWS.example'))}#comments"/>
<published>${s.published.toISOString()}</published><updated>${s.published.toISOString()}</updated>
<category term="${xml(s.category)}"/><summary>Summary of ${xml(s.title)}</summary></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News Example</title><id>urn:news</id><updated>2025-01-13T09:00:00Z</updated>
<link rel="alternate" href="https://news.example/"/>${entries}</feed>`;
}

export function jsonFeed(stories: TestStory[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'News Example',
    home_page_url: 'https://news.example/',
    items: stories.map((s) => ({
      id: `json-${s.n}`,
      url: `${s.url}?fbclid=abc`,
      title: s.title,
      summary: `Summary of ${s.title}`,
      content_text: `Body of ${s.title}`,
      date_published: s.published.toISOString(),
      tags: [s.category],
    })),
  });
}
