/**
 * Known vulnerabilities of a project's build list (issue 16): the build list as `go list -m all`
 * reports it, matched against the vulnerability database (sources/vulndb), and the go get that
 * fixes them, computed and previewed with the same go get engine `gomodx get` uses.
 */
import type { ModuleVersion } from '../../shared/model/module-version';
import { planGet } from '../core/modget/go-get';
import { planFixes, type FixPlan, type FixPorts } from '../core/vuln/fix-plan';
import { matchTargets, scanTargets, type ScannedModule, type ScanTarget, type VulnFinding } from '../core/vuln/match-build-list';
import type { OsvEntry } from '../core/vuln/osv-entry';
import { openVulnDb, type VulnDb } from '../sources/vulndb/vuln-db';
import { openGetProject, withUnzipNotes, type GetProject } from './get-modules';
import { listAllModules } from './list-modules';
import { openProject, type Project } from './project';

type Env = Readonly<Record<string, string | undefined>>;

/** VulnScanOptions says which project, which database and how to report progress. */
export interface VulnScanOptions {
  readonly dir: string;
  readonly env: Env;
  /** db is --db (a URL or "proxy"); default GOVULNDB, else auto (see vuln-db.ts). */
  readonly db?: string;
  readonly refresh?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
  readonly warn?: (line: string) => void;
  readonly now?: () => Date;
}

/** VulnScan is a scan's whole answer. */
export interface VulnScan {
  readonly db: VulnDb;
  /** goVersion is the Go version stdlib and toolchain were matched at ("1.26.8"). */
  readonly goVersion: string;
  readonly buildList: readonly ScannedModule[];
  readonly targets: readonly ScanTarget[];
  /** entries are every entry of every scanned path (what govulncheck prints as osv messages). */
  readonly entries: ReadonlyMap<string, readonly OsvEntry[]>;
  readonly findings: readonly VulnFinding[];
}

/** scannedModules turns `go list -m all`'s modules into what the matcher reads. */
function scannedModules(modules: readonly { path: string; version?: string; replace?: { path: string; version?: string } }[]): ScannedModule[] {
  return modules.map((m) => ({
    path: m.path,
    version: m.version ?? '',
    ...(m.replace ? { replace: { path: m.replace.path, version: m.replace.version ?? '' } } : {}),
  }));
}

/** scanBuildList matches a build list against db (the part shared by scans and fix checks). */
export async function scanBuildList(db: VulnDb, buildList: readonly ScannedModule[], goVersion: string, now: Date, signal?: AbortSignal): Promise<Omit<VulnScan, 'db' | 'goVersion' | 'buildList'>> {
  const targets = scanTargets(buildList, goVersion);
  const entries = await db.entriesFor(
    targets.map((t) => t.path),
    signal,
  );
  const findings = matchTargets(targets, (p) => entries.get(p) ?? [], now);
  return { targets, entries, findings };
}

/** scanProject lists the project's build list and matches it against the database. */
export async function scanProject(opts: VulnScanOptions, opened?: Project): Promise<VulnScan> {
  const project = opened ?? (await openProject({ dir: opts.dir, env: opts.env, buildMod: 'readonly', signal: opts.signal, warn: opts.warn }));
  opts.onProgress?.('loading the build list');
  const listed = await listAllModules(project, { json: false });
  if (listed.code !== 0) throw new Error(listed.stderr.replace(/^go: /, '').trim());
  const buildList = scannedModules(listed.modules);
  const db = await openVulnDb({ env: opts.env, goEnv: project.env, db: opts.db, refresh: opts.refresh, signal: opts.signal, onProgress: opts.onProgress, now: opts.now });
  opts.onProgress?.('checking the build list for known vulnerabilities');
  const goVersion = project.toolchain.version;
  const now = opts.now?.() ?? new Date();
  return { db, goVersion, buildList, ...(await scanBuildList(db, buildList, goVersion, now, opts.signal)) };
}

