import express, { type Request, type RequestHandler } from 'express';

/** An error shaped as body-parser's are (`type`, `status`, `limit`), so one mapping answers both. */
class BodyError extends Error {
  readonly status: number;
  readonly type: string;
  readonly limit: number | undefined;
  constructor(status: number, type: string, message: string, limit?: number) {
    super(message);
    this.status = status;
    this.type = type;
    this.limit = limit;
  }
}

const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** What a beacon sends: no content coding, and UTF-8 or no charset at all (sendBeacon's text/plain). */
function isPlainUtf8(req: Request): boolean {
  const coding = req.headers['content-encoding'];
  if (coding !== undefined && coding.toLowerCase() !== 'identity') return false;
  const type = req.headers['content-type'];
  if (type === undefined || !type.includes('charset')) return true;
  return /;\s*charset\s*=\s*"?utf-8"?\s*(?:;|$)/i.test(type);
}

/** JSON.parse in body-parser's strict mode: the document must be an object or an array. */
function parseStrictJson(text: string): unknown {
  let first = 0;
  while (first < text.length && JSON_WHITESPACE.has(text.charCodeAt(first))) first += 1;
  const opening = text[first];
  if (opening !== '{' && opening !== '[') {
    throw new BodyError(
      400,
      'entity.parse.failed',
      `Unexpected token '${opening ?? ''}', expected an object or an array at position ${first}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError(400, 'entity.parse.failed', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The JSON body of the view beacon, for any content type (navigator.sendBeacon posts text/plain,
 * which spares the page a preflight). Every page view of every site comes through here, and
 * body-parser's general path (content negotiation, charset decoding streams, inflation) was a
 * twelfth of the API's CPU on a one-event request. A body as beacons send it (no content coding,
 * UTF-8) is read here in chunks and parsed once; any other is handed to express.json, which
 * inflates and decodes it as before. Limits and refusals are body-parser's: a declared or actual
 * length over `limit` is a 413, a length other than the one declared or an aborted request a 400,
 * bad JSON a 400, and the errors carry body-parser's `type`, so one mapping answers them all.
 */
export function beaconJsonBody(limit: number): RequestHandler {
  const general = express.json({ limit, strict: true, type: () => true });
  return (req, res, next) => {
    if (!isPlainUtf8(req)) {
      general(req, res, next);
      return;
    }
    const declared = req.headers['content-length'];
    const expected = declared === undefined ? undefined : Number(declared);
    // No body at all (neither a length nor chunked): body-parser leaves req.body unset.
    if (expected === undefined && req.headers['transfer-encoding'] === undefined) {
      next();
      return;
    }
    if (expected !== undefined && expected > limit) {
      req.resume();
      next(new BodyError(413, 'entity.too.large', 'request entity too large', limit));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onError);
      if (error) {
        // Whatever is still coming is read and dropped, so the answer can be sent on this connection.
        req.resume();
        next(error);
        return;
      }
      try {
        req.body = received === 0 ? {} : parseStrictJson(Buffer.concat(chunks, received).toString('utf8'));
      } catch (parseError) {
        next(parseError);
        return;
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) finish(new BodyError(413, 'entity.too.large', 'request entity too large', limit));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      if (expected !== undefined && received !== expected)
        finish(new BodyError(400, 'request.size.invalid', 'request size did not match content length'));
      else finish();
    };
    const onAborted = () => finish(new BodyError(400, 'request.aborted', 'request aborted'));
    const onError = (error: Error) => finish(error);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  };
}
