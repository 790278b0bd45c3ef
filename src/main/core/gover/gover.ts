/*
 * Go toolchain and language versions (cmd/go/internal/gover and internal/gover).
 *
 * Domain rules:
 * - Go versions are not semver and carry no "v": MAJOR[.MINOR[.PATCH]] or MAJOR.MINOR<kind>[N],
 *   e.g. "1", "1.20", "1.21.3", "1.21rc1", "1.22beta2". Numbers have no superfluous leading zero
 *   and are compared as digit strings (no overflow). <kind> is lower-case letters; a patch
 *   release cannot also be a prerelease ("1.21.3rc1" is invalid).
 * - Ordering: major, minor, patch numerically, then kind ("" < "alpha" < "beta" < "rc", i.e. plain
 *   string order), then the prerelease number. Invalid versions sort below valid ones and equal
 *   to each other.
 * - Before 1.21, a missing patch means ".0" ("1.20" == "1.20.0"). From 1.21 on, "1.21" is the
 *   language version and sorts before its prereleases and releases: 1.21 < 1.21rc1 < 1.21.0.
 * - Toolchain names are "go" + version, optionally followed by a suffix introduced by '-', space
 *   or tab ("go1.21.3-custom"); names containing a slash or backslash are rejected.
 * - The virtual modules "go" and "toolchain" (go.mod's go and toolchain lines) use these versions;
 *   every other module path uses semver.
 */

import { compare as semverCompare, isValid as semverIsValid } from '../semver/semver';
import { compareGoStrings } from '../gostrings/go-string-order';

/** GO_STRICT_VERSION is the Go version from which a module's go line must be ≥ its dependencies'. */
export const GO_STRICT_VERSION = '1.21';

/** DEFAULT_GO_MOD_VERSION is assumed for a go.mod file without a go line. */
export const DEFAULT_GO_MOD_VERSION = '1.16';

/** DEFAULT_GO_WORK_VERSION is assumed for a go.work file without a go line. */
export const DEFAULT_GO_WORK_VERSION = '1.18';

/** GoVersion is a parsed Go version; numbers are digit strings, absent parts "". */
export interface GoVersion {
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  /** "", "alpha", "beta", "rc" (any lower-case word is accepted). */
  readonly kind: string;
  readonly pre: string;
}

/** Reads a decimal without a superfluous leading zero at the start of s. */
function cutInt(s: string): [num: string, rest: string] | undefined {
  let i = 0;
  while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
  if (i === 0 || (s[0] === '0' && i !== 1)) return undefined;
  return [s.slice(0, i), s.slice(i)];
}

/** compareDecimal compares two digit strings (without leading zeros) numerically; "" is least. */
function compareDecimal(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/** goParse parses a Go version ("1.21rc1"), returning undefined when it is malformed. */
export function goParse(x: string): GoVersion | undefined {
  const maj = cutInt(x);
  if (!maj) return undefined;
  const [major, afterMajor] = maj;
  if (afterMajor === '') return { major, minor: '0', patch: '0', kind: '', pre: '' };
  if (afterMajor[0] !== '.') return undefined;
  const min = cutInt(afterMajor.slice(1));
  if (!min) return undefined;
  const [minor, rest] = min;
  if (rest === '') {
    // Only from 1.21 does "1.N" mean the language rather than the release 1.N.0.
    return { major, minor, patch: compareDecimal(minor, '21') < 0 ? '0' : '', kind: '', pre: '' };
  }
  if (rest[0] === '.') {
    const pat = cutInt(rest.slice(1));
    if (!pat || pat[1] !== '') return undefined;
    return { major, minor, patch: pat[0], kind: '', pre: '' };
  }
  let i = 0;
  while (i < rest.length && !(rest[i]! >= '0' && rest[i]! <= '9')) {
    if (rest[i]! < 'a' || rest[i]! > 'z') return undefined;
    i++;
  }
  if (i === 0) return undefined;
  const kind = rest.slice(0, i);
  const tail = rest.slice(i);
  if (tail === '') return { major, minor, patch: '', kind, pre: '' };
  const pre = cutInt(tail);
  if (!pre || pre[1] !== '') return undefined;
  return { major, minor, patch: '', kind, pre: pre[0] };
}

const ZERO: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };

