import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DETAIL_PREFIX_BYTES, errorDetail, httpErrorText } from './net/error-detail';
import { httpGet, TransportError, type HttpAnswer } from './net/http-client';
import { redactUrl } from './net/redact';

/** NotFoundError is a 404/410 answer or a missing file: the go command's fs.ErrNotExist. */
export class NotFoundError extends Error {
  readonly notFound = true;
}

/** Largest body we accept from a proxy for .mod, .info and list (go.mod files are small). */
const MAX_BODY = 16 << 20;
/** ProxyRequestOptions bounds one request: how long to wait and how often to retry. */
export interface ProxyRequestOptions {
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** The largest body accepted (default 16 MiB; module zips may be up to 500 MiB). */
  readonly maxBytes?: number;
  /** tooLarge is the whole error for a body over maxBytes (go: "downloaded zip file too large"). */
  readonly tooLarge?: string;
  /** env holds the proxy, certificate and credential settings (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;

/** Statuses that say "try again later"; go itself never retries, and a 500 is no promise. */
function isTransientStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  await new Promise<void>((resolve, reject) => {
    // The abort listener is removed when the sleep ends, so retries do not pile listeners up.
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** fileError words a file-system error the way Go's os package does. */
function fileError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return e.message;
  }
}

/** joinProxyUrl appends an escaped relative path to a proxy base URL. */
export function joinProxyUrl(base: string, rel: string): string {
  return base.replace(/\/+$/, '') + '/' + rel;
}

/**
 * getProxyFile fetches base/rel from a GOPROXY entry (https, http or file). Transient HTTP
 * failures (5xx, 429, resets, truncated bodies) are retried; 404 and 410 are NotFoundError.
 * Errors read like the go command's: `reading <url>: <reason>`.
 */
export async function getProxyFile(base: string, rel: string, signal?: AbortSignal, opts: ProxyRequestOptions = {}): Promise<Buffer> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = opts.maxBytes ?? MAX_BODY;
  const url = joinProxyUrl(base, rel);
  if (url.startsWith('file:')) {
    let p: string;
    try {
      p = fileURLToPath(url);
    } catch (e) {
      throw new Error(`reading ${url}: ${(e as Error).message}`);
    }
    try {
      return await readFile(p);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const msg = `reading ${url}: ${fileError(err)}`;
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new NotFoundError(msg);
      throw new Error(msg);
    }
  }
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < retries; attempt++) {
    if (attempt > 0) await sleep(100 * 2 ** attempt, signal);
    signal?.throwIfAborted();
    let res: HttpAnswer;
    try {
      res = await httpGet(url, {
        env: opts.env ?? process.env,
        timeoutMs,
        maxBytes: maxBody,
        ...(opts.tooLarge ? { tooLarge: opts.tooLarge } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      signal?.throwIfAborted();
      if (!(e instanceof TransportError)) throw e;
      lastError = e;
      if (e.transient) continue;
      throw e;
    }
    if (res.statusCode === 200) return res.body;
    const text = httpErrorText(redactUrl(url), res.status, errorDetail(res.contentType, trimToLine(res.body)));
    if (res.statusCode === 404 || res.statusCode === 410) throw new NotFoundError(text);
    lastError = new Error(text);
    if (!isTransientStatus(res.statusCode)) throw lastError;
  }
  throw lastError ?? new Error(`reading ${redactUrl(url)}: failed`);
}

/** trimToLine drops a partial last line of a body prefix that was cut at the detail limit. */
function trimToLine(prefix: Buffer): Buffer {
  if (prefix.length < DETAIL_PREFIX_BYTES) return prefix;
  const nl = prefix.lastIndexOf(0x0a);
  return nl < 0 ? prefix : prefix.subarray(0, nl + 1);
}
