/*
 * Semantic versions as the go command reads them (golang.org/x/mod/semver).
 *
 * Domain rules:
 * - A version always starts with "v": vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]].
 * - MAJOR, MINOR and PATCH are decimal numbers with no superfluous leading zero ("v01" is
 *   invalid). Numbers are kept as digit strings, so arbitrarily large ones compare correctly.
 * - "v1" and "v1.2" are shorthands for "v1.0.0" and "v1.2.0"; a shorthand may not carry a
 *   prerelease or build suffix.
 * - PRERELEASE and BUILD are dot-separated non-empty identifiers of [0-9A-Za-z-]; an all-digit
 *   prerelease identifier may not have a leading zero (build identifiers may).
 * - Ordering follows semver.org: numbers numerically, then a prerelease sorts before its release;
 *   prerelease identifiers compare numerically when all-digit, numbers before words, words in
 *   ASCII order, and a longer list wins when one is a prefix of the other.
 *   Build metadata never affects ordering.
 * - Invalid strings sort below every valid version and equal to each other.
 * - The canonical form is the full vX.Y.Z[-pre] without build metadata; two versions are equal
 *   exactly when their canonical forms are identical strings.
 */

import { compareGoStrings } from '../gostrings/go-string-order';

/** ParsedSemver holds the pieces of a valid semantic version, as digit strings and suffixes. */
interface ParsedSemver {
  major: string;
  minor: string;
  patch: string;
  /** The text a shorthand lacks (".0.0" for "v1", ".0" for "v1.2"), else "". */
  short: string;
  /** "-pre" including its dash, or "". */
  prerelease: string;
  /** "+build" including its plus, or "". */
  build: string;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentChar(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-';
}

/** Reads a decimal without a superfluous leading zero at the start of s. */
function readNumber(s: string): [num: string, rest: string] | undefined {
  let i = 0;
  while (i < s.length && isDigit(s[i]!)) i++;
  if (i === 0 || (s[0] === '0' && i !== 1)) return undefined;
  return [s.slice(0, i), s.slice(i)];
}

/** isBadNumber reports an all-digit identifier with a leading zero, which semver forbids. */
function isBadNumber(id: string): boolean {
  return /^[0-9]+$/.test(id) && id.length > 1 && id[0] === '0';
}

function isNumeric(id: string): boolean {
  return /^[0-9]*$/.test(id);
}

/** Validates a run of dot-separated identifiers after the leading '-' or '+'. */
function validIdentifiers(body: string, forbidLeadingZero: boolean): boolean {
  if (body === '') return false;
  for (const id of body.split('.')) {
    if (id === '') return false;
    for (const c of id) if (!isIdentChar(c)) return false;
    if (forbidLeadingZero && isBadNumber(id)) return false;
  }
  return true;
}

// Graph loading compares the same few thousand versions millions of times: remember parses.
const PARSE_CACHE = new Map<string, ParsedSemver | null>();
const PARSE_CACHE_LIMIT = 100_000;

function parse(v: string): ParsedSemver | undefined {
  const hit = PARSE_CACHE.get(v);
  if (hit !== undefined) return hit ?? undefined;
  const p = parseUncached(v);
  if (PARSE_CACHE.size >= PARSE_CACHE_LIMIT) PARSE_CACHE.clear();
  PARSE_CACHE.set(v, p ?? null);
  return p;
}

function parseUncached(v: string): ParsedSemver | undefined {
  if (v === '' || v[0] !== 'v') return undefined;
  const maj = readNumber(v.slice(1));
  if (!maj) return undefined;
  const major = maj[0];
  let rest = maj[1];
  if (rest === '') return { major, minor: '0', patch: '0', short: '.0.0', prerelease: '', build: '' };
  if (rest[0] !== '.') return undefined;
  const min = readNumber(rest.slice(1));
  if (!min) return undefined;
  const minor = min[0];
  rest = min[1];
  if (rest === '') return { major, minor, patch: '0', short: '.0', prerelease: '', build: '' };
  if (rest[0] !== '.') return undefined;
  const pat = readNumber(rest.slice(1));
  if (!pat) return undefined;
  const patch = pat[0];
  rest = pat[1];
  let prerelease = '';
  let build = '';
  if (rest.startsWith('-')) {
    const plus = rest.indexOf('+');
    prerelease = plus < 0 ? rest : rest.slice(0, plus);
    if (!validIdentifiers(prerelease.slice(1), true)) return undefined;
    rest = rest.slice(prerelease.length);
  }
  if (rest.startsWith('+')) {
    build = rest;
    if (!validIdentifiers(build.slice(1), false)) return undefined;
    rest = '';
  }
  if (rest !== '') return undefined;
  return { major, minor, patch, short: '', prerelease, build };
}

/** compareDecimal compares two digit strings without leading zeros as numbers. */
function compareDecimal(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

function comparePrerelease(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  const xs = x.slice(1).split('.');
  const ys = y.slice(1).split('.');
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const dx = xs[i]!;
    const dy = ys[i]!;
    if (dx === dy) continue;
    const nx = isNumeric(dx);
    const ny = isNumeric(dy);
    if (nx !== ny) return nx ? -1 : 1;
    if (nx && dx.length !== dy.length) return dx.length < dy.length ? -1 : 1;
    return dx < dy ? -1 : 1;
  }
  if (xs.length === ys.length) return 0;
  return xs.length < ys.length ? -1 : 1;
}

/** isValid reports whether v is a valid semantic version ("v1", "v1.2", "v1.2.3-pre+build"). */
export function isValid(v: string): boolean {
  return parse(v) !== undefined;
}

/**
 * canonical returns v as vX.Y.Z[-pre]: shorthands filled in, build metadata dropped.
 * It returns "" for an invalid version.
 */
export function canonical(v: string): string {
  const p = parse(v);
  if (!p) return '';
  if (p.build !== '') return v.slice(0, v.length - p.build.length);
  return v + p.short;
}

/** major returns the "vX" prefix of v ("v2" for "v2.1.0"), or "" if v is invalid. */
export function major(v: string): string {
  const p = parse(v);
  return p ? `v${p.major}` : '';
}

/** majorMinor returns the "vX.Y" prefix of v ("v2.1" for "v2.1.0", "v2.0" for "v2"), or "" if v is invalid. */
export function majorMinor(v: string): string {
  const p = parse(v);
  return p ? `v${p.major}.${p.minor}` : '';
}

/** prerelease returns the "-pre" suffix of v including its dash, or "" if none or v is invalid. */
export function prerelease(v: string): string {
  return parse(v)?.prerelease ?? '';
}

/** build returns the "+meta" suffix of v including its plus, or "" if none or v is invalid. */
export function build(v: string): string {
  return parse(v)?.build ?? '';
}

/**
 * compare orders a and b by semantic version precedence. Invalid versions sort below valid ones
 * and compare equal to each other; build metadata is ignored.
 */
export function compare(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const pa = parse(a);
  const pb = parse(b);
  if (!pa && !pb) return 0;
  if (!pa) return -1;
  if (!pb) return 1;
  return (
    compareDecimal(pa.major, pb.major) ||
    compareDecimal(pa.minor, pb.minor) ||
    compareDecimal(pa.patch, pb.patch) ||
    comparePrerelease(pa.prerelease, pb.prerelease)
  );
}

/**
 * max canonicalizes both arguments and returns the greater one (the second when they are equal),
 * as semver.Max does; "" when both are invalid.
 */
export function max(a: string, b: string): string {
  const ca = canonical(a);
  const cb = canonical(b);
  return compare(ca, cb) > 0 ? ca : cb;
}

/**
 * compareVersionsForSort is semver.Sort's order: by compare, then by plain string order so that
 * equal-precedence spellings ("v1.0.0+a", "v1.0.0+b", invalid strings) still sort deterministically.
 */
export function compareVersionsForSort(a: string, b: string): -1 | 0 | 1 {
  return compare(a, b) || compareGoStrings(a, b);
}

/** sortVersions returns a new array of the versions sorted as semver.Sort sorts them. */
export function sortVersions(list: readonly string[]): string[] {
  return [...list].sort(compareVersionsForSort);
}
