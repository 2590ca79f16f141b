import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.ts';
import { isTrackingParam, withoutTrackingParams } from './tracking-params.ts';

describe('isTrackingParam', () => {
  it.each([
    'utm_source',
    'UTM_Medium',
    'utm_anything',
    'fbclid',
    'gclid',
    'mc_cid',
    'mc_eid',
    '_ga',
    'yclid',
    'msclkid',
    'igshid',
    'ref_src',
    'xtor',
    'pk_campaign',
    'mtm_source',
  ])('%s is a tracking parameter', (name) => expect(isTrackingParam(name)).toBe(true));

  it.each(['id', 'p', 'page', 'ref', 'story', 'pk_id', 'utm', 'source', 'gclid2'])('%s identifies content and stays', (name) => {
    expect(isTrackingParam(name)).toBe(false);
  });
});

describe('withoutTrackingParams', () => {
  it.each([
    ['https://News.example/a?utm_source=rss&id=7&fbclid=x', 'https://News.example/a?id=7'],
    ['https://news.example/a?utm_source=rss&utm_medium=feed', 'https://news.example/a'],
    ['https://news.example/a?gclid=1#section-2', 'https://news.example/a#section-2'],
    ['https://news.example/a?b=%41&a=1&_ga=2.1', 'https://news.example/a?b=%41&a=1'],
    ['https://news.example/a?utm%5Fsource=x&q=1', 'https://news.example/a?q=1'],
    ['https://news.example/a?mc_cid=1&&mc_eid=2&x', 'https://news.example/a?x'],
    ['https://news.example/a?q=%E0%A4%A', 'https://news.example/a?q=%E0%A4%A'],
    ['https://news.example/a#?utm_source=x', 'https://news.example/a#?utm_source=x'],
    ['https://news.example/a', 'https://news.example/a'],
  ])('%s is stored as %s', (raw, clean) => expect(withoutTrackingParams(raw)).toBe(clean));

  it('gives the same canonical URL with and without tracking parameters', () => {
    const tagged = 'https://news.example/world/1?igshid=abc&ref_src=twsrc&yclid=9&msclkid=m';
    expect(canonicalUrl(tagged)).toBe(canonicalUrl('https://news.example/world/1'));
    expect(canonicalUrl(withoutTrackingParams(tagged))).toBe(canonicalUrl(tagged));
  });
});
