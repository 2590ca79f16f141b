import { UnrecoverableError } from 'bullmq';
import type { StoryInput } from '@newsrank/core';
import {
  committedChunks,
  completeIngestJob,
  failIngestJob,
  startIngestJob,
  storeIngestChunk,
  type ArticleOutcome,
  type Db,
  type IngestReport,
} from '@newsrank/db';
import { DocumentError, itemPositions } from '@newsrank/feed-parser';
import type { Logger } from '@newsrank/logger';
import { abortable } from './abortable.ts';
import { parseInline, type ParseFunction } from '@newsrank/feed-parser/threads';
import { toStory } from './to-story.ts';

/** Stories per transaction: bounds lock count and lets a retried job skip what it already stored. */
export const CHUNK_SIZE = 250;

export interface IngestOptions {
  /** Where parsing happens; the worker passes its thread pool. */
  parse?: ParseFunction;
  /**
   * Aborted when the process stops: the run ends before its next chunk (the chunks committed so
   * far are recorded, so whoever runs the job next continues from there).
   */
  signal?: AbortSignal;
}

/**
 * Parses one accepted document and stores its stories. Safe to run again for the same job
 * (redelivery after a crash): each chunk commits together with a record of its outcomes, and a
 * rerun reuses those records instead of storing the chunk twice.
 */
export async function ingestDocument(
  db: Db,
  ingestJobId: string,
  logger: Logger,
  options: IngestOptions = {},
): Promise<IngestReport | null> {
  const { parse = parseInline, signal } = options;
  // Milliseconds of each step, logged with the outcome: where a slow document spent its time.
  const ms = { read: 0, parse: 0, store: 0, complete: 0 };
  let stepStarted = performance.now();
  const step = (name: keyof typeof ms) => {
    const now = performance.now();
    ms[name] = Math.round(now - stepStarted);
    stepStarted = now;
  };
  const job = await startIngestJob(db, ingestJobId);
  step('read');
  if (!job) {
    logger.info('ingest job already finished; nothing to do');
    return null;
  }
  let parsed;
  try {
    // Dates are judged against when the document was received, so a retry decides the same way.
    parsed = await abortable(parse(job.body ?? new Uint8Array(), job.content_type ?? undefined, new Date(job.received_at)), signal);
  } catch (error) {
    if (error instanceof DocumentError) {
      await failIngestJob(db, ingestJobId, error.message, null);
      throw new UnrecoverableError(error.message);
    }
    throw error;
  }

  step('parse');
  // Rejections and warnings name items by their position in the document, as the parser does.
  const positions = itemPositions(parsed);
  const rejected = [...parsed.rejected];
  const stories: { index: number; story: StoryInput; warnings: string[] }[] = [];
  parsed.articles.forEach((article, i) => {
    const index = positions[i]!;
    const story = toStory(article);
    if ('rejected' in story) rejected.push({ index, reason: story.rejected });
    else stories.push({ index, story, warnings: article.warnings });
  });
  const warnings = [
    ...parsed.warnings,
    ...parsed.articles.flatMap((article, i) => article.warnings.map((w) => `item ${positions[i]}: ${w}`)),
  ];

  const done = await committedChunks(db, ingestJobId);
  const outcomes: ArticleOutcome[] = [];
  for (let start = 0, chunkIndex = 0; start < stories.length; start += CHUNK_SIZE, chunkIndex++) {
    const previous = done.get(chunkIndex);
    if (previous) {
      outcomes.push(...previous);
      continue;
    }
    signal?.throwIfAborted();
    const chunk = stories.slice(start, start + CHUNK_SIZE).map((entry) => entry.story);
    outcomes.push(...(await storeIngestChunk(db, ingestJobId, chunkIndex, job.source, chunk)));
  }

  step('store');
  const report: IngestReport = {
    inserted: outcomes.filter((o) => o.outcome === 'inserted').length,
    updated: outcomes.filter((o) => o.outcome === 'updated').length,
    duplicates: outcomes.filter((o) => o.outcome === 'duplicate').length,
    // storeStories answers in input order, so outcome k belongs to stories[k].
    articles: outcomes.map((outcome, k) => ({ ...outcome, index: stories[k]!.index, warnings: stories[k]!.warnings })),
    rejected: rejected.sort((a, b) => a.index - b.index),
    warnings,
  };
  await completeIngestJob(db, ingestJobId, parsed.format, report);
  step('complete');
  logger.info(
    {
      format: parsed.format,
      inserted: report.inserted,
      updated: report.updated,
      duplicates: report.duplicates,
      rejected: report.rejected.length,
      ms,
    },
    'document ingested',
  );
  return report;
}
