/** ISO-8601 UTC at second precision (`2025-01-13T09:42:00Z`), as every date in the API; fractions are cut. */
export function formatIsoSecond(time: Date | number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** The same for values read back from storage: null for a missing or unreadable date. */
export function isoSecond(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime()) ? formatIsoSecond(date) : null;
}
