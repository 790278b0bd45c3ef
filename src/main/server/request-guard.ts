/**
 * The checks every request to `gomodx serve` passes before anything else runs: its Host must be
 * this server (no DNS rebinding), its Origin, when sent, this server too (no cross-site calls),
 * and it must carry the token: in the URL of the first page load, then as the HttpOnly
 * SameSite=Strict cookie set by that load, or as a bearer token (scripts, tests).
 */
import { timingSafeEqual } from 'node:crypto';

/** GuardConfig is what the guard compares against. */
export interface GuardConfig {
  readonly port: number;
  readonly token: string;
}

/** RequestLike is the part of an HTTP request the guard reads. */
export interface RequestLike {
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** GuardVerdict is the guard's answer: allowed (and how the token came), or refused with a status. */
export type GuardVerdict = { readonly ok: true; readonly via: 'query' | 'cookie' | 'bearer' } | { readonly ok: false; readonly status: 400 | 403 | 421; readonly reason: string };

/** cookieName is per port: cookies ignore ports, and two servers may run at once. */
export function cookieName(port: number): string {
  return `gomodx_token_${port}`;
}

/** allowedHosts are the Host values that name this server. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function header(req: RequestLike, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** checkRequest decides whether a request may be served. */
export function checkRequest(req: RequestLike, cfg: GuardConfig): GuardVerdict {
  const host = header(req, 'host');
  if (!host || !allowedHosts(cfg.port).includes(host.toLowerCase())) {
    return { ok: false, status: 421, reason: `refused: Host ${JSON.stringify(host ?? '')} is not this server` };
  }
  const origin = header(req, 'origin');
  if (origin !== undefined && !allowedHosts(cfg.port).some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { ok: false, status: 403, reason: `refused: Origin ${JSON.stringify(origin)} is not this server` };
  }
  if (header(req, 'sec-fetch-site') === 'cross-site') return { ok: false, status: 403, reason: 'refused: cross-site request' };
  let url: URL;
  try {
    url = new URL(req.url, `http://${host}`);
  } catch {
    return { ok: false, status: 400, reason: 'refused: bad URL' };
  }
  const q = url.searchParams.get('token');
  if (q !== null && sameToken(q, cfg.token)) return { ok: true, via: 'query' };
  const c = cookieValue(header(req, 'cookie'), cookieName(cfg.port));
  if (c !== undefined && sameToken(c, cfg.token)) return { ok: true, via: 'cookie' };
  const auth = header(req, 'authorization');
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), cfg.token)) return { ok: true, via: 'bearer' };
  return { ok: false, status: 403, reason: 'refused: missing or wrong token; open the URL gomodx serve printed' };
}
