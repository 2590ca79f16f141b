import type { ParseResult } from './types.ts';

/** How the warning of a document read from broken markup begins. */
export const NOT_WELL_FORMED = 'not well-formed';

/**
 * Why a document that did not throw is still unreadable: its markup is broken and not one item
 * (an article or a rejected one) could be recovered from it. Null for every other document.
 */
export function unrecoverableBreakage(result: Pick<ParseResult, 'articles' | 'rejected' | 'warnings'>): string | null {
  return breakageOf(result.articles.length + result.rejected.length, result.warnings);
}

/** The same, from the number of items the markup held (each becomes an article or a rejected one). */
export function breakageOf(items: number, warnings: readonly string[]): string | null {
  if (items > 0) return null;
  return warnings.find((warning) => warning.startsWith(NOT_WELL_FORMED)) ?? null;
}
