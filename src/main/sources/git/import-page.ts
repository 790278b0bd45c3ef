/**
 * Fetching "https://<import path>?go-get=1" pages for <meta name="go-import"> discovery through
 * gomodx's one HTTP client (net/http-client.ts), so that these requests take the same proxies,
 * trust store, credentials and redirect rules as every proxy request, as go's web.Get does.
 * Limits the go command lacks: a time limit for the whole request and a size limit for the page
 * (a longer page is cut and marked). GOINSECURE paths skip certificate checks and get go's
 * shorter insecure time limit; the caller decides when plain http may be tried.
 */
import { httpGet } from '../net/http-client';

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
  /** env supplies HTTPS_PROXY, SSL_CERT_FILE, GOAUTH and the rest (default: this process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** dial sends every request to this loopback address instead (tests; TLS still checks the name). */
  readonly dial?: { readonly host: string; readonly port: number };
}

/** PageGetter fetches one URL, following redirects within the rules. */
export type PageGetter = (url: URL, opts: { insecure: boolean; signal?: AbortSignal }) => Promise<Page>;

const DEFAULT_TIMEOUT_MS = 30_000;
/** go's impatientInsecureHTTPClient gives up after 5 s. */
const INSECURE_TIMEOUT_MS = 5_000;
/** A go-import page needs only its <head>; 1 MiB is far more than any real one. */
export const DEFAULT_MAX_PAGE_BYTES = 1 << 20;

/** makePageGetter returns a PageGetter with the given limits. */
export function makePageGetter(opts: PageGetterOptions = {}): PageGetter {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  return async (start, { insecure, signal }) => {
    const timeoutMs = insecure && start.protocol === 'https:' ? Math.min(INSECURE_TIMEOUT_MS, opts.timeoutMs ?? INSECURE_TIMEOUT_MS) : (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const res = await httpGet(start.href, {
      env: opts.env ?? process.env,
      timeoutMs,
      maxBytes,
      truncate: true,
      ...(insecure ? { insecure } : {}),
      ...(signal ? { signal } : {}),
      ...(opts.dial ? { connectTo: opts.dial } : {}),
    });
    const space = res.status.indexOf(' ');
    return {
      url: res.url ?? start.href,
      status: res.statusCode,
      statusText: space < 0 ? '' : res.status.slice(space + 1),
      contentType: res.contentType,
      body: res.body,
      truncated: res.truncated === true,
    };
  };
}
