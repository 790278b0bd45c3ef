import type { ModuleVersion } from '../../../shared/model/module-version';
import { isToolchainPath, modCompare, modIsValid } from '../gover/gover';
import { modSort } from '../gover/module-sort';
import { keyOf, RequirementGraph } from '../mvs/graph';
import { BuildListError, formatModule } from '../mvs/build-list-error';
import { minimalRequirements } from '../mvs/req';
import { versionError } from '../modpath/module-errors';
import type { ModFileView } from './mod-file-view';
import type { MainModuleSet } from './main-modules';
import type { LoadProgress, ModuleFetcher, SumLookup, SummaryCache } from './ports';
import { followsAllRequirements, requirementPruning, summaryFromModFile, virtualSummary, type ModFileSummary, type Pruning } from './summary';
import { cleanJoin, isAbsolutePath } from './file-path';

/** BuildMod is the -mod flag: readonly refuses to fix go.mod, mod fixes it in memory. */
export type BuildMod = 'readonly' | 'mod';

/** LoaderOptions wires a loader to the world. */
export interface LoaderOptions {
  readonly mainModules: MainModuleSet;
  readonly fetcher: ModuleFetcher;
  readonly sums: SumLookup;
  readonly buildMod: BuildMod;
  /** -mod came from GOFLAGS rather than the command's default. */
  readonly buildModExplicit?: boolean;
  /** cfg.BuildModReason: why the default -mod was chosen (vendor directory rules). */
  readonly buildModReason?: string;
  /** The Go version whose rules we follow, e.g. "1.26.8" (go.mod files above it are refused). */
  readonly localGo: string;
  /** What TooNewError adds after the running version, e.g. "; GOTOOLCHAIN=local". */
  readonly toolchainExplain?: string;
  /** Lax go.mod parser (dependencies' go.mod files); throws with go's error text. */
  readonly parseLax: (fileName: string, data: string) => ModFileView;
  /** base.ShortPath: a path relative to the working directory when that is shorter. */
  readonly shortPath: (p: string) => string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Remembered summaries of published go.mod files (checked against go.sum by the cache). */
  readonly summaryCache?: SummaryCache;
}

/** GoModDirtyError is go's "updates to go.mod needed" refusal in -mod=readonly. */
export class GoModDirtyError extends Error {
  /** explicit: -mod was set by the user (GOFLAGS); reason: why -mod has its default value. */
  constructor(buildMod = 'readonly', explicit = false, reason = '') {
    super(
      explicit
        ? `updates to go.mod needed, disabled by -mod=${buildMod}; to update it:\n\tgo mod tidy`
        : reason !== ''
          ? `updates to go.mod needed, disabled by -mod=${buildMod}\n\t(${reason})\n\tto update it:\n\tgo mod tidy`
          : 'updates to go.mod needed; to update it:\n\tgo mod tidy',
    );
    this.name = 'GoModDirtyError';
  }
}

/** SumMissingError is go's "missing go.sum entry" for a go.mod it must read. */
export class SumMissingError extends Error {
  constructor(suggestion: string) {
    super('missing go.sum entry' + suggestion);
    this.name = 'SumMissingError';
  }
}

/** cmpVersion orders versions of one path; a main module's "" beats every version. */
export function cmpVersion(path: string, a: string, b: string): number {
  if (b === '') return a === '' ? 0 : -1;
  if (a === '') return 1;
  return modCompare(path, a, b);
}

type SummaryResult = { ok: true; summary: ModFileSummary } | { ok: false; error: Error };

/** PrunedRootsAdding is what package loading brings to updatePrunedRoots. */
export interface PrunedRootsAdding {
  /** roots are rs's roots with the added ones, module.Sort-ed if any was added. */
  readonly roots: readonly ModuleVersion[];
  /** rootsUpgraded: some root was added. */
  readonly rootsUpgraded: boolean;
  /** graphLoaded tells whether go has loaded the graph of rs (then it is used, not spot-checked). */
  graphLoaded(rs: Requirements): boolean;
  /** graphOf loads the graph of rs (recording that go loaded it). */
  graphOf(rs: Requirements): Promise<ModuleGraphResult>;
  /** spotCheck tells whether rs's roots satisfy the go.mod files of the packages' modules. */
  spotCheck(rs: Requirements): Promise<boolean>;
}

/** Requirements is the root set of a build (modload.Requirements): roots, pruning, direct paths. */
export class Requirements {
  readonly maxRootVersion = new Map<string, string>();
  private graphPromise?: Promise<ModuleGraphResult>;

