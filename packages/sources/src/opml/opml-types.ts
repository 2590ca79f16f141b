/** One feed of an OPML subscription list, as read from it or written to it. */
export interface OpmlOutline {
  url: string;
  title: string | null;
  siteUrl: string | null;
  category: string | null;
}

/** A document that is not an OPML list newsrank can read; `message` says why to a person. */
export class OpmlError extends Error {
  readonly code: 'not-opml' | 'unparseable' | 'too-large';
  constructor(code: OpmlError['code'], message: string) {
    super(message);
    this.name = 'OpmlError';
    this.code = code;
  }
}
