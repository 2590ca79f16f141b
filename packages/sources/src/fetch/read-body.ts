import type { IncomingMessage } from 'node:http';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { formatBytes } from './wording.ts';

/** The body could not be kept: larger than allowed, or in an encoding that cannot be decoded. */
export class BodyError extends Error {
  readonly kind: 'too-large' | 'bad-encoding';
  constructor(kind: BodyError['kind'], message: string) {
    super(message);
    this.name = 'BodyError';
    this.kind = kind;
  }
}

/** Stops reading once enough is held (see `truncate`); never escapes readBody. */
class Enough extends Error {}

export interface BodyLimits {
  /** Bytes after decompression; also the bound on the bytes on the wire. */
  maxBytes: number;
  /** Keep the first maxBytes and stop instead of failing (for sniffing an error page). */
  truncate?: boolean;
  signal: AbortSignal;
}

/**
 * Reads an answer's body, decoding its Content-Encoding, with the size bound applied both to the
 * bytes on the wire and to the decoded bytes: a gzip bomb is stopped after maxBytes of output,
 * however small it is compressed.
 */
export async function readBody(res: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const { maxBytes } = limits;
  let decoders: Transform[];
  try {
    decoders = decodersFor(res.headers['content-encoding']);
  } catch (error) {
    res.destroy();
    throw error;
  }
  const encoded = decoders.length > 0;
  const declared = Number(res.headers['content-length']);
  if (!limits.truncate && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(maxBytes, encoded ? 'compressed' : 'plain');
  }
  const chunks: Buffer[] = [];
  let held = 0;
  let onWire = 0;
  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onWire += chunk.length;
      if (onWire > maxBytes && !limits.truncate) return callback(tooLarge(maxBytes, encoded ? 'compressed' : 'plain'));
      callback(null, chunk);
    },
  });
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (held + chunk.length <= maxBytes) {
        chunks.push(chunk);
        held += chunk.length;
        return callback();
      }
      if (!limits.truncate) return callback(tooLarge(maxBytes, encoded ? 'decompressed' : 'plain'));
      chunks.push(chunk.subarray(0, maxBytes - held));
      held = maxBytes;
      callback(new Enough());
    },
  });
  try {
    await pipeline([res, countWire, ...decoders, collect], { signal: limits.signal });
  } catch (error) {
    if (error instanceof Enough) return Buffer.concat(chunks, held);
    if (limits.truncate && held > 0 && !limits.signal.aborted) return Buffer.concat(chunks, held);
    if (isZlibError(error))
      throw new BodyError('bad-encoding', `the answer's ${String(res.headers['content-encoding'])} encoding is corrupt`);
    throw error;
  }
  return Buffer.concat(chunks, held);
}

function tooLarge(maxBytes: number, stage: 'compressed' | 'decompressed' | 'plain'): BodyError {
  const where = stage === 'decompressed' ? ' after decompression' : stage === 'compressed' ? ' even compressed' : '';
  return new BodyError('too-large', `the answer is larger than ${formatBytes(maxBytes)}${where}`);
}

/** Decoders in the order to apply them: Content-Encoding lists the encodings in the order applied. */
function decodersFor(header: string | undefined): Transform[] {
  if (header === undefined) return [];
  const codings = header
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        // Sync flush tolerates a stream cut at its very end, as browsers do.
        return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
      case 'deflate':
        return createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
      case 'br':
        return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
      default:
        throw new BodyError(
          'bad-encoding',
          `the answer is encoded as ${coding.slice(0, 40)}, which newsrank did not ask for and cannot decode`,
        );
    }
  });
}

function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__ERROR'));
}
