/**
 * The rules a module zip must obey before the go command extracts it (golang.org/x/mod/zip
 * checkZip, called by Unzip): every entry under "path@version/", clean and valid file paths, no
 * two entries whose names fold to the same case, no name that is both a file and a directory, a
 * go.mod only at the root and spelt in lower case, and size limits taken from the sizes the zip
 * declares (500 MiB in all; 16 MiB for go.mod and LICENSE). The sizes are only declared here; the
 * reader that inflates the files holds each to its declared size.
 */
import { goQuote } from '../gostrings/go-quote';
import { checkFilePath } from '../modpath/module-path';
import { MAX_GO_MOD, MAX_LICENSE, MAX_ZIP_FILE } from './zip-files';

/** ZipEntryInfo is what the check needs of an entry: its full name and declared size. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly size: number;
}

/** cleanPath is Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const elem of p.split('/')) {
    if (elem === '' || elem === '.') continue;
    if (elem === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(elem);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function foldRune(c: string): string {
  // The smallest member of the rune's case orbit (unicode.SimpleFold's cycle), then A-Z as a-z:
  // names that strings.EqualFold calls equal get the same key.
  let min = c;
  for (const v of [c.toLowerCase(), c.toUpperCase(), c.toUpperCase().toLowerCase(), c.toLowerCase().toUpperCase()]) {
    if ([...v].length === 1 && v.codePointAt(0)! < min.codePointAt(0)!) min = v;
  }
  return min >= 'A' && min <= 'Z' ? min.toLowerCase() : min;
}

/** strToFold is x/mod's strToFold: equal keys exactly for names that fold to each other. */
export function strToFold(s: string): string {
  if (!/[^\x00-\x7f]|[A-Z]/.test(s)) return s;
  let out = '';
  for (const c of s) out += foldRune(c);
  return out;
}

/**
 * checkModuleZip returns the error x/mod's checkZip would return for a zip of module path at
 * version with these entries (the size error first, else one line per invalid entry), or
 * undefined when go would extract it.
 */
export function checkModuleZip(path: string, version: string, entries: readonly ZipEntryInfo[]): string | undefined {
  const prefix = `${path}@${version}/`;
  const invalid: string[] = [];
  const folded = new Map<string, { path: string; isDir: boolean }>();
  const collision = (p: string, isDir: boolean): string | undefined => {
    const key = strToFold(p);
    const other = folded.get(key);
    if (other) {
      if (p !== other.path) return `case-insensitive file name collision: ${goQuote(other.path)} and ${goQuote(p)}`;
      if (isDir !== other.isDir) return `entry ${goQuote(p)} is both a file and a directory`;
      if (!isDir) return `multiple entries for file ${goQuote(p)}`;
    } else folded.set(key, { path: p, isDir });
    const parent = p.lastIndexOf('/');
    return parent > 0 ? collision(p.slice(0, parent), true) : undefined;
  };
  let total = 0;
  let sizeError: string | undefined;
  for (const e of entries) {
    const fail = (why: string): void => void invalid.push(`${e.name}: ${why}`);
    if (!e.name.startsWith(prefix)) {
      fail(`path does not have prefix ${goQuote(prefix)}`);
      continue;
    }
    let name = e.name.slice(prefix.length);
    if (name === '') continue;
    const isDir = name.endsWith('/');
    if (isDir) name = name.slice(0, -1);
    if (cleanPath(name) !== name) {
      fail('file path is not clean');
      continue;
    }
    try {
      checkFilePath(name);
    } catch (err) {
      fail((err as Error).message);
      continue;
    }
    const c = collision(name, isDir);
    if (c !== undefined) {
      fail(c);
      continue;
    }
    if (isDir) continue;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (strToFold(base) === 'go.mod') {
      if (base !== name) {
        fail('go.mod file not in module root directory');
        continue;
      }
      if (name !== 'go.mod') {
        fail('go.mod files must have lowercase names');
        continue;
      }
    }
    if (MAX_ZIP_FILE - total >= e.size) total += e.size;
    else sizeError ??= `total uncompressed size of module contents too large (max size is ${MAX_ZIP_FILE} bytes)`;
    if (name === 'go.mod' && e.size > MAX_GO_MOD) {
      fail(`go.mod file too large (max size is ${MAX_GO_MOD} bytes)`);
      continue;
    }
    if (name === 'LICENSE' && e.size > MAX_LICENSE) {
      fail(`LICENSE file too large (max size is ${MAX_LICENSE} bytes)`);
      continue;
    }
  }
  return sizeError ?? (invalid.length > 0 ? invalid.join('\n') : undefined);
}
