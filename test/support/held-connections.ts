import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

/**
 * One TCP connection to the API, written and read byte for byte: what fetch cannot do (send half
 * a request, hold a stream without a client library's buffers, see who closed the socket).
 */
export class RawConnection {
  readonly socket: Socket;
  /** Everything the server sent so far. */
  text = '';
  /** Resolves when the socket is closed, by either side or by an error. */
  readonly closed: Promise<void>;
  /** Whether the server ended the connection (FIN) before this side did. */
  endedByServer = false;
  #waiters: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.text += chunk;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on('end', () => {
      this.endedByServer = true;
    });
    // A reset under load is a close like any other here.
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    void this.closed.then(() => {
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  write(text: string): void {
    if (!this.socket.destroyed) this.socket.write(text);
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  /** Resolves once what the server sent matches, or rejects when the socket closes without it. */
  async waitFor(pattern: RegExp, what = String(pattern)): Promise<RegExpExecArray> {
    for (;;) {
      const match = pattern.exec(this.text);
      if (match) return match;
      if (this.socket.destroyed) throw new Error(`connection closed before ${what}; received ${JSON.stringify(this.text.slice(0, 500))}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as far as it has arrived (a stream's first events, a JSON error whole). */
  body: string;
}

/** The status line and headers of the first answer on a connection, and its body so far. */
export async function firstAnswer(connection: RawConnection): Promise<RawAnswer> {
  await connection.waitFor(/\r\n\r\n/, 'the end of the answer headers');
  const [head = '', ...rest] = connection.text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

export const getRequest = (path: string, extraHeaders = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}\r\n`;

/** Opens `GET /v1/ranking/stream` (or `path`) and resolves with the connection once its answer's headers arrived. */
export async function openStream(port: number, path = '/v1/ranking/stream'): Promise<{ connection: RawConnection; answer: RawAnswer }> {
  const connection = await RawConnection.open(port);
  connection.write(getRequest(path));
  return { connection, answer: await firstAnswer(connection) };
}

/**
 * A slowloris client: the request line and one header, then another header line every
 * `dribbleMs`, never the blank line that ends the headers. Only the headers timeout ends it.
 */
export async function openSlowHeaderSocket(port: number, dribbleMs = 1_000): Promise<RawConnection> {
  const connection = await RawConnection.open(port);
  connection.write('GET /v1/ranking HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  let line = 0;
  const timer = setInterval(() => connection.write(`X-Slow-${line++}: a\r\n`), dribbleMs);
  timer.unref();
  void connection.closed.then(() => clearInterval(timer));
  return connection;
}

/** Opens `count` connections with at most `parallel` handshakes at a time (a burst of thousands overflows the accept backlog). */
export async function openMany<T>(count: number, open: () => Promise<T>, parallel = 100): Promise<T[]> {
  const opened: T[] = [];
  for (let start = 0; start < count; start += parallel) {
    opened.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, open))));
  }
  return opened;
}

/**
 * This process's soft limit on open files (Linux: /proc/self/limits); the API started from it
 * inherits the same. Node cannot raise it, so a test that holds thousands of sockets scales to it.
 */
export function openFileLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((row) => row.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
