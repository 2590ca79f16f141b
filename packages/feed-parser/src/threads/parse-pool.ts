import { Worker } from 'node:worker_threads';
import { DocumentError, checkDocument, parseDocument, type DocumentCheck, type ParseResult } from '../index.ts';

/**
 * Parses a document; the ingest worker's only CPU-heavy step. `receivedAt` is when the document
 * reached the service (dates more than a day after it are not stored); default: now.
 */
export type ParseFunction = (body: Uint8Array, contentType: string | undefined, receivedAt?: Date) => Promise<ParseResult>;

/** Reads a document only to check it (DocumentCheck, checkDocument): what the API does before accepting one. */
export type CheckFunction = (body: Uint8Array, contentType: string | undefined) => Promise<DocumentCheck>;

/** Below this size parsing inline costs less than a round trip to a thread. */
const INLINE_LIMIT_BYTES = 256 * 1024;

export const parseInline: ParseFunction = async (body, contentType, receivedAt) => parseDocument(body, { contentType, now: receivedAt });

export const checkInline: CheckFunction = async (body, contentType) => checkDocument(body, { contentType });

/** What a thread is asked: `check` sends back the DocumentCheck instead of the whole result. */
export interface ParseRequest {
  id: number;
  body: Uint8Array;
  contentType: string | undefined;
  /** Milliseconds since the epoch: a Date would arrive as one, but a number says what crosses. */
  receivedAt: number | undefined;
  check: boolean;
}

export interface ParseReply {
  id: number;
  result?: ParseResult | DocumentCheck;
  documentError?: { code: DocumentError['code']; message: string };
  failure?: string;
}

interface Pending {
  thread: Worker;
  resolve(result: ParseResult | DocumentCheck): void;
  reject(error: Error): void;
}

/**
 * Parses large documents on worker threads. A 10 MiB feed holds a thread for up to several
 * seconds: on an ingest worker's main thread that would stop BullMQ renewing its job locks (other
 * workers would take the jobs as stalled), on the API's it would stall every other request.
 */
export class ParsePool {
  readonly #threads: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #turn = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) this.#threads.push(this.#spawn());
  }

  readonly parse: ParseFunction = async (body, contentType, receivedAt) => {
    if (body.length <= INLINE_LIMIT_BYTES) return parseInline(body, contentType, receivedAt);
    return (await this.#onThread(body, contentType, receivedAt, false)) as ParseResult;
  };

  /**
   * The check reads only the markup (checkDocument), and only its few fields cross back from
   * the thread.
   */
  readonly check: CheckFunction = async (body, contentType) => {
    if (body.length <= INLINE_LIMIT_BYTES) return checkInline(body, contentType);
    return (await this.#onThread(body, contentType, undefined, true)) as DocumentCheck;
  };

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.terminate()));
    for (const pending of this.#pending.values()) pending.reject(new Error('parse pool closed'));
    this.#pending.clear();
  }

  #onThread(body: Uint8Array, contentType: string | undefined, receivedAt: Date | undefined, check: boolean) {
    const id = this.#nextId++;
    const thread = this.#threads[this.#turn++ % this.#threads.length] as Worker;
    return new Promise<ParseResult | DocumentCheck>((resolve, reject) => {
      this.#pending.set(id, { thread, resolve, reject });
      const request: ParseRequest = { id, body, contentType, receivedAt: receivedAt?.getTime(), check };
      thread.postMessage(request);
    });
  }

  #spawn(): Worker {
    const thread = new Worker(new URL('./parse-thread.ts', import.meta.url));
    thread.unref();
    thread.on('message', (reply: ParseReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.result) pending.resolve(reply.result);
      else if (reply.documentError) pending.reject(new DocumentError(reply.documentError.code, reply.documentError.message));
      else pending.reject(new Error(reply.failure ?? 'parsing failed'));
    });
    // A thread that dies (out of memory on a hostile document) is replaced; its jobs fail and retry.
    thread.on('error', (error) => {
      const index = this.#threads.indexOf(thread);
      if (index >= 0) this.#threads[index] = this.#spawn();
      for (const [id, pending] of this.#pending) {
        if (pending.thread !== thread) continue;
        pending.reject(error);
        this.#pending.delete(id);
      }
    });
    return thread;
  }
}
