/*
 * Module paths, import paths and file paths (golang.org/x/mod/module/module.go).
 *
 * Domain rules:
 * - Every path is slash-separated, non-empty elements; no leading or trailing slash, no "//",
 *   valid UTF-8. An element may not be all dots, may not end with a dot, may not be (up to its
 *   first dot) a reserved Windows device name (CON, com1, NuL, LPT9, ... in any case).
 * - Import paths allow ASCII letters, digits and - . _ ~ +; module paths the same minus '+';
 *   module and import path elements may not look like Windows short names ("abc~1").
 * - Module paths also: no leading dash; no element starting with a dot; the first element (a
 *   domain, by convention) must be lower-case letters, digits, '-' and '.', contain a dot and not
 *   start with a dash; a trailing /vN major suffix must have N ≥ 2 with no leading zero and no
 *   dots ("/v1", "/v02", "/v2.1" are rejected). gopkg.in paths instead end in ".vN" (N ≥ 0) with an
 *   optional "-unstable".
 * - File paths (inside module zips) allow any Unicode letter, ASCII digits, space and
 *   !#$%&()+,-.=@[]^_{}~, may start with '-' or '.', and skip the short-name rule.
 * - A version "matches" a path's major suffix: no suffix takes v0, v1 or +incompatible; "/vN" or
 *   ".vN" takes vN (and gopkg.in ".v1" also tolerates old v0.0.0- pseudo-versions).
 * - Errors carry Go's exact wording, e.g. `malformed module path "x": missing dot in first path element`.
 */

import type { ModuleVersion } from '../../../shared/model/module-version';
import { build as semverBuild, canonical, major as semverMajor } from '../semver/semver';
import { goQuote, goQuoteRune } from '../gostrings/go-quote';
import { InvalidPathError, InvalidVersionError, ModuleError, versionError as moduleVersionError } from './module-errors';

export { InvalidPathError, InvalidVersionError, ModuleError } from './module-errors';

/** versionError is x/mod's module.VersionError (see module-errors). */
export const versionError: (m: ModuleVersion, err: Error) => ModuleError = moduleVersionError;

type Kind = 'module' | 'import' | 'file';

const BAD_WINDOWS_NAMES = [
  'con', 'prn', 'aux', 'nul',
  'com1', 'com2', 'com3', 'com4', 'com5', 'com6', 'com7', 'com8', 'com9',
  'lpt1', 'lpt2', 'lpt3', 'lpt4', 'lpt5', 'lpt6', 'lpt7', 'lpt8', 'lpt9',
];

const FILE_PUNCTUATION = '!#$%&()+,-.=@[]^_{}~ ';
const LETTER = /^\p{L}$/u;

