/**
 * The loopback HTTP transport of the contract (`gomodx serve`): the built renderer and the same
 * handlers as the window, for a browser. Bound to 127.0.0.1 only; every request passes
 * request-guard first (Host, Origin, token), the page included.
 *
 * Routes: GET / (the page; ?token= sets the cookie), GET /assets/* (the bundle),
 * POST /api/invoke/<channel> (JSON request → JSON Result), GET /api/events (SSE).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fail, type Result } from '../../shared/model/result';
import { dispatch } from '../ipc/dispatch';
import type { Handlers } from '../services/app-backend';
import { contentTypeOf, staticFilePath } from '../window/static-files';
import type { EventStream } from './event-stream';
import { checkRequest, cookieName } from './request-guard';

/** ServerOptions configures the server. */
export interface ServerOptions {
  readonly handlers: Handlers;
  readonly events: EventStream;
  readonly rendererDir: string;
  readonly token: string;
  readonly csp: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly log?: (line: string) => void;
}

/** RunningServer is a listening server. */
export interface RunningServer {
  readonly port: number;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** BodyTooLargeError is a request body over MAX_BODY: answered 413, not read further. */
class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      reject(new BodyTooLargeError('request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > MAX_BODY) {
        // Stop keeping it; the rest is discarded while the 413 goes out and the connection closes.
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLargeError('request body too large'));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** startServer listens on 127.0.0.1 and serves until closed. */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const headers = securityHeaders(opts.csp);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const verdict = checkRequest({ url: req.url ?? '/', headers: req.headers }, { port, token: opts.token });
    if (!verdict.ok) {
      opts.log?.(`${req.method} ${(req.url ?? '').replace(/token=[^&]*/, 'token=…')}: ${verdict.reason}`);
      res.writeHead(verdict.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end(verdict.reason + '\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (verdict.via === 'query') {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      res.writeHead(303, {
        ...headers,
        'set-cookie': `${cookieName(port)}=${opts.token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events' && req.method === 'GET') {
        opts.events.attach(res, headers);
        return;
      }
      const m = /^\/api\/invoke\/([^/]+)$/.exec(url.pathname);
      if (!m || req.method !== 'POST') return sendJson(res, 404, fail('unknown-channel', `no route ${req.method} ${url.pathname}`), headers);
      // JSON only: a cross-site form cannot send it without a preflight we never answer.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, fail('invalid-request', 'requests must be application/json'), headers);
      }
      let channel: string;
      try {
        channel = decodeURIComponent(m[1]!);
      } catch {
        return sendJson(res, 400, fail('invalid-request', 'malformed channel name'), headers);
      }
      let raw: unknown;
      try {
        raw = JSON.parse((await readBody(req)) || '{}');
      } catch (e) {
        if (e instanceof BodyTooLargeError) return sendJson(res, 413, fail('invalid-request', `request body over ${MAX_BODY} bytes`), { ...headers, connection: 'close' });
        return sendJson(res, 400, fail('invalid-request', `bad JSON: ${(e as Error).message}`), headers);
      }
      const result: Result<unknown> = await dispatch(opts.handlers, channel, raw);
      return sendJson(res, 200, result, headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers);
      res.end();
      return;
    }
    const file = staticFilePath(opts.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, headers);
      res.end('not found\n');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': contentTypeOf(file), 'cache-control': url.pathname.startsWith('/assets/') ? 'private, max-age=3600' : 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers);
      res.end('not found\n');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      opts.log?.(`internal error: ${e.stack ?? e.message}`);
      if (!res.headersSent) sendJson(res, 500, fail('internal', e.message), headers);
      else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/?token=${opts.token}`,
        close: () =>
          new Promise<void>((done) => {
            opts.events.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
