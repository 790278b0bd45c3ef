/**
 * Version matching against OSV ranges, with the rules govulncheck applies (see osv-entry.ts):
 * versions are compared as go compares module versions once a "v" is put in front of them.
 */
import { compare, isValid } from '../semver/semver';
import type { OsvAffected, OsvEvent, OsvRange } from './osv-entry';

/** withV turns "1.2.3", "v1.2.3" and "go1.2.3"-style spellings into "v1.2.3" for go's semver order. */
export function withV(v: string): string {
  const bare = v.startsWith('v') ? v.slice(1) : v.startsWith('go') ? v.slice(2) : v;
  return 'v' + bare;
}

/** less orders two database or module versions as govulncheck does (invalid ones first). */
export function less(a: string, b: string): boolean {
  return compare(withV(a), withV(b)) < 0;
}

/** isValidVersion says whether v is a version go's semver order knows (with or without "v"). */
export function isValidVersion(v: string): boolean {
  return isValid(withV(v));
}

/** eventKey is the version an event sits at ("0" sorts before everything). */
function eventKey(e: OsvEvent): string {
  return e.fixed ?? e.last_affected ?? e.limit ?? e.introduced ?? '';
}

function isStart(e: OsvEvent): boolean {
  return e.introduced === '0';
}

/** sortedEvents orders a range's events by version, "introduced: 0" first; ties keep their order. */
function sortedEvents(r: OsvRange): OsvEvent[] {
  return [...r.events].sort((x, y) => {
    if (isStart(x)) return isStart(y) ? 0 : -1;
    if (isStart(y)) return 1;
    return compare(withV(eventKey(x)), withV(eventKey(y)));
  });
}

/**
 * rangeContains says whether v falls in r. Walking the events in version order, an
 * "introduced" at or below v opens the affected span, a "fixed" at or below v closes it, and a
 * "last_affected" below v closes it. A range without events contains every version; a range
 * that is not SEMVER contains none.
 */
export function rangeContains(r: OsvRange, v: string): boolean {
  if (r.type !== 'SEMVER') return false;
  if (r.events.length === 0) return true;
  let affected = false;
  for (const e of sortedEvents(r)) {
    if (!affected) {
      if (e.introduced !== undefined && e.introduced !== '') affected = e.introduced === '0' || !less(v, e.introduced);
    } else if (e.fixed !== undefined && e.fixed !== '') {
      affected = less(v, e.fixed);
    } else if (e.last_affected !== undefined && e.last_affected !== '') {
      affected = !less(e.last_affected, v);
    }
  }
  return affected;
}

/**
 * affects says whether version v of a module is affected by ranges: no ranges, or no SEMVER
 * range among them, means every version (govulncheck's semver.Affects).
 */
export function affects(ranges: readonly OsvRange[] | undefined, v: string): boolean {
  const semverRanges = (ranges ?? []).filter((r) => r.type === 'SEMVER');
  if (semverRanges.length === 0) return true;
  return semverRanges.some((r) => rangeContains(r, v));
}

/**
 * earliestFix is the lowest "fixed" version above v that no range of the module puts back in
 * the affected span (govulncheck's FixedVersion), with a "v" in front; "" when there is none.
 */
export function earliestFix(affected: readonly OsvAffected[], v: string): string {
  const fixes: string[] = [];
  for (const a of affected) {
    for (const r of a.ranges ?? []) {
      if (r.type !== 'SEMVER') continue;
      for (const e of r.events) if (e.fixed && less(v, e.fixed)) fixes.push(e.fixed);
    }
  }
  fixes.sort((x, y) => compare(withV(x), withV(y)));
  for (const f of fixes) {
    const negated = affected.some((a) => (a.ranges ?? []).some((r) => rangeContains(r, f)));
    if (!negated) return f.startsWith('v') ? f : 'v' + f;
  }
  return '';
}

/**
 * latestFix is the fix after which no version is affected again (the "fixed" field of the
 * database's modules index); "" when a later introduction, or no fix, leaves it open.
 */
export function latestFix(ranges: readonly OsvRange[] | undefined): string {
  let latest = '';
  for (const r of ranges ?? []) {
    if (r.type !== 'SEMVER') continue;
    for (const e of r.events) if (e.fixed && less(latest, e.fixed)) latest = e.fixed;
    if (r.events.some((e) => e.introduced && e.introduced !== '0' && less(latest, e.introduced))) return '';
  }
  return latest;
}

/**
 * goTagToSemver spells a Go release as the database versions stdlib and toolchain:
 * go1.21.3 → v1.21.3, go1.21 → v1.21.0, go1.22rc1 → v1.22.0-rc.1, go1 → v1.0.0; "" when the tag
 * is not a release (go1.0, devel builds).
 */
export function goTagToSemver(tag: string): string {
  const t = tag.trim().split(/\s+/)[0] ?? '';
  if (t === 'go1') return 'v1.0.0';
  if (t === 'go1.0') return '';
  const m = /^go(\d+\.\d+)(\.\d+|)((beta|rc|-pre)(\d+))?$/.exec(t);
  if (!m) return '';
  let v = 'v' + m[1] + (m[2] !== '' ? m[2] : '.0');
  if (m[3]) v += (m[4]!.startsWith('-') ? '' : '-') + m[4] + '.' + m[5];
  return v;
}

/** semverToGoTag spells a database version of Go as a release: v1.21.3 → go1.21.3, v1.20.0 → go1.20, v1.22.0-rc.1 → go1.22rc1. */
export function semverToGoTag(v: string): string {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([a-z]+)\.?(\d+))?$/.exec(v);
  if (!m) return v;
  const [, major, minor, patch, pre, n] = m;
  if (`${major}.${minor}.${patch}` === '1.0.0' && !pre) return 'go1';
  const mm = Number(minor);
  let s = `go${major}.${minor}`;
  if (pre) return `${s}${pre}${n}`;
  if (patch !== '0' || (Number(major) > 1 || mm >= 21)) s += `.${patch}`;
  return s;
}