/** goCompare orders two Go versions ("1.21" < "1.21rc1" < "1.21.0"); invalid ones sort lowest. */
export function goCompare(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const x = goParseCached(a) ?? ZERO;
  const y = goParseCached(b) ?? ZERO;
  return (
    compareDecimal(x.major, y.major) ||
    compareDecimal(x.minor, y.minor) ||
    compareDecimal(x.patch, y.patch) ||
    compareGoStrings(x.kind, y.kind) ||
    compareDecimal(x.pre, y.pre)
  );
}

// Graph loading compares the same handful of Go versions thousands of times.
const GO_PARSE_CACHE = new Map<string, GoVersion | null>();

function goParseCached(x: string): GoVersion | undefined {
  const hit = GO_PARSE_CACHE.get(x);
  if (hit !== undefined) return hit ?? undefined;
  const v = goParse(x);
  if (GO_PARSE_CACHE.size > 10_000) GO_PARSE_CACHE.clear();
  GO_PARSE_CACHE.set(x, v ?? null);
  return v;
}

/** goIsValid reports whether v is a well-formed Go version (without a "go" prefix). */
export function goIsValid(v: string): boolean {
  return goParse(v) !== undefined;
}

/** goMax returns the greater of two Go versions, or a when they compare equal. */
export function goMax(a: string, b: string): string {
  return goCompare(a, b) < 0 ? b : a;
}

/** goIsLang reports whether v names a language version ("1.21") rather than a release. */
export function goIsLang(v: string): boolean {
  const p = goParse(v);
  return p !== undefined && p.patch === '' && p.kind === '' && p.pre === '';
}

/** goIsPrerelease reports whether v is an alpha, beta, rc (or other kind) prerelease. */
export function goIsPrerelease(v: string): boolean {
  return (goParse(v)?.kind ?? '') !== '';
}

/** goLang returns the language version of v: "1.2" for "1.2.3" or "1.2rc3", "1" for "1" or "1.0". */
export function goLang(v: string): string {
  const p = goParse(v) ?? ZERO;
  if (p.minor === '' || (p.major === '1' && p.minor === '0')) return p.major;
  return `${p.major}.${p.minor}`;
}

/**
 * fromToolchain returns the Go version a toolchain name denotes ("go1.21.3-custom" -> "1.21.3"),
 * or "" if the name is not "go" + a valid version (with an optional '-', space or tab suffix).
 */
export function fromToolchain(name: string): string {
  // A separator would make exec.LookPath resolve the name relative to a directory.
  if (name.includes('/') || name.includes('\\')) return '';
  if (!name.startsWith('go')) return '';
  let v = name.slice(2);
  const cut = v.search(/[ \t-]/);
  if (cut >= 0) v = v.slice(0, cut);
  return goIsValid(v) ? v : '';
}

/** The toolchain line normally says "go1.21.0", but a bare "1.21.0" is tolerated. */
function maybeToolchainVersion(name: string): string {
  return goIsValid(name) ? name : fromToolchain(name);
}

/** isToolchainPath reports whether path is one of the virtual modules "go" or "toolchain". */
export function isToolchainPath(path: string): boolean {
  return path === 'go' || path === 'toolchain';
}

/** modCompare compares two versions of module path: Go versions for go/toolchain, else semver. */
export function modCompare(path: string, a: string, b: string): -1 | 0 | 1 {
  if (path === 'go') return goCompare(a, b);
  if (path === 'toolchain') return goCompare(maybeToolchainVersion(a), maybeToolchainVersion(b));
  return semverCompare(a, b);
}

/** modIsValid reports whether v is valid version syntax for module path. */
export function modIsValid(path: string, v: string): boolean {
  if (path === 'go') return goIsValid(v);
  if (path === 'toolchain') return goIsValid(fromToolchain(v));
  return semverIsValid(v);
}