function isAsciiAlnum(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

function modPathOK(c: string): boolean {
  return isAsciiAlnum(c) || c === '-' || c === '.' || c === '_' || c === '~';
}

function importPathOK(c: string): boolean {
  return modPathOK(c) || c === '+';
}

function fileNameOK(c: string): boolean {
  if (c.codePointAt(0)! < 0x80) return isAsciiAlnum(c) || FILE_PUNCTUATION.includes(c);
  return LETTER.test(c);
}

/** Lower-cases ASCII only: Go's EqualFold could match non-ASCII folds, but none fold to these names. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function hasLoneSurrogate(s: string): boolean {
  return /\p{Surrogate}/u.test(s);
}

function fail(reason: string): never {
  throw new Error(reason);
}

function checkElem(elem: string, kind: Kind): void {
  if (elem === '') fail('empty path element');
  if (/^\.+$/.test(elem)) fail(`invalid path element ${goQuote(elem)}`);
  if (elem[0] === '.' && kind === 'module') fail('leading dot in path element');
  if (elem.endsWith('.')) fail('trailing dot in path element');
  const ok = kind === 'module' ? modPathOK : kind === 'import' ? importPathOK : fileNameOK;
  for (const c of elem) if (!ok(c)) fail(`invalid char ${goQuoteRune(c.codePointAt(0)!)}`);

  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  if (BAD_WINDOWS_NAMES.includes(asciiLower(short))) {
    fail(`${goQuote(short)} disallowed as path element component on Windows`);
  }
  // Short names only matter for import paths; files in a zip are checked elsewhere.
  if (kind === 'file') return;
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    fail('trailing tilde and digits in path element');
  }
}

/** Checks the rules shared by module, import and file paths; throws a bare Error with the reason. */
function checkGeneralPath(path: string, kind: Kind): void {
  if (hasLoneSurrogate(path)) fail('invalid UTF-8');
  if (path === '') fail('empty string');
  if (path[0] === '-' && kind !== 'file') fail('leading dash');
  if (path.includes('//')) fail('double slash');
  if (path.endsWith('/')) fail('trailing slash');
  for (const elem of path.split('/')) checkElem(elem, kind);
}

function firstPathOK(c: string): boolean {
  return c === '-' || c === '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

function checkModulePathRules(path: string): void {
  checkGeneralPath(path, 'module');
  let i = path.indexOf('/');
  if (i < 0) i = path.length;
  if (i === 0) fail('leading slash');
  const first = path.slice(0, i);
  if (!first.includes('.')) fail('missing dot in first path element');
  if (path[0] === '-') fail('leading dash in first path element');
  for (const c of first) if (!firstPathOK(c)) fail(`invalid char ${goQuoteRune(c.codePointAt(0)!)} in first path element`);
  if (!splitPathVersion(path).ok) fail('invalid version');
}

function wrapPath(kind: Kind, path: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    throw new InvalidPathError(kind, path, e as Error);
  }
}

/** checkPath throws an InvalidPathError (a ModuleError) if path is not a valid module path. */
export function checkPath(path: string): void {
  wrapPath('module', path, () => checkModulePathRules(path));
}

/** checkImportPath throws an InvalidPathError (a ModuleError) if path is not a valid import path. */
export function checkImportPath(path: string): void {
  wrapPath('import', path, () => checkGeneralPath(path, 'import'));
}

/** checkFilePath throws an InvalidPathError (a ModuleError) if path is not a valid file path in a module. */
export function checkFilePath(path: string): void {
  wrapPath('file', path, () => checkGeneralPath(path, 'file'));
}

/** checkFileNameElem throws a bare Error with Go's reason if v is not a valid file path element. */
export function checkFileNameElem(v: string): void {
  checkElem(v, 'file');
}

/**
 * check is x/mod's module.Check: path must be a valid module path, version a valid semver, and
 * the version's major must fit the path's major suffix. Throws a ModuleError otherwise.
 */
export function check(path: string, version: string): void {
  checkPath(path);
  if (canonical(version) === '') {
    throw new ModuleError(path, '', new InvalidVersionError(version, new Error('not a semantic version')));
  }
  const { pathMajor } = splitPathVersion(path);
  try {
    checkPathMajor(version, pathMajor);
  } catch (e) {
    throw new ModuleError(path, '', e as Error);
  }
}

/** SplitPath is the result of splitPathVersion: prefix + pathMajor === path. */
export interface SplitPath {
  readonly prefix: string;
  /** "" or "/vN" (N ≥ 2); for gopkg.in, ".vN" with an optional "-unstable". */
  readonly pathMajor: string;
  /** False when the final element looks like a malformed major suffix ("/v1", "/v2.0", "/v02"). */
  readonly ok: boolean;
}

function isDigitAt(s: string, i: number): boolean {
  return s[i]! >= '0' && s[i]! <= '9';
}

function splitGopkgIn(path: string): SplitPath {
  let i = path.length;
  if (path.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && isDigitAt(path, i - 1)) i--;
  if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.') return { prefix: path, pathMajor: '', ok: false };
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

/** splitPathVersion splits a module path into its prefix and major-version suffix. */
export function splitPathVersion(path: string): SplitPath {
  if (path.startsWith('gopkg.in/')) return splitGopkgIn(path);
  let i = path.length;
  let dot = false;
  while (i > 0 && (isDigitAt(path, i - 1) || path[i - 1] === '.')) {
    if (path[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') {
    return { prefix: path, pathMajor: '', ok: true };
  }
  const prefix = path.slice(0, i - 2);
  const pathMajor = path.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') {
    return { prefix: path, pathMajor: '', ok: false };
  }
  return { prefix, pathMajor, ok: true };
}

/**
 * checkPathMajor throws an InvalidVersionError (`version "v2.0.0" invalid: should be v0 or v1,
 * not v2`) if version v does not fit the path's major suffix pathMajor.
 */
export function checkPathMajor(v: string, pathMajor: string): void {
  let pm = pathMajor;
  if (pm.startsWith('.v') && pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  // gopkg.in/yaml.v2 once required gopkg.in/check.v1 at a v0.0.0- pseudo-version; keep accepting it.
  if (v.startsWith('v0.0.0-') && pm === '.v1') return;
  const m = semverMajor(v);
  let want: string;
  if (pm === '') {
    if (m === 'v0' || m === 'v1' || semverBuild(v) === '+incompatible') return;
    want = 'v0 or v1';
  } else if (pm[0] === '/' || pm[0] === '.') {
    if (m === pm.slice(1)) return;
    want = pm.slice(1);
  } else {
    want = pm;
  }
  throw new InvalidVersionError(v, new Error(`should be ${want}, not ${m}`));
}

/** matchPathMajor reports whether version v fits the major suffix pathMajor (checkPathMajor would not throw). */
export function matchPathMajor(v: string, pathMajor: string): boolean {
  try {
    checkPathMajor(v, pathMajor);
    return true;
  } catch {
    return false;
  }
}

/** pathMajorPrefix returns the tag prefix a major suffix implies ("/v2" -> "v2", "" -> "", ".v1-unstable" -> "v1"). */
export function pathMajorPrefix(pathMajor: string): string {
  if (pathMajor === '') return '';
  if (pathMajor[0] !== '/' && pathMajor[0] !== '.') {
    throw new Error(`pathMajor suffix ${pathMajor} passed to PathMajorPrefix lacks separator`);
  }
  let pm = pathMajor;
  if (pm.startsWith('.v') && pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  const m = pm.slice(1);
  if (m !== semverMajor(m)) {
    throw new Error(`pathMajor suffix ${pm}passed to PathMajorPrefix is not a valid major version`);
  }
  return m;
}

/** canonicalVersion is semver canonical form, except that a "+incompatible" suffix is kept. */
export function canonicalVersion(v: string): string {
  const cv = canonical(v);
  return semverBuild(v) === '+incompatible' ? `${cv}+incompatible` : cv;
}

// ---- GOPRIVATE-style prefix matching (path.Match on UTF-8 bytes) ----

const ENCODER = new TextEncoder();

class BadPattern extends Error {}

/** Decodes one UTF-8 rune at b[i]; an invalid or truncated sequence decodes as U+FFFD of width 1, as in Go. */
function decodeRune(b: Uint8Array, i: number): [rune: number, width: number] {
  const c = b[i]!;
  if (c < 0x80) return [c, 1];
  const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
  if (need < 0 || i + need >= b.length) return [0xfffd, 1];
  let r = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const cc = b[i + k]!;
    if ((cc & 0xc0) !== 0x80) return [0xfffd, 1];
    r = (r << 6) | (cc & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are what Go's first-byte table rejects.
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return [0xfffd, 1];
  return [r, need + 1];
}

interface ChunkScan {
  star: boolean;
  chunk: Uint8Array;
  rest: Uint8Array;
}

const STAR = 0x2a;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const QUESTION = 0x3f;
const SLASH = 0x2f;

function scanChunk(pattern: Uint8Array): ChunkScan {
  let p = pattern;
  let star = false;
  while (p.length > 0 && p[0] === STAR) {
    p = p.subarray(1);
    star = true;
  }
  let inRange = false;
  for (let i = 0; i < p.length; i++) {
    switch (p[i]) {
      case BACKSLASH:
        if (i + 1 < p.length) i++;
        break;
      case LBRACKET:
        inRange = true;
        break;
      case RBRACKET:
        inRange = false;
        break;
      case STAR:
        if (!inRange) return { star, chunk: p.subarray(0, i), rest: p.subarray(i) };
    }
  }
  return { star, chunk: p, rest: p.subarray(p.length) };
}

function getEsc(chunk: Uint8Array): [rune: number, rest: Uint8Array] {
  let c = chunk;
  if (c.length === 0 || c[0] === DASH || c[0] === RBRACKET) throw new BadPattern();
  if (c[0] === BACKSLASH) {
    c = c.subarray(1);
    if (c.length === 0) throw new BadPattern();
  }
  const [r, n] = decodeRune(c, 0);
  if (r === 0xfffd && n === 1) throw new BadPattern();
  const rest = c.subarray(n);
  if (rest.length === 0) throw new BadPattern();
  return [r, rest];
}

/** Matches one chunk at the start of s; returns the rest of s or undefined; throws BadPattern. */
function matchChunk(chunkIn: Uint8Array, sIn: Uint8Array): Uint8Array | undefined {
  let chunk = chunkIn;
  let s = sIn;
  // After a mismatch keep scanning the chunk so malformed patterns are still reported.
  let failed = false;
  while (chunk.length > 0) {
    failed = failed || s.length === 0;
    const c0 = chunk[0];
    if (c0 === LBRACKET) {
      let r = 0;
      if (!failed) {
        const [rr, n] = decodeRune(s, 0);
        r = rr;
        s = s.subarray(n);
      }
      chunk = chunk.subarray(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === CARET) {
        negated = true;
        chunk = chunk.subarray(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === RBRACKET && nrange > 0) {
          chunk = chunk.subarray(1);
          break;
        }
        const [lo, afterLo] = getEsc(chunk);
        chunk = afterLo;
        let hi = lo;
        if (chunk[0] === DASH) {
          const [h, afterHi] = getEsc(chunk.subarray(1));
          hi = h;
          chunk = afterHi;
        }
        match = match || (lo <= r && r <= hi);
        nrange++;
      }
      failed = failed || match === negated;
    } else if (c0 === QUESTION) {
      if (!failed) {
        failed = s[0] === SLASH;
        s = s.subarray(decodeRune(s, 0)[1]);
      }
      chunk = chunk.subarray(1);
    } else {
      if (c0 === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (!failed) {
        failed = chunk[0] !== s[0];
        s = s.subarray(1);
      }
      chunk = chunk.subarray(1);
    }
  }
  return failed ? undefined : s;
}

function tryMatchChunk(chunk: Uint8Array, s: Uint8Array): { rest?: Uint8Array; bad: boolean } {
  try {
    return { rest: matchChunk(chunk, s), bad: false };
  } catch (e) {
    if (e instanceof BadPattern) return { bad: true };
    throw e;
  }
}

/** globMatch is Go's path.Match; a malformed pattern matches nothing. */
function globMatch(patternText: string, nameText: string): boolean {
  let pattern: Uint8Array = ENCODER.encode(patternText);
  let name: Uint8Array = ENCODER.encode(nameText);
  outer: while (pattern.length > 0) {
    const scan = scanChunk(pattern);
    pattern = scan.rest;
    if (scan.star && scan.chunk.length === 0) return !name.includes(SLASH);
    const first = tryMatchChunk(scan.chunk, name);
    if (first.rest && (first.rest.length === 0 || pattern.length > 0)) {
      name = first.rest;
      continue;
    }
    if (first.bad) return false;
    if (scan.star) {
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const t = tryMatchChunk(scan.chunk, name.subarray(i + 1));
        if (t.rest) {
          if (pattern.length === 0 && t.rest.length > 0) continue;
          name = t.rest;
          continue outer;
        }
        if (t.bad) return false;
      }
    }
    return false;
  }
  return name.length === 0;
}

/**
 * matchPrefixPatterns reports whether some path prefix of target matches one of the
 * comma-separated globs (GOPRIVATE/GONOPROXY/GONOSUMDB syntax): a glob with N slashes is
 * matched against target's first N+1 elements. Empty or malformed globs are ignored.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  for (const rawGlob of globs.split(',')) {
    const glob = rawGlob.endsWith('/') ? rawGlob.slice(0, -1) : rawGlob;
    if (glob === '') continue;
    let n = 0;
    for (const c of glob) if (c === '/') n++;
    let prefix = target;
    for (let i = 0; i < target.length; i++) {
      if (target[i] === '/') {
        if (n === 0) {
          prefix = target.slice(0, i);
          break;
        }
        n--;
      }
    }
    if (n > 0) continue;
    if (globMatch(glob, prefix)) return true;
  }
  return false;
}
