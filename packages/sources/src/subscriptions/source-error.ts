/**
 * A request about sources that cannot be done as asked; `kind` maps to the HTTP answer
 * (invalid and refused-address → 400, forbidden → 403, not-found → 404, conflict → 409).
 */
export class SourceError extends Error {
  readonly kind: 'invalid' | 'refused-address' | 'forbidden' | 'not-found' | 'conflict';
  readonly code: string;
  constructor(kind: SourceError['kind'], code: string, message: string) {
    super(message);
    this.name = 'SourceError';
    this.kind = kind;
    this.code = code;
  }
}
