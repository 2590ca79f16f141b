import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a publisher saw: when, and the headers a polite fetcher sends. */
export interface SeenRequest {
  at: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/**
 * A local HTTP server playing the publishers (and a WebSub hub): each path answers as a test
 * sets it, and every request is kept so a test can count fetches and read their headers.
 */
export class Publisher {
  readonly seen: SeenRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private server: Server | null = null;
  origin = '';

  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const body = Buffer.concat(chunks);
        this.seen.push({ at: Date.now(), method: req.method ?? 'GET', path, headers: req.headers, body });
        const route = this.routes.get(path);
        if (!route) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
          return;
        }
        Promise.resolve(route(req, res, body)).catch(() => res.destroy());
      });
    });
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.origin = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  route(path: string, handler: Route): string {
    this.routes.set(path, handler);
    return `${this.origin}${path}`;
  }

  /** A feed that answers 304 to a conditional GET naming its current ETag. */
  feed(path: string, document: () => string, contentType = 'application/rss+xml'): string {
    return this.route(path, (req, res) => {
      const body = document();
      const etag = `"${Buffer.from(body).toString('base64url').slice(-16)}-${body.length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': contentType, etag }).end(body);
    });
  }

  requestsTo(path: string, method = 'GET'): SeenRequest[] {
    return this.seen.filter((request) => request.path === path && request.method === method);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
