import type { SeriesPoint, StatsWindow } from '@newsrank/wire';
import { html, type SafeHtml } from '../html.ts';
import { coordinate, formatCount, niceCeiling } from './chart-numbers.ts';

export interface SeriesChartOptions {
  window: StatsWindow;
  width?: number;
  height?: number;
  /** Names the chart for screen readers. */
  title?: string;
}

const MARGIN = { top: 10, right: 10, bottom: 24, left: 48 } as const;
const X_LABELS = 5;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `09:00` for a day of hours, `Jan 13` for longer windows (UTC, as the series is bucketed). */
export function pointLabel(t: string, window: StatsWindow): string {
  const at = new Date(t);
  if (!Number.isFinite(at.getTime())) return t;
  const hour = `${String(at.getUTCHours()).padStart(2, '0')}:00`;
  const day = `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}`;
  return window === '24h' ? hour : day;
}

/** Hover text of one bucket: when, and both counts. */
function bucketTitle(point: SeriesPoint, window: StatsWindow): string {
  const at = new Date(point.t);
  const when = Number.isFinite(at.getTime())
    ? `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}${window === '30d' ? '' : `, ${String(at.getUTCHours()).padStart(2, '0')}:00`} UTC`
    : point.t;
  return `${when}: ${formatCount(point.views)} views, ${formatCount(point.visitors)} visitors`;
}

/** Indices to label along the bottom: the ends and evenly spaced ones between. */
export function labelIndices(count: number, wanted = X_LABELS): number[] {
  if (count <= wanted) return Array.from({ length: count }, (_, i) => i);
  return [...new Set(Array.from({ length: wanted }, (_, i) => Math.round((i * (count - 1)) / (wanted - 1))))];
}

/**
 * Views (an area) and visitors (a line) per bucket, oldest at the left, on one axis from zero to
 * a round number at or above the highest count. Each bucket has a hover title with its counts.
 */
export function seriesChart(points: readonly SeriesPoint[], options: SeriesChartOptions): SafeHtml {
  const width = options.width ?? 960;
  const height = options.height ?? 240;
  const title = options.title ?? 'Views and visitors over time';
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const bottom = MARGIN.top + plotHeight;
  const top = niceCeiling(Math.max(0, ...points.map((p) => Math.max(p.views, p.visitors))));
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const x = (i: number) => MARGIN.left + (points.length > 1 ? i * step : plotWidth / 2);
  const y = (value: number) => bottom - (Math.max(0, value) / top) * plotHeight;

  const grid = [0, top / 2, top].map(
    (value) =>
      html`<line class="nr-chart-grid" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${coordinate(y(value))}" y2="${coordinate(y(value))}"></line><text class="nr-chart-axis" x="${MARGIN.left - 6}" y="${coordinate(y(value) + 4)}" text-anchor="end">${formatCount(value)}</text>`,
  );
  const frame = (summary: string, body: SafeHtml) =>
    html`<svg class="nr-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}: ${summary}"><title>${title}</title>${grid}${body}</svg>`;

  if (points.length === 0) {
    return frame(
      'no data',
      html`<text class="nr-chart-empty" x="${coordinate(MARGIN.left + plotWidth / 2)}" y="${coordinate(MARGIN.top + plotHeight / 2)}" text-anchor="middle">No data for this period</text>`,
    );
  }
  const line = (value: (p: SeriesPoint) => number) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${coordinate(x(i))},${coordinate(y(value(p)))}`).join(' ');
  const views = line((p) => p.views);
  const area = `${views} L${coordinate(x(points.length - 1))},${bottom} L${coordinate(x(0))},${bottom} Z`;
  const labels = labelIndices(points.length).map((i, n, all) => {
    const anchor = all.length > 1 && n === 0 ? 'start' : all.length > 1 && n === all.length - 1 ? 'end' : 'middle';
    return html`<text class="nr-chart-axis" x="${coordinate(x(i))}" y="${height - 6}" text-anchor="${anchor}">${pointLabel(points[i]?.t ?? '', options.window)}</text>`;
  });
  const column = points.length > 1 ? step : plotWidth;
  const buckets = points.map(
    (p, i) =>
      html`<rect class="nr-chart-bucket" x="${coordinate(Math.max(MARGIN.left, x(i) - column / 2))}" y="${MARGIN.top}" width="${coordinate(Math.min(column, plotWidth))}" height="${plotHeight}"><title>${bucketTitle(p, options.window)}</title></rect>`,
  );
  const totalViews = points.reduce((sum, p) => sum + p.views, 0);
  const peak = Math.max(...points.map((p) => p.views));
  return frame(
    `${formatCount(totalViews)} views in ${points.length} ${options.window === '30d' ? 'days' : 'hours'}, at most ${formatCount(peak)} in one`,
    html`<path class="nr-chart-views-area" d="${area}"></path><path class="nr-chart-views" d="${views}"></path><path class="nr-chart-visitors" d="${line((p) => p.visitors)}"></path>${labels}<g class="nr-chart-buckets">${buckets}</g>`,
  );
}
