/**
 * The one HTTP client of gomodx, with the go command's transport rules (cmd/go/internal/web):
 * - proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY as Go reads them (proxy-env.ts), through
 *   undici's ProxyAgent (CONNECT for https, absolute-form requests for http);
 * - Node's roots plus the system's and SSL_CERT_FILE / SSL_CERT_DIR (trust-store.ts);
 * - credentials from GOAUTH (goauth.ts: netrc, git, commands; asked again after a 4xx), else
 *   from the URL's user information, sent over https only; a URL with credentials over plain
 *   http is refused; every URL that is printed is redacted (redact.ts);
 * - any port (undici's request API has no "bad port" list, unlike fetch);
 * - at most 10 redirects, never from https to anything else;
 * - bodies streamed with the size cap applied while reading: nothing beyond the cap is kept;
 * - errors in go's words (go-net-errors.ts), marked transient or not, for the caller's retries.
 */
import { Agent, buildConnector, ProxyAgent, request, type Dispatcher } from 'undici';
import { goQuote } from '../../core/gostrings/go-quote';
import { DETAIL_PREFIX_BYTES } from './error-detail';
import { goBodyText, goNetText } from './go-net-errors';
import { GoAuth, GoAuthFatal } from './goauth';
import type { Header } from './goauth-output';
import { proxyFor, readProxyConfig, type ProxyConfig } from './proxy-env';
import { redactUrl, stripPassword, userInfo, withoutUserInfo } from './redact';
import { trustContext } from './trust-store';

type Env = Readonly<Record<string, string | undefined>>;

/** TransportError is a request that failed, worded as go words it; transient ones may be retried. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/** HttpAnswer is a response: the whole body for 200, the first bytes of it otherwise. */
export interface HttpAnswer {
  readonly statusCode: number;
  /** status is go's Response.Status: "404 Not Found", as the server sent it. */
  readonly status: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** truncated says that a 200 body went past maxBytes and was cut there (HttpGetOptions.truncate). */
  readonly truncated?: boolean;
  /** url is where the answer came from, after redirects. */
  readonly url?: string;
  /** headers are the response's, as go names them (a GOAUTH command reads them after a 4xx). */
  readonly headers?: readonly Header[];
}

/** HttpGetOptions bounds one GET. */
export interface HttpGetOptions {
  readonly env: Env;
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  /** The largest 200 body accepted; a longer one fails (not transient) without being kept. */
  readonly maxBytes: number;
  /** tooLarge is the whole error for a body over maxBytes (default: `read "URL": response body too large …`). */
  readonly tooLarge?: string;
  /** truncate keeps the first maxBytes of a longer 200 body (and says so) instead of failing. */
  readonly truncate?: boolean;
  /** insecure skips certificate checks, as go's web.Insecure does for GOINSECURE paths. */
  readonly insecure?: boolean;
  /** connectTo sends every connection to this address; TLS still checks the URL's host name (tests). */
  readonly connectTo?: { readonly host: string; readonly port: number };
}

interface ClientState {
  readonly proxy: ProxyConfig;
  readonly auth: GoAuth;
  readonly env: Env;
  readonly dispatchers: Map<string, Dispatcher>;
}

const states = new Map<string, ClientState>();

function stateFor(env: Env): ClientState {
  const key = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'REQUEST_METHOD', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'GOAUTH', 'NETRC', 'HOME']
    .map((k) => env[k] ?? '\0')
    .join('\x01');
  let s = states.get(key);
  if (!s) {
    s = { proxy: readProxyConfig(env), auth: new GoAuth(env), env, dispatchers: new Map() };
    states.set(key, s);
  }
  return s;
}

interface DispatchOptions {
  readonly insecure?: boolean;
  readonly connectTo?: { readonly host: string; readonly port: number };
}