  constructor(
    readonly pruning: Pruning,
    readonly rootModules: readonly ModuleVersion[],
    readonly direct: ReadonlyMap<string, boolean>,
  ) {
    if (!rootModules.some((m) => m.path === 'go')) throw new Error('go: internal error: missing go root module');
    for (const m of rootModules) {
      const v = this.maxRootVersion.get(m.path);
      if (v !== undefined && modCompare(m.path, v, m.version) >= 0) continue;
      this.maxRootVersion.set(m.path, m.version);
    }
  }

  /** graph loads (once) the module graph of these roots. */
  graph(loader: Loader): Promise<ModuleGraphResult> {
    if (this.graphPromise) return loader.askLogging ? this.graphPromise.then((mg) => (loader.noteGraphAsked(mg), mg)) : this.graphPromise;
    this.graphPromise = loader.readModGraph(this.pruning, this.rootModules, undefined);
    return this.graphPromise;
  }

  /**
   * adoptGraph gives these requirements a graph already loaded for exactly their roots and
   * pruning, with no unprune set (editRequirements' last round), instead of loading it again.
   */
  adoptGraph(mg: ModuleGraphResult): void {
    this.graphPromise ??= Promise.resolve(mg);
  }

  /** rootSelected is the version of path among the roots (a main module's is ""). */
  rootSelected(loader: Loader, path: string): string | undefined {
    if (loader.mainModules.contains(path)) return '';
    return this.maxRootVersion.get(path);
  }

  hasRedundantRoot(loader: Loader): boolean {
    return this.rootModules.some((m, i) => loader.mainModules.contains(m.path) || (i > 0 && m.path === this.rootModules[i - 1].path));
  }
}

/** ModuleGraphResult is a loaded graph and the first load error on a path from a root, if any. */
export interface ModuleGraphResult {
  readonly graph: RequirementGraph;
  readonly error?: BuildListError;
  /** The summaries of every node whose go.mod was loaded into this graph. */
  readonly loaded: ReadonlyMap<string, ModFileSummary>;
  /** Why loading a node's go.mod failed, by keyOf(node) (go get's editRequirements reads these). */
  readonly loadErrors?: ReadonlyMap<string, Error>;
}

function sameMap(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function sameList(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i].path && m.version === b[i].version);
}

/**
 * Loader holds one loading session: the main modules, the caches of go.mod summaries, and the
 * operations of modload that build and fix the module graph.
 */
export class Loader {
  readonly mainModules: MainModuleSet;
  /** rawGoVersion: the go line of every go.mod read, keyed by the module it was read for. */
  readonly rawGoVersion = new Map<string, string>();
  private readonly rawSummaries = new Map<string, SummaryResult | Promise<SummaryResult>>();
  private readonly checkedSummaries = new Map<string, SummaryResult>();
  /** The go.mod files one command asked for (startAskLog), cached answers included. */
  private askLog: Set<string> | undefined;
  private notedGraphs = new WeakSet<ModuleGraphResult>();
  private progressDone = 0;
  private progressTotal = 0;

  constructor(readonly opts: LoaderOptions) {
    this.mainModules = opts.mainModules;
  }

  /** dirtyError is the refusal to change go.mod, worded for this loader's -mod setting. */
  dirtyError(): GoModDirtyError {
    return new GoModDirtyError(this.opts.buildMod, this.opts.buildModExplicit, this.opts.buildModReason);
  }

  get mustHaveSums(): boolean {
    return this.opts.buildMod === 'readonly' && !this.mainModules.inWorkspace;
  }

  get mustHaveCompleteRequirements(): boolean {
    return this.opts.buildMod !== 'mod' && !this.mainModules.inWorkspace;
  }

  private haveSum(path: string, version: string): boolean {
    return this.opts.sums.hashes(path, version).length > 0;
  }

  /**
   * startAskLog begins recording which go.mod files the command about to run asks for. go
   * checks (and may add to go.sum) only what its own command read; a session of previews has
   * read more than any one of them.
   */
  startAskLog(): void {
    this.askLog = new Set();
    this.notedGraphs = new WeakSet();
  }

  /** askLogging tells whether a command's go.mod reads are being recorded (startAskLog). */
  get askLogging(): boolean {
    return this.askLog !== undefined;
  }

