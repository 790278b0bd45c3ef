/*
 * Pseudo-versions (golang.org/x/mod/module/pseudo.go): versions that name an untagged commit.
 *
 * Domain rules:
 * - A pseudo-version is a valid semver whose prerelease ends in "<14-digit UTC timestamp>-<rev>".
 * - Three shapes, chosen by the closest earlier tag:
 *     no tag for major X        vX.0.0-yyyymmddhhmmss-rev
 *     release tag vX.Y.Z        vX.Y.(Z+1)-0.yyyymmddhhmmss-rev[+incompatible]
 *     prerelease tag vX.Y.Z-pre vX.Y.Z-pre.0.yyyymmddhhmmss-rev[+incompatible]
 *   so a pseudo-version sorts after its base tag and before any tag a human would write next.
 * - The "zero" pseudo-version vX.0.0-00010101000000-000000000000 is a placeholder (Go's zero
 *   time is 0001-01-01 00:00:00 UTC).
 * - Failures are InvalidVersionErrors with pseudo=true, worded as Go words them.
 */

import { InvalidVersionError } from '../modpath/module-errors';
import { build as semverBuild, canonical, isValid, major as semverMajor, prerelease } from './semver';

const PSEUDO_VERSION_RE =
  /^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Go's time.Time{} (0001-01-01T00:00:00Z), the timestamp of a zero pseudo-version. */
export const GO_ZERO_TIME: Date = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d;
})();

/** incDecimal adds one to a decimal digit string ("9" -> "10"). */
function incDecimal(decimal: string): string {
  const digits = decimal.split('');
  let i = digits.length - 1;
  for (; i >= 0 && digits[i] === '9'; i--) digits[i] = '0';
  if (i >= 0) {
    digits[i] = String.fromCharCode(digits[i]!.charCodeAt(0) + 1);
  } else {
    digits[0] = '1';
    digits.push('0');
  }
  return digits.join('');
}

