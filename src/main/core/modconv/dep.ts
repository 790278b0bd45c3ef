/**
 * dep's Gopkg.lock, read as modconv.ParseGopkgLock read it: a line scanner, not TOML. `#` starts a
 * comment anywhere (even inside quotes), `[[projects]]` opens a stanza and any other `[` line
 * closes it, lines without `=` (multi-line arrays' bodies) are skipped. `version` replaces
 * `revision` only when it is a canonical semantic version; dep writes keys in alphabetical
 * order, so a version line comes after its revision line (go relied on that, and so do we).
 */
import { goUnquote } from '../gostrings/go-unquote';
import { goQuote } from '../gostrings/go-quote';
import { decodeGoBytes, encodeGoBytes } from '../gostrings/utf8';
import { goTrimSpace } from '../gostrings/go-space';
import { canonical as semverCanonical, isValid as semverIsValid } from '../semver/semver';
import { LegacyParseError, splitLines, type LegacyConfig, type LegacyReplace, type LegacyRequire } from './legacy-config';

interface Project {
  path: string;
  version: string;
  source: string;
}

/** parseGopkgLock reads a Gopkg.lock; a stanza without name or revision/version is an error. */
export function parseGopkgLock(file: string, data: string): LegacyConfig {
  const projects: Project[] = [];
  let cur: Project | undefined;
  const lines = splitLines(data);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    line = goTrimSpace(line);
    if (line === '[[projects]]') {
      cur = { path: '', version: '', source: '' };
      projects.push(cur);
      continue;
    }
    if (line.startsWith('[')) {
      cur = undefined;
      continue;
    }
    if (!cur) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = goTrimSpace(line.slice(0, eq));
    let val = goTrimSpace(line.slice(eq + 1));
    if (val.length >= 2 && val.startsWith('"') && val.endsWith('"')) {
      try {
        val = goUnquote(val);
      } catch (e) {
        throw new LegacyParseError(file, i + 1, `${file}:${i + 1}: invalid quoted string: ${(e as Error).message}`);
      }
    }
    if (key === 'name') cur.path = val;
    else if (key === 'source') cur.source = val;
    else if (key === 'revision') cur.version = val;
    else if (key === 'version' && semverIsValid(val) && semverCanonical(val) === val) cur.version = val;
  }
  const require: LegacyRequire[] = [];
  const replace: LegacyReplace[] = [];
  for (const p of projects) {
    if (p.path === '' || p.version === '') throw new LegacyParseError(file, 0, `${file}: empty [[projects]] stanza (${p.path})`);
    require.push({ path: p.path, version: p.version });
    if (p.source !== '') {
      let source: string;
      try {
        source = decodeSource(p.source);
      } catch (e) {
        throw new LegacyParseError(file, 0, (e as Error).message);
      }
      replace.push({ old: { path: p.path, version: p.version }, new: { path: source, version: p.version } });
    }
  }
  return { require, replace };
}

const SCP_LIKE = /^([a-zA-Z0-9_]+)@([a-zA-Z0-9._-]+):(.*)$/;

/**
 * decodeSource turns a dep source ("git@host:x/y.git", "https://host/x/y.git", "host/x/y") into
 * an import path as go did: host joined with the URL's cleaned path, ".git"/".hg" dropped.
 * A value with no host (no "//") is kept as written; one net/url refuses is an error.
 */
export function decodeSource(source: string): string {
  let host: string;
  let urlPath: string;
  const scp = SCP_LIKE.exec(source);
  if (scp) {
    host = scp[2]!;
    urlPath = '/' + scp[3]!;
  } else {
    const u = parseUrl(source);
    if (!u) throw new Error(`${goQuote(source)} is not a valid URI`);
    host = u.host;
    urlPath = u.path;
  }
  let p = host === '' ? source : cleanSlashPath(host + '/' + urlPath);
  if (p.endsWith('.git')) p = p.slice(0, -4);
  if (p.endsWith('.hg')) p = p.slice(0, -3);
  return p;
}

const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** unescapes tells whether net/url can unescape s: every "%" starts two hex digits. */
function unescapes(s: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(s);
}

/** unescapeBytes is url.PathUnescape: %XX escapes decoded as bytes, as Go strings hold them. */
function unescapeBytes(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  const enc = encodeGoBytes(s);
  for (let i = 0; i < enc.length; i++) {
    if (enc[i] === 0x25) {
      bytes.push(parseInt(String.fromCharCode(enc[i + 1]!, enc[i + 2]!), 16));
      i += 2;
    } else bytes.push(enc[i]!);
  }
  return decodeGoBytes(Uint8Array.from(bytes));
}

/**
 * parseUrl is the part of net/url.Parse that decodeSource needs: the host and the unescaped
 * path, or undefined where Parse returns an error (control characters, a missing scheme before
 * ":", a colon in the first segment of a relative reference, a bad "%" escape or host).
 */
function parseUrl(raw: string): { host: string; path: string } | undefined {
  const hash = raw.indexOf('#');
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  const frag = hash >= 0 ? raw.slice(hash + 1) : '';
  if (/[\x00-\x1f\x7f]/.test(u)) return undefined;
  if (!unescapes(frag)) return undefined;
  let scheme = '';
  let rest = u;
  for (let i = 0; i < u.length; i++) {
    const c = u[i]!;
    if (isAlpha(c)) continue;
    if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return undefined; // missing protocol scheme
      scheme = u.slice(0, i);
      rest = u.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { host: '', path: '' };
    const seg = rest.split('/')[0]!;
    if (seg.includes(':')) return undefined;
  }
  let host = '';
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = slash >= 0 ? authority.slice(slash) : '';
    if (slash >= 0) authority = authority.slice(0, slash);
    const at = authority.lastIndexOf('@');
    if (at >= 0 && !unescapes(authority.slice(0, at))) return undefined;
    host = at >= 0 ? authority.slice(at + 1) : authority;
    if (!unescapes(host)) return undefined;
    host = unescapeBytes(host);
  }
  if (!unescapes(rest)) return undefined;
  return { host, path: unescapeBytes(rest) };
}

/** cleanSlashPath is path.Clean for the joined host and path (path.Join cleans). */
function cleanSlashPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const el of p.split('/')) {
    if (el === '' || el === '.') continue;
    if (el === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(el);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? (rooted ? '/' : '.') : s;
}
