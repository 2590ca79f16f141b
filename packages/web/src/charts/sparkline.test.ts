import { describe, expect, it } from 'vitest';
import { sparkline, sparklinePoints } from './sparkline.ts';

const linePath = (svg: string) => /class="nr-spark-line[^"]*" d="([^"]*)"/.exec(svg)?.[1] ?? '';
const pointsOf = (path: string) => path.split(' ').map((command) => command.slice(1).split(',').map(Number));

describe('sparkline', () => {
  it('draws one point per value, oldest at the left', () => {
    const values = [0, 3, 1, 7, 2, 2, 0, 5];
    const points = pointsOf(linePath(sparkline(values).value));
    expect(points).toHaveLength(values.length);
    expect(points[0]?.[0]).toBe(0);
    expect(points.at(-1)?.[0]).toBe(120);
  });

  it('puts the highest value at the top and zero at the bottom', () => {
    const points = sparklinePoints([0, 10, 5], 100, 30);
    expect(points.map(([, y]) => y)).toEqual([28, 2, 15]);
    expect(points.map(([x]) => x)).toEqual([0, 50, 100]);
  });

  it('draws all zeros as a flat line along the bottom', () => {
    const points = pointsOf(linePath(sparkline([0, 0, 0, 0], { height: 28 }).value));
    expect(new Set(points.map(([, y]) => y))).toEqual(new Set([26]));
  });

  it('draws no values as a flat dashed line that says no data', () => {
    const svg = sparkline([], { label: 'Views per hour' }).value;
    expect(svg).toContain('nr-spark-empty');
    expect(svg).toContain('aria-label="Views per hour: no data"');
    expect(pointsOf(linePath(svg))).toEqual([
      [0, 26],
      [120, 26],
    ]);
  });

  it('names the peak and the last value for screen readers, escaping the label', () => {
    const svg = sparkline([1, 9, 4], { label: '<b>views</b>' }).value;
    expect(svg).toContain('aria-label="&lt;b&gt;views&lt;/b&gt;: peak 9, last 4"');
    expect(svg).not.toContain('<b>');
  });
});
