/**
 * The text GOAUTH commands print, read as cmd/go/internal/auth reads it (parseUserAuth): blocks of
 * URL lines, a blank line, header lines, a blank line. Each URL's prefix (without "https://")
 * gets the block's headers. Also the command line's own splitting (cmd/internal/quoted.Split)
 * and what `git credential fill` answers (parseGitAuth).
 */

/** Header is one request header a credential adds. */
export type Header = readonly [name: string, value: string];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function validHeaderValue(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return false;
  }
  return true;
}

/** parseRequestUri is url.ParseRequestURI's acceptance: an absolute URL or an absolute path. */
function checkRequestUri(line: string): void {
  if (line.startsWith('/')) return;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(line)) throw new Error(`could not parse URL ${line}: parse ${JSON.stringify(line)}: invalid URI for request`);
  try {
    new URL(line);
  } catch {
    throw new Error(`could not parse URL ${line}: parse ${JSON.stringify(line)}: invalid URL`);
  }
}

/** parseUserAuth maps prefixes to headers; empty output gives no credentials and no error. */
export function parseUserAuth(data: string): Map<string, Header[]> {
  const out = new Map<string, Header[]>();
  let rest = data;
  const cut = (): string | undefined => {
    const nl = rest.indexOf('\n');
    if (nl < 0) return undefined;
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    return line;
  };
  while (rest !== '') {
    const urls: string[] = [];
    for (;;) {
      const line = cut();
      if (line === undefined) throw new Error('invalid format: missing empty line after URLs');
      if (line === '') break;
      checkRequestUri(line);
      urls.push(line);
    }
    const headers: Header[] = [];
    for (;;) {
      const line = cut();
      if (line === undefined) throw new Error('invalid format: missing empty line after headers');
      if (line === '') break;
      const sep = line.indexOf(': ');
      const name = sep < 0 ? '' : line.slice(0, sep);
      const value = sep < 0 ? '' : line.slice(sep + 2).trim();
      if (sep < 0 || !TOKEN.test(name) || !validHeaderValue(value)) throw new Error('invalid format: invalid header line');
      headers.push([name, value]);
    }
    for (const u of urls) out.set(u.replace(/^https:\/\//, ''), headers.slice());
  }
  return out;
}

/** splitQuoted is cmd/internal/quoted.Split: fields, with '…' or "…" around one (no escapes). */
export function splitQuoted(s: string): string[] {
  const out: string[] = [];
  const space = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  let i = 0;
  while (i < s.length) {
    while (i < s.length && space(s[i])) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new Error(`unterminated ${q} string`);
      out.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !space(s[i])) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

/** GitCredential is what `git credential fill` answered. */
export interface GitCredential {
  /** prefix is the URL the credential is for, as go rebuilds it from protocol, host and path (or url). */
  readonly prefix: string;
  readonly username: string;
  readonly password: string;
}

/** parseGitAuth reads `git credential fill` output as go's parseGitAuth does. */
export function parseGitAuth(data: string): GitCredential {
  let scheme = '';
  let host = '';
  let path = '';
  let fromUrl: string | undefined;
  let username = '';
  let password = '';
  for (const raw of data.split('\n')) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    switch (key) {
      case 'protocol':
        scheme = value;
        break;
      case 'host':
        host = value;
        break;
      case 'path':
        path = value;
        break;
      case 'username':
        username = value;
        break;
      case 'password':
        password = value;
        break;
      case 'url':
        try {
          checkRequestUri(value);
          fromUrl = value;
        } catch {
          // A malformed url field leaves what protocol, host and path said.
        }
        break;
    }
  }
  let prefix = fromUrl;
  if (prefix === undefined) {
    prefix = '';
    if (scheme !== '') prefix += scheme + ':';
    if (host !== '' || scheme !== '') prefix += '//' + host;
    if (path !== '') prefix += (path.startsWith('/') || host === '' ? '' : '/') + path;
  }
  return { prefix, username, password };
}
