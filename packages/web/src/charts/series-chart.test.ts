import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@newsrank/wire';
import { labelIndices, pointLabel, seriesChart } from './series-chart.ts';

const hours = (views: number[]): SeriesPoint[] =>
  views.map((count, i) => ({
    t: new Date(Date.UTC(2025, 0, 13, i)).toISOString().replace('.000', ''),
    views: count,
    visitors: Math.floor(count / 2),
  }));
const pathOf = (svg: string, name: string) => new RegExp(`class="${name}" d="([^"]*)"`).exec(svg)?.[1] ?? '';
const ys = (path: string) => path.split(' ').map((command) => Number(command.split(',')[1]));

describe('seriesChart', () => {
  it('draws a point per bucket for views and for visitors, with a hover title each', () => {
    const svg = seriesChart(hours([4, 8, 2, 0, 6]), { window: '24h' }).value;
    expect(pathOf(svg, 'nr-chart-views').split(' ')).toHaveLength(5);
    expect(pathOf(svg, 'nr-chart-visitors').split(' ')).toHaveLength(5);
    expect(svg.match(/<rect class="nr-chart-bucket"/g)).toHaveLength(5);
    expect(svg).toContain('<title>Jan 13, 01:00 UTC: 8 views, 4 visitors</title>');
  });

  it('scales to a round top at or above the highest count, with labelled grid lines', () => {
    const svg = seriesChart(hours([3, 17, 9]), { window: '24h', height: 220 }).value;
    expect(svg).toContain('>20</text>');
    expect(svg).toContain('>10</text>');
    expect(svg).toContain('>0</text>');
    // 17 of 20 sits below the top of the plot (y 10), 0 on its bottom (y 196).
    const [first, peak] = ys(pathOf(svg, 'nr-chart-views'));
    expect(first).toBeGreaterThan(peak ?? 0);
    expect(peak).toBeGreaterThan(10);
    expect(Math.max(...ys(pathOf(svg, 'nr-chart-views')))).toBeLessThanOrEqual(196);
  });

  it('says no data for an empty series instead of drawing lines', () => {
    const svg = seriesChart([], { window: '7d' }).value;
    expect(svg).toContain('No data for this period');
    expect(svg).not.toContain('nr-chart-views');
    expect(svg).toContain('aria-label="Views and visitors over time: no data"');
  });

  it('draws a flat line at zero when nobody read anything', () => {
    const svg = seriesChart(hours([0, 0, 0]), { window: '24h', height: 220 }).value;
    expect(new Set(ys(pathOf(svg, 'nr-chart-views')))).toEqual(new Set([196]));
  });

  it('labels hours for a day and days for longer periods', () => {
    expect(pointLabel('2025-01-13T09:00:00Z', '24h')).toBe('09:00');
    expect(pointLabel('2025-01-13T09:00:00Z', '7d')).toBe('Jan 13');
    expect(pointLabel('2025-01-13T00:00:00Z', '30d')).toBe('Jan 13');
    expect(labelIndices(24)).toEqual([0, 6, 12, 17, 23]);
    expect(labelIndices(3)).toEqual([0, 1, 2]);
  });
});
