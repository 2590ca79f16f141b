import { Worker } from 'node:worker_threads';
import { checkDocument, type DocumentCheck } from './document-check.ts';

/** Below this size parsing inline costs less than a round trip to a thread. */
const INLINE_LIMIT_BYTES = 256 * 1024;

interface Pending {
  worker: Worker;
  resolve(check: DocumentCheck): void;
  reject(error: Error): void;
}

/**
 * Checks posted documents off the event loop: parsing a 10 MiB feed takes about half a second,
 * which on the main thread would stall every other request (and the lists served from memory).
 */
export class DocumentChecker {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #turn = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i++) this.#workers.push(this.#spawn());
  }

  async check(body: Uint8Array, contentType: string | undefined): Promise<DocumentCheck> {
    if (body.length <= INLINE_LIMIT_BYTES || this.#workers.length === 0) return checkDocument(body, contentType);
    const id = this.#nextId++;
    const worker = this.#workers[this.#turn++ % this.#workers.length] as Worker;
    return new Promise<DocumentCheck>((resolve, reject) => {
      this.#pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, body, contentType });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    for (const pending of this.#pending.values()) pending.reject(new Error('document checker closed'));
    this.#pending.clear();
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (message: { id: number; check?: DocumentCheck; failure?: string }) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.check) pending.resolve(message.check);
      else pending.reject(new Error(message.failure ?? 'document check failed'));
    });
    // A thread that dies (out of memory on a hostile document) is replaced; its requests fail.
    worker.on('error', (error) => {
      const index = this.#workers.indexOf(worker);
      if (index >= 0) this.#workers[index] = this.#spawn();
      for (const [id, pending] of this.#pending) {
        if (pending.worker !== worker) continue;
        pending.reject(error);
        this.#pending.delete(id);
      }
    });
    return worker;
  }
}
