import { html, type SafeHtml } from '../html.ts';
import { coordinate } from './chart-numbers.ts';

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** What the line shows, for screen readers: "Views per hour, last 24 hours". */
  label?: string;
}

const STROKE_ROOM = 2;

/**
 * The points of a sparkline, oldest first, left to right: the highest value touches the top, zero
 * the bottom. All zeros is a flat line along the bottom.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number): [number, number][] {
  const max = Math.max(0, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const usable = height - STROKE_ROOM * 2;
  return values.map((value, i) => [
    values.length > 1 ? i * step : width,
    STROKE_ROOM + usable - (max > 0 ? (Math.max(0, value) / max) * usable : 0),
  ]);
}

const pathOf = (points: readonly [number, number][]) =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coordinate(x)},${coordinate(y)}`).join(' ');

/**
 * A small line of hourly views, drawn on the server as SVG. No values at all is a dashed flat
 * line that says "no data", not a chart of nothing.
 */
export function sparkline(values: readonly number[], options: SparklineOptions = {}): SafeHtml {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const label = options.label ?? 'Views per hour';
  const frame = (title: string, body: SafeHtml) =>
    html`<svg class="nr-spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}" preserveAspectRatio="none"><title>${title}</title>${body}</svg>`;
  if (values.length === 0) {
    const y = coordinate(height - STROKE_ROOM);
    return frame(`${label}: no data`, html`<path class="nr-spark-line nr-spark-empty" d="M0,${y} L${width},${y}"></path>`);
  }
  const points = sparklinePoints(values, width, height);
  const line = pathOf(points);
  const [lastX, lastY] = points[points.length - 1] ?? [width, height];
  const bottom = coordinate(height - STROKE_ROOM);
  const area = `${line} L${coordinate(lastX)},${bottom} L${coordinate(points[0]?.[0] ?? 0)},${bottom} Z`;
  const peak = Math.max(...values);
  const last = values[values.length - 1] ?? 0;
  return frame(
    `${label}: peak ${peak}, last ${last}`,
    html`<path class="nr-spark-area" d="${area}"></path><path class="nr-spark-line" d="${line}"></path><circle class="nr-spark-dot" cx="${coordinate(lastX)}" cy="${coordinate(lastY)}" r="2"></circle>`,
  );
}