function dispatcherFor(s: ClientState, target: URL, o: DispatchOptions = {}): { dispatcher: Dispatcher; proxy?: URL } {
  let proxy: URL | undefined;
  try {
    proxy = proxyFor(s.proxy, target);
  } catch (e) {
    throw new TransportError((e as Error).message, false);
  }
  if (proxy && proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new TransportError(`proxyconnect tcp: ${proxy.protocol.replace(/:$/, '')} proxies are not supported by gomodx`, false);
  }
  const to = o.connectTo ? `${o.connectTo.host}:${o.connectTo.port}` : '';
  const key = `${target.protocol}${proxy ? proxy.href : 'direct'}|${o.insecure ? 'insecure' : ''}|${to}`;
  let d = s.dispatchers.get(key);
  if (!d) {
    // The trust store is read only when TLS is spoken: a plain-http or file:// GOPROXY never pays for it.
    const tls = (): { secureContext: ReturnType<typeof trustContext>; rejectUnauthorized?: boolean } => ({
      secureContext: trustContext(s.env),
      ...(o.insecure ? { rejectUnauthorized: false } : {}),
    });
    const targetTls = target.protocol === 'https:' ? tls() : undefined;
    if (o.connectTo && !proxy) {
      const base = buildConnector(targetTls ?? {});
      const dest = o.connectTo;
      d = new Agent({
        connect: (opts, cb) => base({ ...opts, servername: opts.servername || opts.hostname, hostname: dest.host, port: String(dest.port) }, cb),
      });
      s.dispatchers.set(key, d);
      return { dispatcher: d };
    }
    d = proxy
      ? new ProxyAgent({
          uri: proxy.href,
          proxyTunnel: target.protocol === 'https:',
          ...(targetTls ? { requestTls: targetTls } : {}),
          ...(proxy.protocol === 'https:' ? { proxyTls: tls() } : {}),
        })
      : new Agent(targetTls ? { connect: targetTls } : {});
    s.dispatchers.set(key, d);
  }
  return proxy ? { dispatcher: d, proxy } : { dispatcher: d };
}

