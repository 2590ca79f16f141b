import { describe, expect, it } from 'vitest';
import { parseDocument, type ParseResult } from './index.ts';

const parse = (text: string, baseUrl?: string): ParseResult =>
  parseDocument(Buffer.from(text), { now: new Date('2025-01-14T00:00:00Z'), baseUrl });

const item = '<item><title>One</title><link>https://news.example/1</link><pubDate>Mon, 13 Jan 2025 09:00:00 GMT</pubDate></item>';

describe('what a feed says about its cadence and where it lives', () => {
  it('reads RSS 2.0 ttl, sy:updatePeriod, skipHours, skipDays and atom:link hubs', () => {
    const result = parse(`<?xml version="1.0"?>
      <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
      <channel><title>News</title><link>https://news.example/</link>
        <ttl>30</ttl><sy:updatePeriod> Hourly </sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>
        <skipHours><hour>3</hour><hour>1</hour><hour>24</hour><hour>1</hour><hour>25</hour><hour>x</hour></skipHours>
        <skipDays><day>Saturday</day><day>sunday</day><day>Caturday</day></skipDays>
        <atom:link rel="hub" href="https://pubsubhubbub.appspot.com/"/>
        <atom:link rel="hub" href="https://websub.example/hub"/>
        <atom:link rel="self" type="application/rss+xml" href="https://news.example/feed.xml"/>
        ${item}
      </channel></rss>`);
    expect(result.cadence).toEqual({ ttlMinutes: 30, updatePeriod: 'hourly', updateFrequency: 2, skipHours: [0, 1, 3], skipDays: [0, 6] });
    expect(result.links).toEqual({
      siteUrl: 'https://news.example/',
      hubs: ['https://pubsubhubbub.appspot.com/', 'https://websub.example/hub'],
      self: 'https://news.example/feed.xml',
    });
    // The feed object the command line prints is unchanged.
    expect(result.feed).toEqual({ title: 'News', url: 'https://news.example/', language: null });
  });

  it('reads the syndication module whatever prefix it is bound to, and relative links against the document URL', () => {
    const result = parse(
      `<rss version="2.0" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/" xmlns:a10="http://www.w3.org/2005/Atom">
      <channel><title>News</title><link>https://news.example/</link>
        <syn:updatePeriod>daily</syn:updatePeriod><a10:link rel="self" href="/rss"/><a10:link rel="hub" href="hub"/>${item}
      </channel></rss>`,
      'https://feeds.example/path/feed',
    );
    expect(result.cadence).toMatchObject({ updatePeriod: 'daily', updateFrequency: null });
    expect(result.links).toEqual({
      siteUrl: 'https://news.example/',
      hubs: ['https://feeds.example/path/hub'],
      self: 'https://feeds.example/rss',
    });
  });

  it('ignores values that mean nothing', () => {
    const result = parse(`<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>N</title>
      <ttl>soon</ttl><sy:updatePeriod>fortnightly</sy:updatePeriod><sy:updateFrequency>0</sy:updateFrequency>
      <skipHours><hour>-1</hour></skipHours><skipDays><day></day></skipDays>
      <atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="javascript:alert(1)"/>${item}</channel></rss>`);
    expect(result.cadence).toEqual({ ttlMinutes: null, updatePeriod: null, updateFrequency: null, skipHours: [], skipDays: [] });
    expect(result.links).toEqual({ siteUrl: null, hubs: [], self: null });
  });

  it('reads sy:updatePeriod in an RSS 1.0 channel', () => {
    const result = parse(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:atom="http://www.w3.org/2005/Atom">
      <channel rdf:about="https://news.example/"><title>N</title><link>https://news.example/</link>
        <sy:updatePeriod>weekly</sy:updatePeriod><sy:updateFrequency>3</sy:updateFrequency>
        <atom:link rel="hub" href="https://hub.example/"/></channel>
      <item rdf:about="https://news.example/1"><title>One</title><link>https://news.example/1</link></item>
    </rdf:RDF>`);
    expect(result.format).toBe('rdf');
    expect(result.cadence).toMatchObject({ updatePeriod: 'weekly', updateFrequency: 3 });
    expect(result.links).toEqual({ siteUrl: 'https://news.example/', hubs: ['https://hub.example/'], self: null });
  });

  it('reads Atom hub, self and alternate links, resolved against xml:base', () => {
    const result = parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/">
      <title>Blog</title><link href="/"/><link rel="self" href="atom.xml"/><link rel="hub" href="https://hub.example/"/>
      <link rel="alternate" type="text/html" href="/ignored-second"/>
      <entry><id>1</id><title>One</title><updated>2025-01-13T09:00:00Z</updated></entry></feed>`);
    expect(result.links).toEqual({
      siteUrl: 'https://blog.example/',
      hubs: ['https://hub.example/'],
      self: 'https://blog.example/atom.xml',
    });
    expect(result.cadence).toEqual({ ttlMinutes: null, updatePeriod: null, updateFrequency: null, skipHours: [], skipDays: [] });
  });

  it('reads JSON Feed home_page_url, feed_url and WebSub hubs only', () => {
    const result = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        home_page_url: 'https://j.example/',
        feed_url: 'https://j.example/feed.json',
        hubs: [
          { type: 'rssCloud', url: 'https://cloud.example/' },
          { type: 'WebSub', url: 'https://hub.example/' },
          { url: 'https://untyped.example/' },
          'junk',
        ],
        items: [{ id: '1', title: 'One', date_published: '2025-01-13T09:00:00Z' }],
      }),
    );
    expect(result.links).toEqual({
      siteUrl: 'https://j.example/',
      hubs: ['https://hub.example/', 'https://untyped.example/'],
      self: 'https://j.example/feed.json',
    });
  });

  it('is empty for documents that are not feeds', () => {
    const empty = {
      cadence: { ttlMinutes: null, updatePeriod: null, updateFrequency: null, skipHours: [], skipDays: [] },
      links: { siteUrl: null, hubs: [], self: null },
    };
    expect(
      parse('<html><head><title>Story</title></head><body><article><h1>Story</h1><p>Text of the story.</p></article></body></html>'),
    ).toMatchObject(empty);
    expect(parse(JSON.stringify({ articles: [{ title: 'x', url: 'https://x.example/1' }] }))).toMatchObject(empty);
  });
});