  /** noteGraphAsked records the go.mod files of a graph the session had loaded before: go loads it again. */
  noteGraphAsked(mg: ModuleGraphResult): void {
    if (!this.askLog || this.notedGraphs.has(mg)) return;
    this.notedGraphs.add(mg);
    for (const m of mg.graph.loadedModules()) this.askLog.add(keyOf(m));
  }

  /** askedThisCommand tells whether the command of startAskLog asked for m's go.mod (undefined: not recording). */
  askedThisCommand(m: ModuleVersion): boolean | undefined {
    return this.askLog?.has(keyOf(m));
  }

  /** noteGoModAsked records a go.mod read outside the summaries (a query's own look at one). */
  noteGoModAsked(m: ModuleVersion): void {
    this.askLog?.add(keyOf(m));
  }

  /** rawGoModSummary reads and condenses the go.mod of m, which is already the replacement. */
  rawGoModSummary(m: ModuleVersion): SummaryResult | Promise<SummaryResult> {
    this.askLog?.add(keyOf(m));
    if (isToolchainPath(m.path)) return { ok: true, summary: virtualSummary(m) };
    if (m.version === '' && this.mainModules.inWorkspace && this.mainModules.contains(m.path)) {
      const mm = this.mainModules.get(m.path)!;
      return this.finishSummary(m, mm.file);
    }
    const k = keyOf(m);
    const cached = this.rawSummaries.get(k);
    if (cached) return cached;
    if (m.version !== '') {
      const remembered = this.opts.summaryCache?.get(m);
      if (remembered) {
        const r = this.finishSummary(m, remembered);
        this.rawSummaries.set(k, r);
        return r;
      }
    }
    const p = this.readRawSummary(m).then((r) => {
      this.rawSummaries.set(k, r);
      return r;
    });
    this.rawSummaries.set(k, p);
    return p;
  }

  private finishSummary(m: ModuleVersion, f: ModFileView): SummaryResult {
    const { summary, tooNew } = summaryFromModFile(m, f, this.opts.localGo, this.opts.toolchainExplain ?? '');
    if (f.go && !this.rawGoVersion.has(keyOf(m))) this.rawGoVersion.set(keyOf(m), f.go.version);
    if (tooNew) return { ok: false, error: tooNew };
    return { ok: true, summary };
  }

  private async readRawSummary(m: ModuleVersion): Promise<SummaryResult> {
    let name: string;
    let data: string;
    this.progressTotal++;
    try {
      if (m.version === '') {
        const dir = isAbsolutePath(m.path) ? m.path : cleanJoin(this.mainModules.replaceRelativeTo(), m.path);
        name = cleanJoin(dir, 'go.mod');
        try {
          data = await this.opts.fetcher.readLocalGoMod(name);
        } catch (e) {
          return { ok: false, error: versionError(m, new Error(`reading ${this.opts.shortPath(name)}: ${(e as Error).message}`)) };
        }
      } else {
        if (!modIsValid(m.path, m.version)) throw new Error(`go: internal error: ${m.path}@${m.version}: unexpected invalid semantic version`);
        name = 'go.mod';
        try {
          data = await this.opts.fetcher.goMod(m, this.opts.signal);
        } catch (e) {
          // Cancellation and checksum mismatches stop the whole load, as base.Fatalf does in go.
          if (this.opts.signal?.aborted || (e as { fatal?: boolean }).fatal) throw e;
          return { ok: false, error: e as Error };
        }
      }
    } finally {
      this.progressDone++;
      this.opts.onProgress?.({ done: this.progressDone, total: this.progressTotal, current: m });
    }
    let f: ModFileView;
    try {
      f = this.opts.parseLax(name, data);
    } catch (e) {
      return { ok: false, error: versionError(m, new Error(`parsing ${m.version === '' ? this.opts.shortPath(name) : name}: ${(e as Error).message}`)) };
    }
    if (m.version !== '') this.opts.summaryCache?.put(m, f);
    return this.finishSummary(m, f);
  }

  /** goModSummary is the summary of m as the graph sees it: replaced, checked, excludes dropped. */
  goModSummary(m: ModuleVersion): SummaryResult | Promise<SummaryResult> {
    // Graph loads (and go get's repeated edits) ask for the same summaries over and over.
    const k = keyOf(m);
    this.askLog?.add(k);
    const cached = this.checkedSummaries.get(k);
    if (cached) return cached;
    const r = this.goModSummaryUncached(m);
    if (r instanceof Promise) return r.then((res) => (this.checkedSummaries.set(k, res), res));
    this.checkedSummaries.set(k, r);
    return r;
  }

