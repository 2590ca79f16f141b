import type { Response } from 'express';

/**
 * A JSON answer written straight to Node's response. Express's `res.json` runs the Content-Type
 * through mime and content-type lookups and `res.send`'s checks for ETags and freshness, none of
 * which the beacon's and the lists' answers need, and these are the API's busiest answers
 * (docs/benchmarks.md).
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** The same for a body serialised beforehand (a published list's, serialised once). */
export function sendJsonText(res: Response, status: number, text: string, byteLength = Buffer.byteLength(text)): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', byteLength);
  // A string, not a Buffer: Node then sends header and body in one write instead of a writev.
  res.end(text);
}
