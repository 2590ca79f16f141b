import { describe, expect, it } from 'vitest';
import { referrerBar } from './referrer-bar.ts';

const widths = (svg: string) =>
  Object.fromEntries([...svg.matchAll(/class="nr-ref-(\w+)" x="[^"]*" y="0" width="([^"]*)"/g)].map((m) => [m[1], Number(m[2])]));

describe('referrerBar', () => {
  it('splits the bar by share, in a fixed order, leaving out classes without views', () => {
    const svg = referrerBar({ direct: 50, internal: 0, search: 30, social: 20, other: 0 }, { width: 200 }).value;
    expect(widths(svg)).toEqual({ direct: 100, search: 60, social: 40 });
    expect(svg.indexOf('nr-ref-direct')).toBeLessThan(svg.indexOf('nr-ref-search'));
    expect(svg).toContain('<title>Search: 30 (30%)</title>');
    expect(svg).toContain('aria-label="Referrers: Direct 50%, Search 30%, Social 20%"');
  });

  it('draws an empty bar when nothing was counted', () => {
    const svg = referrerBar({ direct: 0, internal: 0, search: 0, social: 0, other: 0 }).value;
    expect(svg).toContain('nr-ref-none');
    expect(svg).toContain('Referrers: no data');
  });
});