  private goModSummaryUncached(m: ModuleVersion): SummaryResult | Promise<SummaryResult> {
    if (m.version === '' && !this.mainModules.inWorkspace && this.mainModules.contains(m.path)) {
      throw new Error('internal error: goModSummary called on a main module');
    }
    if (isToolchainPath(m.path)) return this.rawGoModSummary(m);
    const actual = this.mainModules.resolveReplacement(m);
    if (this.mustHaveSums && actual.version !== '' && !this.haveSum(actual.path, actual.version + '/go.mod')) {
      const suggestion = ` for go.mod file; to add it:\n\tgo mod download ${m.path}`;
      return { ok: false, error: versionError(actual, new SumMissingError(suggestion)) };
    }
    const raw = this.rawGoModSummary(actual);
    return raw instanceof Promise ? raw.then((r) => this.checkSummary(m, actual, r)) : this.checkSummary(m, actual, raw);
  }

  private checkSummary(m: ModuleVersion, actual: ModuleVersion, r: SummaryResult): SummaryResult {
    if (!r.ok) return r;
    let summary = r.summary;
    if (actual.version !== '') {
      if (summary.module.path === '') return { ok: false, error: versionError(actual, new Error('parsing go.mod: missing module line')) };
      const mpath = summary.module.path;
      if (mpath !== m.path && mpath !== actual.path) {
        return {
          ok: false,
          error: versionError(actual, new Error(`parsing go.mod:\n\tmodule declares its path as: ${mpath}\n\t        but was required as: ${m.path}`)),
        };
      }
    }
    if (summary.require.some((req) => this.mainModules.isExcluded(req))) {
      summary = { ...summary, require: summary.require.filter((req) => !this.mainModules.isExcluded(req)) };
    }
    return { ok: true, summary };
  }

  /**
   * readModGraph loads the graph of roots (modload.readModGraph): every root's go.mod, and
   * below it whatever pruning lets through.
   */
  async readModGraph(pruning: Pruning, roots: readonly ModuleVersion[], unprune: ReadonlySet<string> | undefined): Promise<ModuleGraphResult> {
    const mm = this.mainModules;
    const graphRoots = mm.inWorkspace ? roots : mm.versions;
    const g = new RequirementGraph(cmpVersion, graphRoots);
    if (pruning !== 'workspace') {
      if (mm.inWorkspace) throw new Error('internal error: pruning is not workspace in workspace mode');
      g.require(mm.versions[0], roots);
    }
    const loadResults = new Map<string, SummaryResult>();
    const loadedSummaries = new Map<string, ModFileSummary>();
    const loadingOne = new Map<string, Promise<SummaryResult> | SummaryResult>();
    const loadOne = (m: ModuleVersion): SummaryResult | Promise<SummaryResult> => {
      const k = keyOf(m);
      const existing = loadingOne.get(k);
      if (existing) return existing;
      const record = (r: SummaryResult): SummaryResult => {
        loadResults.set(k, r);
        if (r.ok) {
          g.require(m, r.summary.require);
          loadedSummaries.set(k, r.summary);
        }
        loadingOne.set(k, r);
        return r;
      };
      const s = this.goModSummary(m);
      const out = s instanceof Promise ? s.then(record) : record(s);
      loadingOne.set(k, out);
      return out;
    };

    const enqueued: Record<Pruning, Set<string>> = { pruned: new Set(), unpruned: new Set(), workspace: new Set() };
    let pending: Promise<void>[] = [];
    const work: { m: ModuleVersion; pruning: Pruning }[] = [];
    const visit = (p: Pruning, r: SummaryResult): void => {
      if (!r.ok) return;
      const summary = r.summary;
      const next = requirementPruning(p, summary.pruning);
      const all = followsAllRequirements(p, summary.pruning);
      for (const req of summary.require) {
        if (all || unprune?.has(keyOf(req))) enqueue(req, next);
      }
    };
    const enqueue = (m: ModuleVersion, p: Pruning): void => {
      if (m.version === 'none') return;
      const dk = keyOf(m);
      if (enqueued[p].has(dk)) return;
      enqueued[p].add(dk);
      work.push({ m, pruning: p });
    };
    const drain = (): void => {
      // Summaries already cached are handled synchronously; only fetches become promises.
      while (work.length > 0) {
        const { m, pruning: p } = work.pop()!;
        const r = loadOne(m);
        if (r instanceof Promise) pending.push(r.then((res) => visit(p, res)));
        else visit(p, r);
      }
    };
    const idle = async (): Promise<void> => {
      drain();
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        await Promise.all(batch);
        this.opts.signal?.throwIfAborted();
        drain();
      }
    };

