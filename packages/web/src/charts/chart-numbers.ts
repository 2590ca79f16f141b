/** Coordinates in a path: one decimal is finer than a pixel and keeps the markup short. */
export function coordinate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The top of an axis: the maximum rounded up to 1, 2 or 5 times a power of ten, so its labels read plainly. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** `12,345`: counts as a newsroom reads them. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `42 s`, `3 min 05 s`, `1 h 02 min`: engaged time per visitor. */
export function formatSeconds(value: number): string {
  const seconds = Math.round(value);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}

/** `40%`, `<1%` for a share that is there but rounds to nothing. */
export function formatShare(part: number, total: number): string {
  if (total <= 0 || part <= 0) return '0%';
  const percent = (part / total) * 100;
  return percent < 1 ? '<1%' : `${Math.round(percent)}%`;
}
