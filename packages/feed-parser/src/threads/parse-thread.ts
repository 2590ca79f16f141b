import { parentPort } from 'node:worker_threads';
import { DocumentError, checkDocument, parseDocument } from '../index.ts';
import type { ParseReply, ParseRequest } from './parse-pool.ts';

// A DocumentError crosses the thread boundary as its code and message and is rebuilt there.
parentPort?.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    const options = {
      contentType: request.contentType,
      now: request.receivedAt === undefined ? undefined : new Date(request.receivedAt),
    };
    reply = { id: request.id, result: request.check ? checkDocument(request.body, options) : parseDocument(request.body, options) };
  } catch (error) {
    const documentError = error instanceof DocumentError ? { code: error.code, message: error.message } : undefined;
    reply = { id: request.id, documentError, failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