/** chooseFindings picks the findings a fix is asked for: by entry ID or module path, default all fixable module findings. */
export function chooseFindings(findings: readonly VulnFinding[], picks: readonly string[]): VulnFinding[] {
  const modules = findings.filter((f) => f.target.kind === 'module');
  if (picks.length === 0) return modules.filter((f) => f.fixedVersion !== '');
  return modules.filter((f) => picks.includes(f.id) || picks.includes(f.target.required) || picks.includes(f.target.path) || (f.entry.aliases ?? []).some((a) => picks.includes(a)));
}

/** afterReplacement applies the main module's replacements to a selected build list. */
function afterReplacement(p: GetProject, list: readonly ModuleVersion[]): ScannedModule[] {
  const mm = p.project.loader.mainModules;
  return list
    .filter((m) => m.path !== 'go' && m.path !== 'toolchain')
    .map((m) => {
      if (mm.contains(m.path)) return { path: m.path, version: '' };
      const r = mm.replacement(m);
      return r ? { path: m.path, version: m.version, replace: { path: r.to.path, version: r.to.version } } : { path: m.path, version: m.version };
    });
}

/** fixPorts answers the planner's questions with go get previews in the opened project p. */
export function fixPorts(p: GetProject, signal?: AbortSignal, scan?: Pick<VulnScan, 'db' | 'goVersion'>, trace?: (line: string) => void): FixPorts {
  const session = signal ? { ...p.session, signal } : p.session;
  const graph = p.project.loader.expandGraph(p.project.requirements).then((x) => x.mg.graph);
  return {
    signal,
    ...(scan ? { findingsIn: async (list: readonly ScannedModule[]) => (await scanBuildList(scan.db, list, scan.goVersion, new Date(), signal)).findings } : {}),
    versions: (path) => p.repository.versions(path, signal),
    buildListAfter: async (args) => {
      const t0 = performance.now();
      const plan = withUnzipNotes(p, await planGet(session, { args }));
      trace?.(`gomodx vuln fix: go get ${args.join(' ')}: ${plan.ok ? 'ok' : plan.stderr.trim().split('\n')[0]} (${Math.round(performance.now() - t0)} ms)`);
      if (!plan.ok || !plan.buildListAfter) return { ok: false, error: plan.stderr };
      return { ok: true, buildList: afterReplacement(p, plan.buildListAfter) };
    },
    directRequirers: async (path) => {
      const g = await graph;
      const out: { path: string; version: string }[] = [];
      for (const r of p.session.mainModule.file.require) {
        if (r.indirect || r.mod.path === path) continue;
        const seen = new Set<string>();
        const queue: ModuleVersion[] = [{ path: r.mod.path, version: g.selectedVersion(r.mod.path) }];
        let found = false;
        while (queue.length > 0 && !found) {
          const m = queue.shift()!;
          const k = `${m.path}@${m.version}`;
          if (seen.has(k)) continue;
          seen.add(k);
          for (const q of g.requiredBy(m) ?? []) {
            if (q.path === path) found = true;
            queue.push({ path: q.path, version: g.selectedVersion(q.path) });
          }
        }
        if (found) out.push({ path: r.mod.path, version: g.selectedVersion(r.mod.path) });
      }
      return out;
    },
  };
}

/**
 * planProjectFixes opens the project as go get does and plans the fix of chosen; with scan, it
 * also fixes what the plan's raises bring in (when every finding was chosen).
 */
export async function planProjectFixes(opts: VulnScanOptions, chosen: readonly VulnFinding[], scan?: Pick<VulnScan, 'db' | 'goVersion'>): Promise<{ project: GetProject; plan: FixPlan }> {
  const project = await openGetProject({ dir: opts.dir, env: opts.env, signal: opts.signal, warn: opts.warn });
  opts.onProgress?.('planning the go get that fixes them');
  // GOMODX_VULN_TRACE=1 prints each go get the planner previews, with its time.
  const trace = opts.env.GOMODX_VULN_TRACE === '1' && opts.warn ? opts.warn : undefined;
  const plan = await planFixes(chosen, fixPorts(project, opts.signal, scan, trace));
  return { project, plan };
}
