/**
 * Matching a whole build list against the database: every selected module version as the build
 * uses it (after replacement), and Go itself (stdlib, toolchain) at the Go version that runs.
 */
import { isWithdrawn, STDLIB_MODULE, TOOLCHAIN_MODULE, type OsvAffected, type OsvEntry } from './osv-entry';
import { affects, earliestFix, goTagToSemver } from './osv-range';

/** ScannedModule is one line of the build list, as `go list -m all` reports it. */
export interface ScannedModule {
  readonly path: string;
  /** version is "" for a main module. */
  readonly version: string;
  /** replace is the replacement in effect; its version is "" for a directory. */
  readonly replace?: { readonly path: string; readonly version: string };
}

/** ScanTarget is a module version the database is asked about. */
export interface ScanTarget {
  /** path and version are the code the build uses (the replacement's, when replaced). */
  readonly path: string;
  readonly version: string;
  /** required is the path the build list names (differs from path under a path replacement). */
  readonly required: string;
  /** selected is the version the build list selects for required (before replacement; "" for Go itself). */
  readonly selected: string;
  readonly kind: 'module' | 'stdlib' | 'toolchain';
}

/** VulnFinding is one entry that affects one scanned module version. */
export interface VulnFinding {
  readonly id: string;
  readonly target: ScanTarget;
  /** fixedVersion is the lowest version above target.version that is not affected again ("" if none). */
  readonly fixedVersion: string;
  /** entry is the whole entry, as the database holds it. */
  readonly entry: OsvEntry;
  /** affected are the entry's affected items for target.path whose ranges contain target.version. */
  readonly affected: readonly OsvAffected[];
}

/**
 * scanTargets lists what a build list asks the database about: each module version as the
 * build uses it, skipping main modules and directory replacements (they have no version to
 * match), then stdlib and toolchain at goVersion ("1.26.8", "go1.26.8"), when it is a release.
 */
export function scanTargets(modules: readonly ScannedModule[], goVersion: string | undefined): ScanTarget[] {
  const out: ScanTarget[] = [];
  const seen = new Set<string>();
  for (const m of modules) {
    const path = m.replace ? m.replace.path : m.path;
    const version = m.replace ? m.replace.version : m.version;
    if (version === '' || m.path === 'go' || m.path === 'toolchain') continue;
    const k = `${path}@${version}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ path, version, required: m.path, selected: m.version, kind: 'module' });
  }
  if (goVersion) {
    const v = goTagToSemver(goVersion.startsWith('go') ? goVersion : 'go' + goVersion);
    if (v !== '') {
      out.push({ path: STDLIB_MODULE, version: v, required: STDLIB_MODULE, selected: '', kind: 'stdlib' });
      out.push({ path: TOOLCHAIN_MODULE, version: v, required: TOOLCHAIN_MODULE, selected: '', kind: 'toolchain' });
    }
  }
  return out;
}

/**
 * matchTargets returns, for each target in order, the entries of entriesFor(target.path) that
 * affect it, by entry ID. Withdrawn entries are skipped; an entry's items for other modules
 * (a report may name several) never decide about this one.
 */
export function matchTargets(targets: readonly ScanTarget[], entriesFor: (path: string) => readonly OsvEntry[], now: Date): VulnFinding[] {
  const out: VulnFinding[] = [];
  for (const t of targets) {
    const found: VulnFinding[] = [];
    for (const e of entriesFor(t.path)) {
      if (isWithdrawn(e, now)) continue;
      const mine = e.affected.filter((a) => a.package.name === t.path);
      const hit = mine.filter((a) => affects(a.ranges, t.version));
      if (hit.length === 0) continue;
      found.push({ id: e.id, target: t, fixedVersion: earliestFix(mine, t.version), entry: e, affected: hit });
    }
    found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.push(...found);
  }
  return out;
}

/** VulnSummary counts findings the way the status bar and the CLI's last line say them. */
export interface VulnSummary {
  readonly findings: number;
  readonly entries: number;
  readonly modules: number;
  readonly fixable: number;
}

/** summarize counts distinct entries, affected module versions and the findings with a fix. */
export function summarize(findings: readonly VulnFinding[]): VulnSummary {
  return {
    findings: findings.length,
    entries: new Set(findings.map((f) => f.id)).size,
    modules: new Set(findings.map((f) => `${f.target.path}@${f.target.version}`)).size,
    fixable: findings.filter((f) => f.fixedVersion !== '').length,
  };
}
