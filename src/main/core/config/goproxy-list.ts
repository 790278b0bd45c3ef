/**
 * Package config reads the go command's configuration strings.
 *
 * GOPROXY (modfetch.proxyList): entries separated by "," or "|"; the separator after an entry
 * says whether to go on after any error ("|") or only after "not found" (","). "direct" and
 * "off" end the list. An entry without a scheme that looks like a host gets https://.
 */

/** ProxyEntry is one GOPROXY element: a URL, "direct", "off", or "noproxy" (GONOPROXY first). */
export interface ProxyEntry {
  readonly url: string;
  readonly fallBackOnError: boolean;
}

/** parseGoProxy parses GOPROXY as the go command does; noProxy adds the implicit first entry. */
export function parseGoProxy(goproxy: string, noProxy: boolean): ProxyEntry[] {
  const list: ProxyEntry[] = [];
  if (goproxy !== 'direct' && noProxy) list.push({ url: 'noproxy', fallBackOnError: false });
  let rest = goproxy;
  while (rest !== '') {
    let url: string;
    let fallBackOnError = false;
    const i = rest.search(/[,|]/);
    if (i >= 0) {
      url = rest.slice(0, i).trim();
      fallBackOnError = rest[i] === '|';
      rest = rest.slice(i + 1);
    } else {
      url = rest.trim();
      rest = '';
    }
    if (url === '') continue;
    if (url === 'off') {
      list.push({ url: 'off', fallBackOnError: false });
      break;
    }
    if (url === 'direct') {
      list.push({ url: 'direct', fallBackOnError: false });
      break;
    }
    if (!url.includes(':/') && !url.startsWith('/') && /[.:/]/.test(url)) url = 'https://' + url;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`invalid $GOPROXY setting: malformed URL: ${url}`);
    }
    if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) {
      throw new Error(`invalid $GOPROXY setting: unsupported URL scheme ${parsed.protocol.replace(/:$/, '')}`);
    }
    list.push({ url, fallBackOnError });
  }
  if (list.length === 0 || (list.length === 1 && list[0].url === 'noproxy')) {
    throw new Error('GOPROXY list is not the empty string, but contains no entries');
  }
  return list;
}

/**
 * matchGlobs is module.MatchPrefixPatterns, re-exported for GOPRIVATE/GONOPROXY/GONOSUMDB.
 */
export { matchPrefixPatterns as matchGlobs } from '../modpath/module-path';