/** decDecimal subtracts one from a decimal digit string, or returns "" when it is all zeros. */
function decDecimal(decimal: string): string {
  const digits = decimal.split('');
  let i = digits.length - 1;
  for (; i >= 0 && digits[i] === '0'; i--) digits[i] = '9';
  if (i < 0) return '';
  if (i === 0 && digits[i] === '1' && digits.length > 1) digits.shift();
  else digits[i] = String.fromCharCode(digits[i]!.charCodeAt(0) - 1);
  return digits.join('');
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** formatTimestamp renders t in UTC as Go's "20060102150405" layout. */
function formatTimestamp(t: Date): string {
  return (
    pad(t.getUTCFullYear(), 4) +
    pad(t.getUTCMonth() + 1, 2) +
    pad(t.getUTCDate(), 2) +
    pad(t.getUTCHours(), 2) +
    pad(t.getUTCMinutes(), 2) +
    pad(t.getUTCSeconds(), 2)
  );
}

function daysIn(month: number, year: number): number {
  if (month === 2) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return leap ? 29 : 28;
  }
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** parseTimestamp accepts what time.Parse("20060102150405", ts) accepts, else undefined. */
function parseTimestamp(ts: string): Date | undefined {
  if (!/^[0-9]{14}$/.test(ts)) return undefined;
  const year = Number(ts.slice(0, 4));
  const month = Number(ts.slice(4, 6));
  const day = Number(ts.slice(6, 8));
  const hour = Number(ts.slice(8, 10));
  const minute = Number(ts.slice(10, 12));
  const second = Number(ts.slice(12, 14));
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d;
}

/**
 * pseudoVersion builds the pseudo-version for a commit at time t with revision rev (usually a
 * 12-character hash prefix), given the major version ("v1"; "" means "v0") and the most recent
 * older tag ("" if none, "v1.2.3", "v1.2.3-pre", possibly with "+incompatible").
 */
export function pseudoVersion(major: string, older: string, t: Date, rev: string): string {
  const maj = major === '' ? 'v0' : major;
  const segment = `${formatTimestamp(t)}-${rev}`;
  const buildSuffix = semverBuild(older);
  const base = canonical(older);
  if (base === '') return `${maj}.0.0-${segment}`;
  if (prerelease(base) !== '') return `${base}.0.${segment}${buildSuffix}`;
  const i = base.lastIndexOf('.') + 1;
  return `${base.slice(0, i)}${incDecimal(base.slice(i))}-0.${segment}${buildSuffix}`;
}

/** zeroPseudoVersion returns the placeholder pseudo-version vX.0.0-00010101000000-000000000000. */
export function zeroPseudoVersion(major: string): string {
  return pseudoVersion(major, '', GO_ZERO_TIME, '000000000000');
}

/** isPseudoVersion reports whether v has the syntax of a pseudo-version. */
export function isPseudoVersion(v: string): boolean {
  let dashes = 0;
  for (const c of v) if (c === '-') dashes++;
  return dashes >= 2 && isValid(v) && PSEUDO_VERSION_RE.test(v);
}

/** isZeroPseudoVersion reports whether v is exactly the zero pseudo-version for its major version. */
export function isZeroPseudoVersion(v: string): boolean {
  return v === zeroPseudoVersion(semverMajor(v));
}

interface PseudoParts {
  /** "vX.0.0", "vX.Y.Z-0" or "vX.Y.Z-pre.0". */
  base: string;
  timestamp: string;
  rev: string;
  build: string;
}

function parsePseudoVersion(v: string): PseudoParts {
  if (!isPseudoVersion(v)) throw new InvalidVersionError(v, new Error('syntax error'), true);
  const buildSuffix = semverBuild(v);
  let rest = v.slice(0, v.length - buildSuffix.length);
  const j = rest.lastIndexOf('-');
  const rev = rest.slice(j + 1);
  rest = rest.slice(0, j);
  const i = rest.lastIndexOf('-');
  const dot = rest.lastIndexOf('.');
  if (dot > i) return { base: rest.slice(0, dot), timestamp: rest.slice(dot + 1), rev, build: buildSuffix };
  return { base: rest.slice(0, i), timestamp: rest.slice(i + 1), rev, build: buildSuffix };
}

/**
 * pseudoVersionTime returns the commit time encoded in pseudo-version v; it throws an
 * InvalidVersionError if v is not a pseudo-version or its timestamp is not a real time.
 */
export function pseudoVersionTime(v: string): Date {
  const { timestamp } = parsePseudoVersion(v);
  const t = parseTimestamp(timestamp);
  if (!t) throw new InvalidVersionError(v, new Error(`malformed time "${timestamp}"`), true);
  return t;
}

/** pseudoVersionRev returns the revision part of pseudo-version v; throws if v is not one. */
export function pseudoVersionRev(v: string): string {
  return parsePseudoVersion(v).rev;
}

/**
 * pseudoVersionBase returns the tag v was derived from ("v1.2.3" for "v1.2.4-0.2019…-abc"), or ""
 * for a vX.0.0-… pseudo-version with no base. Throws an InvalidVersionError when v is not a
 * pseudo-version or its base cannot exist.
 */
export function pseudoVersionBase(v: string): string {
  const { base, build: buildSuffix } = parsePseudoVersion(v);
  const pre = prerelease(base);
  if (pre === '') {
    // "vX.0.0-" says there is no parent tag while "+incompatible" implies one: contradictory.
    if (buildSuffix !== '') {
      throw new InvalidVersionError(v, new Error(`lacks base version, but has build metadata "${buildSuffix}"`), true);
    }
    return '';
  }
  if (pre === '-0') {
    const release = base.slice(0, base.length - pre.length);
    const i = release.lastIndexOf('.');
    if (i < 0) throw new Error(`base from parsePseudoVersion missing patch number: ${release}`);
    const patch = decDecimal(release.slice(i + 1));
    if (patch === '') {
      throw new InvalidVersionError(v, new Error(`version before ${release} would have negative patch number`), true);
    }
    return release.slice(0, i + 1) + patch + buildSuffix;
  }
  if (!base.endsWith('.0')) throw new Error(`base from parsePseudoVersion missing ".0" before date: ${base}`);
  return base.slice(0, -2) + buildSuffix;
}
