/**
 * A URL newsrank will not fetch. `code` says why in a word the API can map to a 400 (or a
 * Source's error); `message` says it to a person.
 */
export class SourceUrlError extends Error {
  readonly code: 'invalid-url' | 'unsupported-scheme' | 'refused-address';
  constructor(code: SourceUrlError['code'], message: string) {
    super(message);
    this.name = 'SourceUrlError';
    this.code = code;
  }
}
