import { describe, expect, it } from 'vitest';
import { parseDocument } from '../index.ts';

describe('RSS 1.0 (RDF)', () => {
  it('reads items beside the channel, rdf:about as guid and Dublin Core fields', () => {
    const xml = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://news.example/rss"><title>RDF feed</title><link>https://news.example/</link><dc:language>ja</dc:language></channel>
        <item rdf:about="https://news.example/1"><title>First</title><link>https://news.example/1</link>
          <description>Desc</description><dc:creator>Writer</dc:creator><dc:subject>Politics</dc:subject><dc:date>2025-01-13T18:42:00+09:00</dc:date></item>
      </rdf:RDF>`;
    const result = parseDocument(Buffer.from(xml));
    expect(result.format).toBe('rdf');
    expect(result.feed).toEqual({ title: 'RDF feed', url: 'https://news.example/', language: 'ja' });
    expect(result.articles[0]).toMatchObject({
      guid: 'https://news.example/1',
      title: 'First',
      summary: 'Desc',
      author: 'Writer',
      category: 'Politics',
      language: 'ja',
      publishedAt: '2025-01-13T09:42:00Z',
      updatedAt: '2025-01-13T09:42:00Z',
    });
  });

  it('reads RSS 0.90', () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
      <channel><title>Old</title><link>http://old.example/</link></channel>
      <item><title>One</title><link>http://old.example/1</link></item><item><title>Two</title><link>http://old.example/2</link></item></rdf:RDF>`;
    const result = parseDocument(Buffer.from(xml));
    expect(result.articles.map((a) => [a.title, a.url])).toEqual([
      ['One', 'http://old.example/1'],
      ['Two', 'http://old.example/2'],
    ]);
  });
});