    for (const m of roots) enqueue(m, pruning);
    await idle();

    if (pruning === 'workspace') {
      const hasDepsInAll = new Set<string>(roots.map((m) => m.path));
      const seen = new Set<string>();
      for (;;) {
        const needs = new Map<string, ModuleVersion>();
        for (const p of hasDepsInAll) {
          const m = { path: p, version: g.selectedVersion(p) };
          if (!seen.has(keyOf(m))) {
            needs.set(keyOf(m), m);
            continue;
          }
          for (const r of g.requiredBy(m) ?? []) {
            const s = { path: r.path, version: g.selectedVersion(r.path) };
            if (modCompare(r.path, s.version, r.version) > 0 && !seen.has(keyOf(s))) needs.set(keyOf(s), s);
          }
        }
        if (needs.size === 0) break;
        for (const m of needs.values()) {
          enqueue(m, 'workspace');
          seen.add(keyOf(m));
          hasDepsInAll.add(m.path);
        }
        await idle();
      }
    }

    let error: BuildListError | undefined;
    const failed = (m: ModuleVersion): boolean => {
      const r = loadResults.get(keyOf(m));
      return r !== undefined && !r.ok;
    };
    if ([...loadResults.values()].some((r) => !r.ok)) {
      const path = g.findPath(failed);
      if (path) {
        const r = loadResults.get(keyOf(path[path.length - 1]))!;
        error = new BuildListError((r as { error: Error }).error, path);
      }
    }
    const loadErrors = new Map<string, Error>();
    for (const [k, r] of loadResults) if (!r.ok) loadErrors.set(k, r.error);
    return { graph: g, error, loaded: loadedSummaries, loadErrors };
  }

  /** allRootsSelected reports whether every root of the main module is its path's selected version. */
  allRootsSelected(g: RequirementGraph): boolean {
    const roots = this.mainModules.inWorkspace ? this.mainModules.versions : (g.requiredBy(this.mainModules.versions[0]) ?? []);
    return roots.every((m) => g.selectedVersion(m.path) === m.version);
  }

  /**
   * expandGraph loads the graph of rs and, if some root is not selected, fixes the roots
   * (in memory) or, in -mod=readonly, refuses with GoModDirtyError. It throws the first error.
   */
  async expandGraph(rs: Requirements): Promise<{ rs: Requirements; mg: ModuleGraphResult }> {
    const r = await this.expandGraphPartial(rs);
    if (r.error) throw r.error;
    return r;
  }

  /**
   * expandGraphPartial is expandGraph that keeps what was loaded when it fails: go's listModules
   * still describes the modules of a partial graph before it reports the graph's error.
   */
  async expandGraphPartial(rs: Requirements): Promise<{ rs: Requirements; mg: ModuleGraphResult; error?: Error }> {
    let mg = await rs.graph(this);
    if (mg.error) return { rs, mg, error: mg.error };
    if (!this.allRootsSelected(mg.graph)) {
      let updated: Requirements;
      try {
        updated = await this.updateRoots(rs.direct, rs);
      } catch (e) {
        if ((e as { fatal?: boolean }).fatal || this.opts.signal?.aborted) throw e;
        return { rs, mg, error: e as Error };
      }
      rs = updated;
      mg = await rs.graph(this);
      if (mg.error) return { rs, mg, error: mg.error };
    }
    return { rs, mg };
  }

  /** updateRoots recomputes roots so that each is selected (modload.updateRoots, no packages). */
  updateRoots(direct: ReadonlyMap<string, boolean>, rs: Requirements): Promise<Requirements> {
    switch (rs.pruning) {
      case 'unpruned':
        return this.updateUnprunedRoots(direct, rs);
      case 'pruned':
        return this.updatePrunedRoots(direct, rs);
      case 'workspace':
        return Promise.resolve(new Requirements('workspace', rs.rootModules, direct));
    }
  }

  /**
   * updatePrunedRoots is modload.updatePrunedRoots, written once: each root path appears once,
   * at its selected version, until the graph selects every root. Without adding (the graph is
   * loaded: expandGraph) that is all; package loading (load/load.ts) passes the roots
   * its packages and go get add, go's spot check of the roots, and its record of which graphs
   * go has loaded.
   */
  async updatePrunedRoots(direct: ReadonlyMap<string, boolean>, rs: Requirements, adding?: PrunedRootsAdding): Promise<Requirements> {
    let roots: ModuleVersion[] = adding ? adding.roots.slice() : rs.rootModules.slice();
    let rootsUpgraded = adding?.rootsUpgraded ?? false;
    const graphOf = (r: Requirements): Promise<ModuleGraphResult> => (adding ? adding.graphOf(r) : r.graph(this));
    for (;;) {
      let mg: ModuleGraphResult | undefined;
      if (rootsUpgraded) {
        if (this.mustHaveCompleteRequirements) throw this.dirtyError();
        rs = new Requirements('pruned', roots, direct);
        mg = await graphOf(rs);
        if (mg.error) throw mg.error;
      } else if (!adding || adding.graphLoaded(rs)) {
        mg = await graphOf(rs);
      } else if (!(await adding.spotCheck(rs))) {
        mg = await graphOf(rs);
        if (mg.error) throw mg.error;
      }
      roots = [];
      rootsUpgraded = false;
      const inRootPaths = new Set(this.mainModules.versions.map((m) => m.path));
      for (const m of rs.rootModules) {
        if (inRootPaths.has(m.path)) continue;
        const v = mg ? mg.graph.selectedVersion(m.path) : rs.rootSelected(this, m.path)!;
        roots.push({ path: m.path, version: v });
        inRootPaths.add(m.path);
        if (v !== m.version) rootsUpgraded = true;
      }
      if (!rootsUpgraded) {
        if (this.opts.buildMod !== 'mod') return rs;
        break;
      }
    }
    if (rs.pruning === 'pruned' && sameList(roots, rs.rootModules) && sameMap(direct, rs.direct)) return rs;
    return new Requirements('pruned', roots, direct);
  }

  /** mvsRequired is mvsReqs.Required over loaded summaries: a main module requires keep. */
  private requiredFn(keep: readonly ModuleVersion[], loaded: ReadonlyMap<string, ModFileSummary>): (m: ModuleVersion) => readonly ModuleVersion[] {
    return (m) => {
      if (m.version === '' && this.mainModules.contains(m.path)) return keep;
      if (m.version === 'none') return [];
      const s = loaded.get(keyOf(m));
      if (s) return s.require;
      const r = this.goModSummary(m);
      if (r instanceof Promise) throw new Error(`internal error: requirements of ${formatModule(m)} not loaded`);
      if (!r.ok) throw r.error;
      return r.summary.require;
    };
  }

  /**
   * updateUnprunedRoots re-minimizes roots over the graph of rs (modload.updateUnprunedRoots);
   * every go.mod below the roots must already be cached (load an unpruned graph first).
   */
  async updateUnprunedRoots(direct: ReadonlyMap<string, boolean>, rs: Requirements): Promise<Requirements> {
    const mg = await rs.graph(this);
    if (mg.error) throw mg.error;
    const g = mg.graph;
    if (this.mustHaveCompleteRequirements) {
      for (const m of rs.rootModules) if (m.version !== g.selectedVersion(m.path)) throw this.dirtyError();
      for (const [p] of direct) if (rs.rootSelected(this, p) === undefined) throw this.dirtyError();
      return rs;
    }
    const rootPaths: string[] = [];
    const inRootPaths = new Set<string>();
    for (const root of rs.rootModules) {
      if (!inRootPaths.has(root.path) && g.selectedVersion(root.path) === root.version) {
        rootPaths.push(root.path);
        inRootPaths.add(root.path);
      }
    }
    const keep = g.buildList().slice(this.mainModules.versions.length);
    for (const m of keep) {
      if (direct.get(m.path) && !inRootPaths.has(m.path)) {
        rootPaths.push(m.path);
        inRootPaths.add(m.path);
      }
    }
    let roots: ModuleVersion[] = [];
    for (const main of this.mainModules.versions) {
      roots = roots.concat(minimalRequirements(main, rootPaths, this.requiredFn(keep, mg.loaded), cmpVersion));
    }
    if (this.mainModules.versions.length > 1) roots = modSort(roots);
    if (rs.pruning === 'unpruned' && sameList(roots, rs.rootModules) && sameMap(direct, rs.direct)) return rs;
    return new Requirements('unpruned', roots, direct);
  }
}

