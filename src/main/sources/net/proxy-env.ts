/**
 * Which proxy a request goes through, by the rules of Go's net/http ProxyFromEnvironment
 * (golang.org/x/net/http/httpproxy): HTTPS_PROXY for https URLs, HTTP_PROXY for http ones
 * (upper case first, then lower case), NO_PROXY as go reads it ("*", domains matching their
 * subdomains, ".suffix", "*.suffix", host:port, IP addresses and CIDR ranges), and never a
 * proxy for localhost or a loopback address. The connection itself is undici's.
 */
import { BlockList, isIP } from 'node:net';

type Env = Readonly<Record<string, string | undefined>>;

function getEnvAny(env: Env, ...names: string[]): string {
  for (const n of names) {
    const v = env[n];
    if (v) return v;
  }
  return '';
}

/** ProxyConfig is the proxy environment, read once. */
export interface ProxyConfig {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
  readonly cgi: boolean;
}

/** readProxyConfig reads the proxy variables of env as Go does. */
export function readProxyConfig(env: Env): ProxyConfig {
  return {
    httpProxy: getEnvAny(env, 'HTTP_PROXY', 'http_proxy'),
    httpsProxy: getEnvAny(env, 'HTTPS_PROXY', 'https_proxy'),
    noProxy: getEnvAny(env, 'NO_PROXY', 'no_proxy'),
    cgi: !!env.REQUEST_METHOD,
  };
}

/** parseProxy reads a proxy setting; one without a scheme is an http proxy, as in Go. */
function parseProxy(proxy: string): URL {
  try {
    const u = new URL(proxy);
    if (['http:', 'https:', 'socks5:', 'socks5h:'].includes(u.protocol) && u.host !== '') return u;
  } catch {
    // fall through: try it as host[:port]
  }
  try {
    return new URL('http://' + proxy);
  } catch {
    throw new Error(`invalid proxy address ${JSON.stringify(proxy)}`);
  }
}

function splitHostPort(addr: string): { host: string; port: string } | undefined {
  if (addr.startsWith('[')) {
    const end = addr.indexOf(']');
    if (end < 0) return undefined;
    const rest = addr.slice(end + 1);
    if (rest === '') return undefined;
    if (!rest.startsWith(':')) return undefined;
    return { host: addr.slice(1, end), port: rest.slice(1) };
  }
  const colon = addr.lastIndexOf(':');
  if (colon < 0 || addr.indexOf(':') !== colon) return undefined;
  return { host: addr.slice(0, colon), port: addr.slice(colon + 1) };
}

function isLoopback(ip: string): boolean {
  if (isIP(ip) === 4) return ip.startsWith('127.');
  const low = ip.toLowerCase();
  return low === '::1' || low === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(low);
}

/** useProxy is httpproxy's useProxy for a target host and port under NO_PROXY. */
export function useProxy(noProxy: string, hostname: string, port: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost') return false;
  const ipKind = isIP(host);
  if (ipKind !== 0 && isLoopback(host)) return false;
  for (let p of noProxy.split(',')) {
    p = p.trim().toLowerCase();
    if (p === '') continue;
    if (p === '*') return false;
    const slash = p.indexOf('/');
    if (slash > 0 && isIP(p.slice(0, slash)) !== 0) {
      if (ipKind === 0) continue;
      const bits = Number(p.slice(slash + 1));
      const family = isIP(p.slice(0, slash)) === 4 ? 'ipv4' : 'ipv6';
      if (!Number.isInteger(bits)) continue;
      const list = new BlockList();
      try {
        list.addSubnet(p.slice(0, slash), bits, family);
      } catch {
        continue;
      }
      if (list.check(host, ipKind === 4 ? 'ipv4' : 'ipv6')) return false;
      continue;
    }
    let phost = p;
    let pport = '';
    const hp = splitHostPort(p);
    if (hp) {
      phost = hp.host;
      pport = hp.port;
    }
    if (isIP(phost) !== 0) {
      if (ipKind !== 0 && phost === host && (pport === '' || pport === port)) return false;
      continue;
    }
    if (phost === '') continue;
    if (phost.startsWith('*')) phost = phost.slice(1);
    let matchHost = false;
    if (!phost.startsWith('.')) {
      matchHost = true;
      phost = '.' + phost;
    }
    if (host.endsWith(phost) || (matchHost && host === phost.slice(1))) {
      if (pport === '' || pport === port) return false;
    }
  }
  return true;
}

/** proxyFor returns the proxy URL a request to target goes through, or undefined for none. */
export function proxyFor(cfg: ProxyConfig, target: URL): URL | undefined {
  let proxy: string;
  if (target.protocol === 'https:') proxy = cfg.httpsProxy;
  else if (target.protocol === 'http:') {
    // httpoxy: under CGI, HTTP_PROXY may come from a request header.
    if (cfg.cgi) throw new Error('refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy');
    proxy = cfg.httpProxy;
  } else return undefined;
  if (proxy === '') return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (!useProxy(cfg.noProxy, target.hostname, port)) return undefined;
  return parseProxy(proxy);
}
