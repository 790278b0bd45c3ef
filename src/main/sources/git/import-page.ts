/**
 * Fetching "https://<import path>?go-get=1" pages for <meta name="go-import"> discovery, with
 * the limits the go command lacks: a time limit for the whole request, a size limit for the
 * page, at most 10 redirects, never from https to anything else and never to a scheme other
 * than http(s). Plain http is used only where GOINSECURE allows it (as web.Get does).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** Page is a fetched page: final URL, status and (possibly truncated) body. */
export interface Page {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** truncated is true when the page was longer than the size limit. */
  readonly truncated: boolean;
}

/** PageGetterOptions bounds page requests (tests shorten them and point hosts at loopback). */
export interface PageGetterOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** ca adds trusted certificates (tests' self-signed loopback server). */
  readonly ca?: string | Buffer;
  /** lookup resolves host names (tests map them to 127.0.0.1). */
  readonly lookup?: LookupFunction;
  /** dial sends every request to this loopback address instead (tests; TLS still checks the name). */
  readonly dial?: { readonly host: string; readonly port: number };
  /** onRequest sees every URL requested (tests). */
  readonly onRequest?: (url: string) => void;
}

/** PageGetter fetches one URL, following redirects within the rules. */
export type PageGetter = (url: URL, opts: { insecure: boolean; signal?: AbortSignal }) => Promise<Page>;

const DEFAULT_TIMEOUT_MS = 30_000;
const INSECURE_TIMEOUT_MS = 5_000;
/** A go-import page needs only its <head>; 1 MiB is far more than any real one. */
export const DEFAULT_MAX_PAGE_BYTES = 1 << 20;

function readLimited(res: IncomingMessage, max: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    res.on('data', (c: Buffer) => {
      if (done) return;
      if (size + c.length > max) {
        chunks.push(c.subarray(0, max - size));
        size = max;
        done = true;
        res.destroy();
        resolve({ body: Buffer.concat(chunks), truncated: true });
        return;
      }
      chunks.push(c);
      size += c.length;
    });
    res.on('end', () => {
      if (!done) resolve({ body: Buffer.concat(chunks), truncated: false });
    });
    res.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

function describeError(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `dial tcp: lookup ${(e as { hostname?: string }).hostname ?? ''}: no such host`;
  if (e.code === 'ECONNREFUSED') return 'dial tcp: connection refused';
  return e.code ? `${e.code}: ${e.message}` : e.message;
}

/** makePageGetter returns a PageGetter with the given limits. */
export function makePageGetter(opts: PageGetterOptions = {}): PageGetter {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  return async (start, { insecure, signal }) => {
    const timeoutMs = insecure && start.protocol === 'https:' ? Math.min(INSECURE_TIMEOUT_MS, opts.timeoutMs ?? INSECURE_TIMEOUT_MS) : (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let url = start;
    for (let hop = 0; ; hop++) {
      if (hop > 10) throw new Error(`Get ${JSON.stringify(start.href)}: stopped after 10 redirects`);
      opts.onRequest?.(url.href);
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
          url,
          {
            method: 'GET',
            signal: combined,
            headers: { 'user-agent': 'gomodx (go-import discovery)' },
            ...(opts.lookup ? { lookup: opts.lookup } : {}),
            ...(opts.dial ? { host: opts.dial.host, hostname: opts.dial.host, port: opts.dial.port, servername: url.hostname, headers: { host: url.host, 'user-agent': 'gomodx (go-import discovery)' } } : {}),
            ...(url.protocol === 'https:' ? { ...(opts.ca ? { ca: opts.ca } : {}), rejectUnauthorized: !insecure } : {}),
          },
          resolve,
        );
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (signal?.aborted) reject(signal.reason);
          else if (timeout.aborted) reject(new Error(`Get ${JSON.stringify(url.href)}: timeout awaiting response`));
          else reject(new Error(`Get ${JSON.stringify(url.href)}: ${describeError(e)}`));
        });
        req.end();
      });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new Error(`Get ${JSON.stringify(url.href)}: invalid redirect location ${JSON.stringify(location)}`);
        }
        if (next.protocol !== 'https:' && next.protocol !== 'http:') {
          throw new Error(`Get ${JSON.stringify(url.href)}: redirect to unsupported scheme ${JSON.stringify(next.protocol.replace(/:$/, ''))}`);
        }
        if (start.protocol === 'https:' && next.protocol !== 'https:') {
          throw new Error(`Get ${JSON.stringify(next.href)}: redirected from secure URL ${url.href} to insecure URL ${next.href}`);
        }
        url = next;
        continue;
      }
      let body: { body: Buffer; truncated: boolean };
      try {
        body = await readLimited(res, maxBytes);
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new Error(`Get ${JSON.stringify(url.href)}: timeout reading response`);
        throw e;
      }
      return {
        url: url.href,
        status,
        statusText: res.statusMessage ?? '',
        contentType: String(res.headers['content-type'] ?? ''),
        ...body,
      };
    }
  };
}