/** sameOrSubdomain is net/http's rule for carrying Authorization across a redirect. */
function keepsAuthorization(from: URL, to: URL): boolean {
  if (from.host === to.host) return true;
  return to.hostname.endsWith('.' + from.hostname) && to.port === from.port;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function header(h: Record<string, string | string[] | undefined>, name: string): string {
  const v = h[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/**
 * httpGet fetches url as go's web.Get does, then reads the body within the cap. It throws
 * TransportError with go's message: `refusing to pass credentials to insecure URL: …`,
 * `Get "…": …` when no response came, `read "…": …` when the body broke off.
 */
export async function httpGet(url: string, opts: HttpGetOptions): Promise<HttpAnswer> {
  const s = stateFor(opts.env);
  const start = new URL(url);
  const creds = userInfo(url);
  if (start.protocol === 'http:' && creds) {
    throw new TransportError(`refusing to pass credentials to insecure URL: ${redactUrl(url)}`, false);
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') {
    throw new TransportError(`unsupported scheme: ${redactUrl(url)}`, false);
  }
  if (start.protocol !== 'https:') return attempt(s, url, opts, []);
  const first = await authHeaders(s, url, creds);
  const answer = await attempt(s, url, opts, first);
  if (answer.statusCode < 400 || answer.statusCode >= 500) return answer;
  // web.Get: after a 4xx, every GOAUTH method is asked again about this URL, with the response.
  // go then always asks again; an identical request would only get the same answer, so the
  // request is repeated only when the credentials changed.
  const again = await authHeaders(s, url, creds, { status: answer.status, headers: answer.headers ?? [] });
  if (sameHeaders(first, again)) return answer;
  return attempt(s, url, opts, again);
}

/** authHeaders is what GOAUTH gives an https URL, then net/http's Basic auth from the URL's user information where GOAUTH set no Authorization. */
async function authHeaders(s: ClientState, url: string, creds: ReturnType<typeof userInfo>, failed?: { status: string; headers: readonly Header[] }): Promise<Header[]> {
  let got: Header[] | undefined;
  try {
    got = await s.auth.headersFor(url, failed);
  } catch (e) {
    if (e instanceof GoAuthFatal) throw new TransportError(e.message, false);
    throw e;
  }
  const out = got ? got.slice() : [];
  if (creds && !out.some(([k]) => k.toLowerCase() === 'authorization')) {
    out.push(['Authorization', 'Basic ' + Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')]);
  }
  return out;
}

function sameHeaders(a: readonly Header[], b: readonly Header[]): boolean {
  return a.length === b.length && a.every(([k, v], i) => b[i]![0] === k && b[i]![1] === v);
}

/** Headers net/http drops on a redirect to another host. */
const SENSITIVE = new Set(['authorization', 'www-authenticate', 'cookie', 'cookie2', 'proxy-authorization']);

/** attempt is one client.Do: the request with its redirects, and the body read within the cap. */
async function attempt(s: ClientState, url: string, opts: HttpGetOptions, auth: readonly Header[]): Promise<HttpAnswer> {
  const start = new URL(url);
  let extra = auth.slice();
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let current = new URL(withoutUserInfo(url));
  let printed = url;
  for (let hop = 0; ; hop++) {
    const { dispatcher, proxy } = dispatcherFor(s, current, { ...(opts.insecure ? { insecure: true } : {}), ...(opts.connectTo ? { connectTo: opts.connectTo } : {}) });
    const headers: Record<string, string | string[]> = { 'user-agent': 'gomodx (Go-http-client compatible)' };
    if (current.protocol === 'https:') {
      for (const [k, v] of extra) {
        const key = k.toLowerCase();
        const had = headers[key];
        headers[key] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
      }
    }
    let res: Dispatcher.ResponseData;
    try {
      res = await request(current, { method: 'GET', headers, dispatcher, signal });
    } catch (e) {
      opts.signal?.throwIfAborted();
      if (timeout.aborted) throw new TransportError(`Get ${goQuote(stripPassword(printed))}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, false);
      const viaProxy = !!proxy && isProxyFailure(e, proxy);
      const t = goNetText(e, current, viaProxy);
      throw new TransportError(`Get ${goQuote(stripPassword(printed))}: ${t.text}`, t.transient);
    }
    const location = header(res.headers, 'location');
    if (REDIRECTS.has(res.statusCode) && location !== '') {
      discard(res.body);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new TransportError(`Get ${goQuote(stripPassword(printed))}: failed to parse Location header ${goQuote(location)}`, false);
      }
      // net/http names a refused redirect by its Location header as sent.
      if (hop + 1 >= 10) throw new TransportError(`Get ${goQuote(location)}: stopped after 10 redirects`, false);
      if (start.protocol === 'https:' && next.protocol !== 'https:') {
        throw new TransportError(`Get ${goQuote(location)}: redirected from secure URL ${stripPassword(printed)} to insecure URL ${next.href}`, false);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new TransportError(`Get ${goQuote(next.href)}: unsupported protocol scheme ${goQuote(next.protocol.replace(/:$/, ''))}`, false);
      }
      if (!keepsAuthorization(current, next)) extra = extra.filter(([k]) => !SENSITIVE.has(k.toLowerCase()));
      current = next;
      printed = next.href;
      continue;
    }
    const status = res.statusText ? `${res.statusCode} ${res.statusText}` : `${res.statusCode}`;
    const contentType = header(res.headers, 'content-type');
    const ok = res.statusCode === 200;
    const cap = ok ? opts.maxBytes : DETAIL_PREFIX_BYTES;
    const declared = Number(header(res.headers, 'content-length') || NaN);
    if (ok && declared > cap && !opts.truncate) {
      discard(res.body);
      throw tooLarge(url, opts);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (size + chunk.length > cap) {
          if (ok && !opts.truncate) {
            discard(res.body);
            throw tooLarge(url, opts);
          }
          chunks.push(chunk.subarray(0, cap - size));
          size = cap;
          truncated = ok;
          discard(res.body);
          break;
        }
        chunks.push(chunk);
        size += chunk.length;
      }
    } catch (e) {
      if (e instanceof TransportError) throw e;
      opts.signal?.throwIfAborted();
      if (timeout.aborted) throw new TransportError(`read ${goQuote(redactUrl(url))}: context deadline exceeded (Client.Timeout or context cancellation while reading body)`, false);
      if (!ok) return { statusCode: res.statusCode, status, contentType, body: Buffer.concat(chunks), url: current.href, headers: responseHeaders(res) };
      const t = goBodyText(e);
      throw new TransportError(`read ${goQuote(redactUrl(url))}: ${t.text}`, t.transient);
    }
    return { statusCode: res.statusCode, status, contentType, body: Buffer.concat(chunks), url: current.href, headers: responseHeaders(res), ...(truncated ? { truncated } : {}) };
  }
}

/** responseHeaders lists a response's headers in go's canonical form, for a GOAUTH command's stdin. */
function responseHeaders(res: Dispatcher.ResponseData): Header[] {
  const out: Header[] = [];
  for (const [k, v] of Object.entries(res.headers)) {
    const name = k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
    out.push([name, Array.isArray(v) ? v.join(', ') : (v ?? '')]);
  }
  return out;
}

/** discard drops a body we will not read; its abort is expected, not an error to report. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function tooLarge(url: string, opts: HttpGetOptions): TransportError {
  return new TransportError(opts.tooLarge ?? `read ${goQuote(redactUrl(url))}: response body too large (more than ${opts.maxBytes} bytes)`, false);
}

/** isProxyFailure tells a failure to reach the proxy from one past it. */
function isProxyFailure(e: unknown, proxy: URL): boolean {
  for (let cur = e as { cause?: unknown; port?: number; syscall?: string } | undefined, i = 0; cur && i < 8; cur = cur.cause as typeof cur, i++) {
    if (cur.syscall === 'connect' && String(cur.port) === (proxy.port || (proxy.protocol === 'https:' ? '443' : '80'))) return true;
  }
  return false;
}
