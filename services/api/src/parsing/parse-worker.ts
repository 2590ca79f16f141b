import { parentPort } from 'node:worker_threads';
import { checkDocument } from './document-check.ts';

interface CheckRequest {
  id: number;
  body: Uint8Array;
  contentType: string | undefined;
}

parentPort?.on('message', (request: CheckRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, check: checkDocument(request.body, request.contentType) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, failure: error instanceof Error ? error.message : String(error) });
  }
});
