/**
 * The one place where Node's and undici's network errors become the go command's words
 * (net, net/http and crypto/x509 texts): "connect: connection refused", "EOF",
 * "read: connection reset by peer", "x509: certificate signed by unknown authority", … so that
 * no ECONNRESET or UND_ERR_SOCKET reaches the user. Each text says whether a retry may help.
 */
import { isIP } from 'node:net';
import { goQuote } from '../../core/gostrings/go-quote';

/** GoNetText is an error in go's words, and whether trying again may help. */
export interface GoNetText {
  readonly text: string;
  readonly transient: boolean;
}

interface NodeLikeError {
  code?: string;
  message?: string;
  cause?: unknown;
  address?: string;
  port?: number;
  hostname?: string;
  host?: string;
  syscall?: string;
  data?: string;
  socket?: { localAddress?: string; localPort?: number; remoteAddress?: string; remotePort?: number };
  cert?: { subjectaltname?: string; subject?: { CN?: string } };
}

function chain(e: unknown): NodeLikeError[] {
  const out: NodeLikeError[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 8 && cur && typeof cur === 'object'; i++) {
    out.push(cur as NodeLikeError);
    cur = (cur as NodeLikeError).cause;
  }
  return out;
}

function hostPort(host: string | undefined, port: number | undefined): string {
  const h = host ?? '';
  return `${isIP(h) === 6 ? `[${h}]` : h}:${port ?? ''}`;
}

const X509_UNKNOWN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** hostnameError is crypto/x509's HostnameError text for a certificate that names other hosts. */
function hostnameError(e: NodeLikeError, host: string): string {
  const san = e.cert?.subjectaltname ?? '';
  const dns: string[] = [];
  const ips: string[] = [];
  for (const part of san.split(', ')) {
    if (part.startsWith('DNS:')) dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) ips.push(part.slice(11));
  }
  if (isIP(host) !== 0) {
    if (ips.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    return `x509: certificate is valid for ${ips.join(', ')}, not ${host}`;
  }
  if (dns.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${dns.join(', ')}, not ${host}`;
}

/** statusLineError is net/http's ReadResponse complaint about a status line it cannot read. */
function statusLineError(line: string): string {
  const sp = line.indexOf(' ');
  if (sp < 0) return `malformed HTTP response ${goQuote(line)}`;
  const proto = line.slice(0, sp);
  const status = line.slice(sp + 1).replace(/^ +/, '');
  const code = status.split(' ')[0] ?? '';
  if (code.length !== 3 || !/^[+-]?\d+$/.test(code) || Number(code) < 0) return `malformed HTTP status code ${goQuote(code)}`;
  if (!/^HTTP\/\d\.\d$/.test(proto) && proto !== 'HTTP/1.0' && proto !== 'HTTP/1.1') return `malformed HTTP version ${goQuote(proto)}`;
  return `malformed HTTP response ${goQuote(line)}`;
}

/**
 * goNetText words a failed request (before a response arrived) as go's HTTP client would,
 * for a request to target. viaProxy marks a failure to reach the proxy itself.
 */
export function goNetText(err: unknown, target: URL, viaProxy = false): GoNetText {
  const all = chain(err);
  const codes = all.map((e) => e.code ?? '');
  const find = (pred: (e: NodeLikeError) => boolean): NodeLikeError | undefined => all.find(pred);
  const proxied = (t: string): string => (viaProxy ? `proxyconnect tcp: ${t}` : t);
  const errno = find((e) => typeof e.syscall === 'string');
  if (errno) {
    const where = hostPort(errno.address ?? errno.host ?? errno.hostname, errno.port);
    switch (errno.code) {
      case 'ECONNREFUSED':
        return { text: proxied(`dial tcp ${where}: connect: connection refused`), transient: false };
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return { text: proxied(`dial tcp: lookup ${errno.hostname ?? target.hostname}: no such host`), transient: errno.code === 'EAI_AGAIN' };
      case 'ETIMEDOUT':
        return { text: proxied(`dial tcp ${where}: connect: connection timed out`), transient: true };
      case 'EHOSTUNREACH':
        return { text: proxied(`dial tcp ${where}: connect: no route to host`), transient: false };
      case 'ENETUNREACH':
        return { text: proxied(`dial tcp ${where}: connect: network is unreachable`), transient: false };
      case 'ECONNRESET':
      case 'EPIPE': {
        const s = find((e) => !!e.socket)?.socket;
        const verb = errno.code === 'EPIPE' ? 'write' : 'read';
        const what = errno.code === 'EPIPE' ? 'broken pipe' : 'connection reset by peer';
        return { text: s ? `${verb} tcp ${hostPort(s.localAddress, s.localPort)}->${hostPort(s.remoteAddress, s.remotePort)}: ${verb}: ${what}` : `${verb}: ${what}`, transient: true };
      }
    }
  }
  const tls = find((e) => X509_UNKNOWN.has(e.code ?? '') || e.code === 'ERR_TLS_CERT_ALTNAME_INVALID' || e.code === 'CERT_HAS_EXPIRED' || e.code === 'CERT_NOT_YET_VALID');
  if (tls) {
    let x509: string;
    if (tls.code === 'ERR_TLS_CERT_ALTNAME_INVALID') x509 = hostnameError(tls, target.hostname.replace(/^\[(.*)\]$/, '$1'));
    else if (tls.code === 'CERT_HAS_EXPIRED' || tls.code === 'CERT_NOT_YET_VALID') x509 = 'x509: certificate has expired or is not yet valid';
    else x509 = 'x509: certificate signed by unknown authority';
    return { text: `tls: failed to verify certificate: ${x509}`, transient: false };
  }
  const parser = find((e) => (e.code ?? '').startsWith('HPE_') || (e as { name?: string }).name === 'HTTPParserError');
  if (parser) return { text: `net/http: HTTP/1.x transport connection broken: ${statusLineError((parser.data ?? '').split(/\r?\n/)[0] ?? '')}`, transient: false };
  if (codes.includes('UND_ERR_SOCKET') || codes.includes('UND_ERR_CLOSED')) return { text: 'EOF', transient: true };
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) return { text: 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)', transient: false };
  if (codes.some((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS'))) {
    return { text: `remote error: tls: ${(find((e) => (e.code ?? '').startsWith('ERR_SSL') || (e.code ?? '').startsWith('ERR_TLS'))?.message ?? 'handshake failure').replace(/^.*?:\s*/, '')}`, transient: false };
  }
  const first = all[all.length - 1] ?? {};
  return { text: first.message ?? String(err), transient: false };
}

/** goBodyText words an error while reading a response body (go: `read "URL": <text>`). */
export function goBodyText(err: unknown): GoNetText {
  const all = chain(err);
  const codes = all.map((e) => e.code ?? '');
  if (codes.includes('ECONNRESET')) return { text: 'read: connection reset by peer', transient: true };
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) return { text: 'context deadline exceeded (Client.Timeout or context cancellation while reading body)', transient: false };
  // A body cut short (content-length not reached, a chunked body without its end): io.ErrUnexpectedEOF.
  return { text: 'unexpected EOF', transient: true };
}
