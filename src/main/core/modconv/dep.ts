/**
 * dep's Gopkg.lock, read as modconv.ParseGopkgLock read it: a line scanner, not TOML. `#` starts a
 * comment anywhere (even inside quotes), `[[projects]]` opens a stanza and any other `[` line
 * closes it, lines without `=` (multi-line arrays' bodies) are skipped. `version` replaces
 * `revision` only when it is a canonical semantic version; dep writes keys in alphabetical
 * order, so a version line comes after its revision line (go relied on that, and so do we).
 */
import { goUnquote } from '../gostrings/go-unquote';
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
      replace.push({ old: { path: p.path, version: p.version }, new: { path: decodeSource(p.source), version: p.version } });
    }
  }
  return { require, replace };
}

const SCP_LIKE = /^([a-zA-Z0-9_]+)@([a-zA-Z0-9._-]+):(.*)$/;

/**
 * decodeSource turns a dep source ("git@host:x/y.git", "https://host/x/y.git", "host/x/y") into
 * an import path as go did: host joined with the URL's cleaned path, ".git"/".hg" dropped.
 * A value with no host (no scheme) is kept as written.
 */
export function decodeSource(source: string): string {
  let host = '';
  let urlPath = '';
  const scp = SCP_LIKE.exec(source);
  if (scp) {
    host = scp[2]!;
    urlPath = '/' + scp[3]!;
  } else {
    const u = parseUrlHostPath(source);
    host = u.host;
    urlPath = u.path;
  }
  let p = host === '' ? source : cleanSlashPath(host + '/' + urlPath);
  if (p.endsWith('.git')) p = p.slice(0, -4);
  if (p.endsWith('.hg')) p = p.slice(0, -3);
  return p;
}

/**
 * parseUrlHostPath finds what net/url.Parse would call the host and path: a host only after
 * "scheme://" (a scheme is a letter then letters, digits, "+", "-", "."), userinfo dropped, the
 * path up to "?" or "#". Values url.Parse refuses have no host here, which keeps them whole, as
 * go would have too had it not stopped (TODO(gomodx): go's "is not a valid URI" error).
 */
function parseUrlHostPath(s: string): { host: string; path: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(s);
  if (!m) return { host: '', path: s };
  let authority = m[2]!;
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  return { host: authority, path: decodePercent(m[3]!) };
}

function decodePercent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
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
