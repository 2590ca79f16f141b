import { parentPort } from 'node:worker_threads';
import { DocumentError, parseDocument } from '../index.ts';

interface ParseRequest {
  id: number;
  body: Uint8Array;
  contentType: string | undefined;
  /** Milliseconds since the epoch: a Date would arrive as one, but a number says what crosses. */
  receivedAt: number | undefined;
}

// A DocumentError crosses the thread boundary as its code and message and is rebuilt there.
parentPort?.on('message', (request: ParseRequest) => {
  try {
    parentPort?.postMessage({
      id: request.id,
      result: parseDocument(request.body, {
        contentType: request.contentType,
        now: request.receivedAt === undefined ? undefined : new Date(request.receivedAt),
      }),
    });
  } catch (error) {
    const documentError = error instanceof DocumentError ? { code: error.code, message: error.message } : undefined;
    parentPort?.postMessage({ id: request.id, documentError, failure: error instanceof Error ? error.message : String(error) });
  }
});
