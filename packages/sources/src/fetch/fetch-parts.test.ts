import { describe, expect, it } from 'vitest';
import { SourceUrlError } from '../guard/source-url-error.ts';
import { challengeOf } from './challenge.ts';
import { parseLinkHeader, parseMaxAge, parseRetryAfter } from './http-headers.ts';
import { looksLikeFeed } from './looks-like-feed.ts';
import { describeNetworkError, FetchTimeout } from './network-error.ts';
import { formatBytes, formatDuration } from './wording.ts';

describe('parseMaxAge', () => {
  it.each([
    [undefined, null],
    ['max-age=600', 600],
    ['public, max-age=600, must-revalidate', 600],
    ['MAX-AGE="120"', 120],
    ['max-age=0', 0],
    ['s-maxage=900', null],
    ['max-age=600, no-cache', null],
    ['no-store, max-age=600', null],
    ['max-age=-5', null],
    ['max-age=ten', null],
    ['max-age=99999999999', 365 * 24 * 3600],
  ])('%s → %s', (header, expected) => {
    expect(parseMaxAge(header)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-13T12:00:00Z');
  it.each([
    [undefined, null],
    ['120', 120],
    [' 0 ', 0],
    ['Mon, 13 Jan 2025 12:10:00 GMT', 600],
    ['Mon, 13 Jan 2025 11:00:00 GMT', 0],
    ['Monday, 13-Jan-25 12:01:00 GMT', 60],
    ['Mon Jan 13 12:00:30 2025', 30],
    ['-1', null],
    ['soon', null],
    ['2025-01-13T12:10:00Z', null],
    ['Mon, 31 Feb 2025 12:10:00 GMT'.repeat(3), null],
  ])('%s → %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('parseLinkHeader', () => {
  const base = 'https://news.example/feeds/main.xml';
  it.each([
    ['<https://hub.example/>; rel="hub"', { hub: ['https://hub.example/'], self: [] }],
    [
      '<https://hub.example/>; rel=hub, <https://news.example/feed>; rel=self',
      { hub: ['https://hub.example/'], self: ['https://news.example/feed'] },
    ],
    [
      '</feed>; rel="self alternate", <//hub.example/h>; rel="HUB"',
      { hub: ['https://hub.example/h'], self: ['https://news.example/feed'] },
    ],
    ['<https://a.example/,b>; title="x, y; z"; rel="hub"', { hub: ['https://a.example/,b'], self: [] }],
    ['<https://a.example/>; rel="hub", <https://a.example/>; rel="hub"', { hub: ['https://a.example/'], self: [] }],
    ['<javascript:alert(1)>; rel="hub", <ftp://x/>; rel=self', { hub: [], self: [] }],
    ['<https://a.example/>; rel="next"', { hub: [], self: [] }],
    ['garbage without brackets; rel=hub', { hub: [], self: [] }],
    ['<https://a.example/', { hub: [], self: [] }],
  ])('%s', (header, expected) => {
    expect(parseLinkHeader(header, base)).toEqual(expected);
  });

  it('reads every Link header line', () => {
    expect(parseLinkHeader(['<https://h.example/>; rel=hub', '<https://s.example/>; rel=self'], base)).toEqual({
      hub: ['https://h.example/'],
      self: ['https://s.example/'],
    });
  });
});

describe('challengeOf', () => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  it.each([
    [html, '<html><head><title>Just a moment...</title></head></html>', 'Cloudflare'],
    [html, '<html><title>Attention Required! | Cloudflare</title></html>', 'Cloudflare'],
    [{ 'cf-mitigated': 'challenge' }, '', 'Cloudflare'],
    [html, '<html><script src="https://geo.captcha-delivery.com/captcha/"></script></html>', 'DataDome'],
    [html, '<html><div id="px-captcha"></div></html>', 'PerimeterX'],
    [html, '<html><div class="h-captcha" data-sitekey="x"></div></html>', 'a captcha'],
    [{}, '<!DOCTYPE html><html><p>Checking your browser before accessing news.example.</p></html>', 'a browser check'],
    [html, '<html><h1>403 Forbidden</h1></html>', null],
    [{ 'content-type': 'application/rss+xml' }, '<rss><channel><title>captcha</title></channel></rss>', null],
  ])('%j %s → %s', (headers, body, expected) => {
    expect(challengeOf(headers, Buffer.from(body))).toBe(expected);
  });
});

describe('looksLikeFeed', () => {
  it.each([
    ['<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', null, true],
    ['\ufeff  <!-- generator --><?xml-stylesheet href="x.xsl"?><feed xmlns="http://www.w3.org/2005/Atom"/>', 'text/html', true],
    ['<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss/>', null, true],
    ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', null, true],
    ['<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>', null, true],
    ['{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}', 'application/json', true],
    ['{"title": "x", "items": []}', 'application/feed+json', true],
    ['{"title": "x", "items": []}', 'text/plain', false],
    ['<!DOCTYPE html><html><head><title>News</title></head></html>', 'application/rss+xml', false],
    ['<html><body>Log in</body></html>', null, false],
    ['Just text', null, false],
    ['   ', null, false],
    ['', null, false],
  ])('%s (%s) → %s', (body, contentType, expected) => {
    expect(looksLikeFeed(Buffer.from(body), contentType)).toBe(expected);
  });

  it('reads UTF-16 with a byte-order mark', () => {
    expect(looksLikeFeed(Buffer.from('\ufeff<rss version="2.0"/>', 'utf16le'), null)).toBe(true);
    expect(looksLikeFeed(Buffer.from('\ufeff<rss version="2.0"/>', 'utf16le').swap16(), null)).toBe(true);
  });
});

describe('describeNetworkError', () => {
  const code = (c: string, extra: object = {}) => Object.assign(new Error(`${c} happened`), { code: c, ...extra });
  it.each([
    [new FetchTimeout('connect', 10_000), 'request', 'timeout', 'timed out after 10 s connecting to news.example'],
    [new FetchTimeout('total', 30_000), 'request', 'timeout', 'timed out after 30 s waiting for news.example'],
    [new FetchTimeout('total', 2500), 'body', 'timeout', 'timed out after 2.5 s reading the answer from news.example'],
    [code('ENOTFOUND', { syscall: 'getaddrinfo' }), 'request', 'dns', 'news.example was not found in DNS'],
    [
      code('EAI_AGAIN', { syscall: 'getaddrinfo' }),
      'request',
      'dns',
      'the DNS lookup of news.example failed for now (EAI_AGAIN); it is retried',
    ],
    [code('ESERVFAIL'), 'request', 'dns', 'the DNS lookup of news.example failed (ESERVFAIL)'],
    [
      Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
      'request',
      'tls',
      'the TLS connection to news.example failed: certificate has expired (CERT_HAS_EXPIRED)',
    ],
    [
      Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      'request',
      'tls',
      "the TLS connection to news.example failed: Hostname/IP does not match certificate's altnames (ERR_TLS_CERT_ALTNAME_INVALID)",
    ],
    [
      code('DEPTH_ZERO_SELF_SIGNED_CERT'),
      'request',
      'tls',
      'the TLS connection to news.example failed: DEPTH_ZERO_SELF_SIGNED_CERT happened',
    ],
    [code('ECONNREFUSED'), 'request', 'connection', 'news.example refused the connection'],
    [code('ECONNRESET'), 'request', 'connection', 'news.example closed the connection before answering'],
    [code('ECONNRESET'), 'body', 'connection', 'news.example closed the connection in the middle of the answer'],
    [code('EHOSTUNREACH'), 'request', 'connection', 'news.example cannot be reached (EHOSTUNREACH)'],
    [code('ETIMEDOUT'), 'request', 'timeout', 'timed out connecting to news.example'],
    [code('HPE_INVALID_CONSTANT'), 'request', 'http-error', 'news.example sent a malformed HTTP answer (HPE_INVALID_CONSTANT)'],
    [
      new SourceUrlError('refused-address', 'news.example (10.0.0.1) is a private address'),
      'request',
      'refused-address',
      'news.example (10.0.0.1) is a private address',
    ],
    [new Error('something odd'), 'request', 'connection', 'fetching from news.example failed: something odd'],
  ] as const)('%s', (error, phase, reason, message) => {
    expect(describeNetworkError(error, 'news.example', phase)).toEqual({ reason, message });
  });
});

describe('wording', () => {
  it.each([
    [250, '250 ms'],
    [1000, '1 s'],
    [10_000, '10 s'],
    [2500, '2.5 s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
  it.each([
    [512, '512 bytes'],
    [2048, '2 KiB'],
    [5 * 1024 * 1024, '5 MiB'],
    [10 * 1024 * 1024 + 1, '10 MiB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
