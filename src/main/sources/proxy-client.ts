import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

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
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
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
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(url, { signal: combined, redirect: 'follow' });
    } catch (e) {
      signal?.throwIfAborted();
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const reason = timeout.aborted ? 'timeout awaiting response' : (cause?.code ?? cause?.message ?? (e as Error).message);
      lastError = new Error(`Get "${url}": ${reason}`);
      continue;
    }
    if (res.status === 404 || res.status === 410) {
      const body = (await res.text().catch(() => '')).slice(0, 1000).trim();
      throw new NotFoundError(`reading ${url}: ${res.status} ${res.statusText}${body ? `\n\tserver response: ${body.split('\n')[0]}` : ''}`);
    }
    if (!res.ok) {
      // go's web.HTTPError shows what the server said for any failed status, not only 404.
      const body = (await res.text().catch(() => '')).slice(0, 1000).trim();
      lastError = new Error(`reading ${url}: ${res.status} ${res.statusText}${body ? `\n\tserver response: ${body.split('\n')[0]}` : ''}`);
      if (isTransientStatus(res.status)) continue;
      throw lastError;
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBody) throw new Error(`reading ${url}: response too large (${declared} bytes)`);
    try {
      const body = Buffer.from(await res.arrayBuffer());
      if (body.length > maxBody) throw new Error(`reading ${url}: response too large`);
      if (!Number.isNaN(declared) && body.length !== declared) {
        lastError = new Error(`reading ${url}: unexpected EOF`);
        continue;
      }
      return body;
    } catch (e) {
      signal?.throwIfAborted();
      lastError = new Error(`reading ${url}: ${(e as Error).message === 'terminated' ? 'unexpected EOF' : (e as Error).message}`);
    }
  }
  throw lastError ?? new Error(`reading ${url}: failed`);
}
