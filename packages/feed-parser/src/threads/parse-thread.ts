import { parentPort } from 'node:worker_threads';
import { DocumentError, checkOf, parseDocument } from '../index.ts';
import type { ParseReply, ParseRequest } from './parse-pool.ts';

// A DocumentError crosses the thread boundary as its code and message and is rebuilt there.
parentPort?.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    const result = parseDocument(request.body, {
      contentType: request.contentType,
      now: request.receivedAt === undefined ? undefined : new Date(request.receivedAt),
    });
    reply = { id: request.id, result: request.check ? checkOf(result) : result };
  } catch (error) {
    const documentError = error instanceof DocumentError ? { code: error.code, message: error.message } : undefined;
    reply = { id: request.id, documentError, failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
