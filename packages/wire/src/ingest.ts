import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, Nullable, Literals, Rejection, Uuid } from './fields.ts';

/** The answer to a posted document: where to learn what became of it. */
export const IngestAccepted = Type.Object({
  jobId: Uuid,
  statusUrl: Type.String({ examples: ['/v1/ingest-jobs/3f7c2a4e-8b7d-4c1e-9a2b-1234567890ab'] }),
});
export type IngestAccepted = Static<typeof IngestAccepted>;

export const ReportedArticle = Type.Object({
  id: Uuid,
  guid: Nullable(Type.String()),
  url: Nullable(Type.String()),
  outcome: Literals(['inserted', 'updated', 'duplicate']),
  // Reports written before items carried their position have none.
  index: Type.Optional(Type.Integer({ description: "the item's position in the document" })),
  warnings: Type.Array(Type.String(), { description: 'what was noticed reading this item: a derived title, a date that cannot be true…' }),
});
export type ReportedArticle = Static<typeof ReportedArticle>;

/** What a completed job did with each item of the document. */
export const IngestReport = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  duplicates: Type.Integer(),
  articles: Type.Array(ReportedArticle),
  rejected: Type.Array(Rejection),
  warnings: Type.Optional(Type.Array(Type.String())),
});
export type IngestReport = Static<typeof IngestReport>;

export const IngestJob = Type.Object({
  id: Uuid,
  status: Literals(['queued', 'active', 'completed', 'failed']),
  source: Type.String(),
  format: Nullable(Type.String()),
  receivedAt: IsoTime({ description: 'when the document was accepted' }),
  finishedAt: Nullable(IsoTime()),
  result: Nullable(IngestReport),
  error: Nullable(Type.String()),
});
export type IngestJob = Static<typeof IngestJob>;
