/**
 * Package vuln: known vulnerabilities of a build list, from the Go vulnerability database in
 * OSV form (https://go.dev/security/vuln/database, https://ossf.github.io/osv-schema/).
 *
 * Domain rules, as golang.org/x/vuln (govulncheck) applies them:
 * - An entry's "affected" list names modules by path ("stdlib" and "toolchain" stand for the
 *   standard library and the go command, both versioned as the Go release in semver form:
 *   go1.21.3 is v1.21.3, go1.22rc1 is v1.22.0-rc.1).
 * - Versions in ranges carry no "v"; they compare with go's semver order after adding one
 *   (pseudo-versions are prereleases of their base; "+incompatible" is build metadata and is
 *   ignored by the order). "introduced": "0" is before every version.
 * - Only SEMVER ranges count; an affected module with no SEMVER range affects every version.
 * - A withdrawn entry (withdrawn time in the past) affects nothing.
 * This file holds the entry types and their validation; nothing here reads files or the network.
 */

/** OsvEvent is one event of a range: exactly one of its fields is set. */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  /** last_affected is OSV's inclusive upper bound (the Go database does not use it). */
  readonly last_affected?: string;
  readonly limit?: string;
}

/** OsvRange is a list of events of one type (only "SEMVER" is read). */
export interface OsvRange {
  readonly type: string;
  readonly events: readonly OsvEvent[];
}

/** OsvImport is one package of an affected module, with the symbols and platforms affected. */
export interface OsvImport {
  readonly path: string;
  readonly goos?: readonly string[];
  readonly goarch?: readonly string[];
  readonly symbols?: readonly string[];
}

/** OsvAffected is one affected module. */
export interface OsvAffected {
  readonly package: { readonly name: string; readonly ecosystem: string };
  readonly ranges?: readonly OsvRange[];
  readonly ecosystem_specific?: { readonly imports?: readonly OsvImport[] };
  readonly database_specific?: Readonly<Record<string, unknown>>;
  readonly severity?: readonly OsvSeverity[];
}

/** OsvSeverity is a score as OSV writes it (CVSS vector or a named level). */
export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

/** OsvReference is a link with its kind (ADVISORY, FIX, REPORT, WEB, ...). */
export interface OsvReference {
  readonly type: string;
  readonly url: string;
}

/** OsvEntry is one vulnerability report. */
export interface OsvEntry {
  readonly schema_version?: string;
  readonly id: string;
  readonly modified?: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly affected: readonly OsvAffected[];
  readonly references?: readonly OsvReference[];
  readonly severity?: readonly OsvSeverity[];
  readonly database_specific?: Readonly<Record<string, unknown>> & { readonly url?: string; readonly review_status?: string; readonly severity?: string };
}

/** STDLIB_MODULE and TOOLCHAIN_MODULE are the database's names for Go itself. */
export const STDLIB_MODULE = 'stdlib';
export const TOOLCHAIN_MODULE = 'toolchain';

/** OsvFormatError is an entry that cannot be read; where names the file or URL it came from. */
export class OsvFormatError extends Error {
  readonly code = 'vulndb-corrupt';
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'OsvFormatError';
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function optString(o: Record<string, unknown>, k: string, where: string): void {
  if (o[k] !== undefined && typeof o[k] !== 'string') throw new OsvFormatError(where, `${k} is not a string`);
}

function stringList(o: Record<string, unknown>, k: string, where: string): void {
  const v = o[k];
  if (v === undefined || v === null) return;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new OsvFormatError(where, `${k} is not a list of strings`);
}

/**
 * parseOsvEntry checks that x has the shape govulncheck decodes (id, affected modules with
 * ranges of events) and returns it typed. Unknown fields are kept; wrong types are refused with
 * the entry's place, so that one bad file names itself instead of spoiling a scan silently.
 */
export function parseOsvEntry(x: unknown, where: string): OsvEntry {
  if (!isObject(x)) throw new OsvFormatError(where, 'not a JSON object');
  if (typeof x.id !== 'string' || x.id === '') throw new OsvFormatError(where, 'missing id');
  const at = `${where} (${x.id})`;
  for (const k of ['schema_version', 'modified', 'published', 'withdrawn', 'summary', 'details']) optString(x, k, at);
  for (const k of ['modified', 'published', 'withdrawn']) {
    if (typeof x[k] === 'string' && Number.isNaN(Date.parse(x[k] as string))) throw new OsvFormatError(at, `${k} is not a time: ${JSON.stringify(x[k])}`);
  }
  stringList(x, 'aliases', at);
  if (x.affected === null || x.affected === undefined) x.affected = [];
  if (!Array.isArray(x.affected)) throw new OsvFormatError(at, 'affected is not a list');
  x.affected.forEach((a: unknown, i) => {
    const ai = `${at} affected[${i}]`;
    if (!isObject(a) || !isObject(a.package) || typeof a.package.name !== 'string') throw new OsvFormatError(ai, 'missing package name');
    if (a.ranges !== undefined && a.ranges !== null) {
      if (!Array.isArray(a.ranges)) throw new OsvFormatError(ai, 'ranges is not a list');
      a.ranges.forEach((r: unknown, j) => {
        if (!isObject(r) || typeof r.type !== 'string') throw new OsvFormatError(`${ai} ranges[${j}]`, 'missing type');
        if (r.events === null || r.events === undefined) r.events = [];
        if (!Array.isArray(r.events)) throw new OsvFormatError(`${ai} ranges[${j}]`, 'events is not a list');
        for (const e of r.events as unknown[]) {
          if (!isObject(e)) throw new OsvFormatError(`${ai} ranges[${j}]`, 'an event is not an object');
          for (const k of ['introduced', 'fixed', 'last_affected', 'limit']) optString(e, k, `${ai} ranges[${j}]`);
        }
      });
    }
  });
  if (x.references !== undefined && x.references !== null && !Array.isArray(x.references)) throw new OsvFormatError(at, 'references is not a list');
  return x as unknown as OsvEntry;
}

/** isWithdrawn says whether e was withdrawn before now (govulncheck then ignores it). */
export function isWithdrawn(e: OsvEntry, now: Date): boolean {
  return e.withdrawn !== undefined && Date.parse(e.withdrawn) < now.getTime();
}

/** severityOf returns the entry's severity as it names it: a level (GHSA's) or a CVSS vector, else undefined. */
export function severityOf(e: OsvEntry): string | undefined {
  const level = e.database_specific?.severity;
  if (typeof level === 'string' && level !== '') return level;
  const s = e.severity?.[0] ?? e.affected.find((a) => a.severity && a.severity.length > 0)?.severity?.[0];
  return s ? `${s.type} ${s.score}` : undefined;
}

/** entryUrl is the page the Go team publishes for an entry (pkg.go.dev/vuln/ID). */
export function entryUrl(e: Pick<OsvEntry, 'id'>): string {
  return `https://pkg.go.dev/vuln/${encodeURIComponent(e.id)}`;
}
