/**
 * Package loading as go get needs it (modload.LoadPackages, loadFromRoots and the root updates
 * that loading makes): the packages that patterns name, the packages they import, the module
 * that provides each of them, and what that knowledge does to the requirements:
 *
 * - a module providing a package that the main module imports (transitively, "all"), that a
 *   pattern names, or (when roots count as imported, as in go get) that a named package imports
 *   becomes a root at its selected version, and the roots are then made consistent again;
 * - a module providing a package that a main-module package imports directly becomes "direct";
 * - with graph pruning, the module of each root package is made a root before anything else
 *   is loaded.
 *
 * Loading starts over whenever the roots change what a loaded package resolved to. Package
 * directories come from module zips, the main module's tree, and directory replacements; only
 * the "ignore" build constraint is evaluated, and standard-library packages are not read.
 *
 * This is load.go; import.go (which module provides a package) is import.ts, search.go (what a
 * pattern matches) is search.ts, and the package directories are read by package-tree.ts.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { goCompare, modCompare } from '../../gover/gover';
import { modSort } from '../../gover/module-sort';
import { Requirements, type Loader, type ModuleGraphResult } from '../loader';
import { pruningForGoVersion, TooNewError } from '../summary';
import { formatModule } from '../../mvs/build-list-error';
import { keyOf } from '../../mvs/graph';
import { convertPruning } from '../edit/edit-requirements';
import { ANY_TAGS } from './go-imports';
import { isLocalPattern, isMetaPackage } from './package-patterns';
import { NoGoError, cmpStrings, replacementOf } from './package-tree';
import { type PatternMatch, addMatchError, resolveLocalPackage, matchLocalDirs, matchPackages, matchMainModulePackages } from './search';
import { type PackageContext, graphOf } from './package-context';
import { NO_MODULE, importFromModules } from './import';

/** The package is in "all": the main module imports it, directly or not (or it is in the main module). */
const IN_ALL = 1;

/** The package matches one of the patterns loaded. */
const IS_ROOT = 2;

/** The package is imported, directly or not, by a package that matches a pattern. */
const FROM_ROOT = 4;

/** The package's imports have been read. */
const IMPORTS_LOADED = 8;

/** NarrowAllVersion: from go 1.16 on, "all" no longer closes over the tests of dependencies. */
const NARROW_ALL_VERSION = '1.16';

/** VersionChangeError marks a package whose module must move before its imports count (go get). */
export class VersionChangeError extends Error {
  constructor() {
    super('version change needed');
    this.name = 'VersionChangeError';
  }
}

/** LoadedPackage is one package of a load (modload's loadPkg). */
export interface LoadedPackage {
  readonly path: string;
  /** testOf is the package whose test this is (tests are loaded only for "all"). */
  readonly testOf?: LoadedPackage;
  flags: number;
  /** mod provides the package; { path: '' } for the standard library and missing packages. */
  mod: ModuleVersion;
  /** dir is where the package was found ("" when it was not), for messages. */
  dir: string;
  err?: Error;
  imports: LoadedPackage[];
  testImports: string[];
  test?: LoadedPackage;
  stack?: LoadedPackage | null;
}

/** LoadOptions are modload.PackageOpts, as far as go get uses them. */
export interface LoadOptions {
  /** anyTags reads every file but those that no build includes (imports.AnyTags); else the build's own tags. */
  readonly anyTags: boolean;
  /** assumeRootsImported treats the packages the roots import as if the main module imported them. */
  readonly assumeRootsImported?: boolean;
  /** allowPackage answers false when the module providing a package must change first. */
  readonly allowPackage?: (path: string, m: ModuleVersion) => Promise<boolean>;
  /** allowErrors prints package errors (as "go: ..." lines) instead of stopping (go get's final load). */
  readonly allowErrors?: boolean;
  /** silencePackageErrors neither prints nor stops for package errors (go get's resolver loads). */
  readonly silencePackageErrors?: boolean;
}

/** LoadResult is the outcome of one LoadPackages. */
export interface LoadResult {
  readonly rs: Requirements;
  readonly matches: readonly PatternMatch[];
  /** pkgs is every package loaded, tests included, in import-stack order (ld.pkgs). */
  readonly pkgs: readonly LoadedPackage[];
  /** loadedPackages are the non-test package paths, sorted. */
  readonly loadedPackages: readonly string[];
  /** stderr holds what go prints while loading (unmatched patterns, package errors with allowErrors). */
  readonly stderr: readonly string[];
  /** fatal holds errors that stop go (printed by the caller as "go: ..."). */
  readonly fatal: readonly string[];
  lookup(path: string): LoadedPackage | undefined;
}

function sameList(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

async function summaryOf(loader: Loader, m: ModuleVersion): Promise<readonly ModuleVersion[] | undefined> {
  const s = await loader.goModSummary(m);
  return s.ok ? s.summary.require : undefined;
}

/** spotCheckRoots tells whether the roots of rs satisfy the requirements of every module of mods. */
async function spotCheckRoots(loader: Loader, rs: Requirements, mods: readonly ModuleVersion[]): Promise<boolean> {
  const results = await Promise.all(
    mods.map(async (m) => {
      const reqs = await summaryOf(loader, m);
      if (!reqs) return false;
      for (const r of reqs) {
        const v = rs.rootSelected(loader, r.path);
        if (v !== undefined && modCompare(r.path, v, r.version) < 0) return false;
      }
      return true;
    }),
  );
  return results.every(Boolean);
}

function graphOrThrow(mg: ModuleGraphResult): ModuleGraphResult {
  if (mg.error) throw mg.error;
  return mg;
}

/** fromExternalModule tells whether pkg comes from a module other than a main module. */
function fromExternalModule(loader: Loader, pkg: LoadedPackage): boolean {
  return pkg.mod.path !== '' && !loader.mainModules.contains(pkg.mod.path);
}

/**
 * updatePrunedRoots is the package half of modload.updatePrunedRoots: the module of every
 * package in "all", every root package (and, with rootsImported, every package a root imports)
 * and every module of add becomes a root; Loader.updatePrunedRoots does the rest (each root
 * path once, at its selected version).
 */
async function updatePrunedRoots(
  ctx: PackageContext,
  direct: ReadonlyMap<string, boolean>,
  rs: Requirements,
  pkgs: readonly LoadedPackage[],
  add: readonly ModuleVersion[],
  rootsImported: boolean,
): Promise<Requirements> {
  const { loader } = ctx;
  let roots: ModuleVersion[] = rs.rootModules.slice();
  let rootsUpgraded = false;
  const spotCheck = new Map<string, ModuleVersion>();
  let needSort = false;
  for (const pkg of pkgs) {
    if (!fromExternalModule(loader, pkg)) continue;
    const f = pkg.flags;
    if (!(f & IN_ALL) && !(rootsImported && f & FROM_ROOT) && !(f & IS_ROOT)) continue;
    if (rs.rootSelected(loader, pkg.mod.path) !== undefined) spotCheck.set(keyOf(pkg.mod), pkg.mod);
    else {
      roots.push(pkg.mod);
      rootsUpgraded = true;
      needSort = true;
    }
  }
  for (const m of add) {
    const v = rs.rootSelected(loader, m.path);
    if (v === undefined || modCompare(m.path, v, m.version) < 0) {
      roots.push(m);
      rootsUpgraded = true;
      needSort = true;
    }
  }
  if (needSort) roots = modSort(roots);
  return loader.updatePrunedRoots(direct, rs, {
    roots,
    rootsUpgraded,
    graphLoaded: (r) => ctx.memory.isGraphLoaded(r),
    graphOf: (r) => graphOf(ctx, r),
    spotCheck: (r) => spotCheckRoots(loader, r, [...spotCheck.values()]),
  });
}

/** updateRoots is modload.updateRoots for a single main module. */
async function updateRoots(
  ctx: PackageContext,
  direct: ReadonlyMap<string, boolean>,
  rs: Requirements,
  pkgs: readonly LoadedPackage[],
  add: readonly ModuleVersion[],
  rootsImported: boolean,
): Promise<Requirements> {
  const { loader } = ctx;
  if (rs.pruning === 'unpruned') {
    if (add.length > 0) throw new Error('internal error: adding roots to an unpruned module graph is not supported');
    ctx.memory.markGraphLoaded(rs);
    return loader.updateUnprunedRoots(direct, rs);
  }
  if (rs.pruning === 'pruned') return updatePrunedRoots(ctx, direct, rs, pkgs, add, rootsImported);
  return new Requirements('workspace', rs.rootModules, direct);
}

/** The loader of one LoadPackages call (modload's loader). */
class PackageLoader {
  rs: Requirements;
  private cache = new Map<string, LoadedPackage>();
  roots: LoadedPackage[] = [];
  pkgs: LoadedPackage[] = [];
  private pending: LoadedPackage[] = [];
  private allClosesOverTests = false;
  /** loadError stopped the load (printed, with allowErrors). */
  loadError?: Error;

  constructor(
    private readonly ctx: PackageContext,
    rs: Requirements,
    private readonly opts: LoadOptions,
    private readonly allPatternIsRoot: boolean,
  ) {
    this.rs = rs;
  }

  private get loader(): Loader {
    return this.ctx.loader;
  }

  lookup(path: string): LoadedPackage | undefined {
    return this.cache.get(path);
  }

  private reset(): void {
    this.cache = new Map();
    this.roots = [];
    this.pkgs = [];
    this.pending = [];
  }

  private goVersion(): string {
    return this.rs.rootSelected(this.loader, 'go') ?? '';
  }

  /** pkg returns the package for path, created and queued for loading if new, with flags added. */
  pkg(path: string, flags: number): LoadedPackage {
    let p = this.cache.get(path);
    if (!p) {
      p = { path, flags: 0, mod: NO_MODULE, dir: '', imports: [], testImports: [] };
      this.cache.set(path, p);
      this.applyFlags(p, flags);
      this.pending.push(p);
      return p;
    }
    this.applyFlags(p, flags);
    return p;
  }

  private applyFlags(pkg: LoadedPackage, flags0: number): void {
    let flags = flags0;
    if (flags === 0) return;
    if (flags & IN_ALL && this.allPatternIsRoot && !pkg.testOf) flags |= IS_ROOT;
    if (flags & IS_ROOT) flags |= FROM_ROOT;
    const old = pkg.flags;
    const now = old | flags;
    pkg.flags = now;
    if (now === old || !(now & IMPORTS_LOADED)) return;
    if (!pkg.testOf) {
      const mainPkg = pkg.mod.path !== '' && pkg.mod.version === '' && this.loader.mainModules.contains(pkg.mod.path);
      const wantTest = (this.allPatternIsRoot && mainPkg) || (this.allPatternIsRoot && this.allClosesOverTests && now & IN_ALL);
      if (wantTest) {
        const testFlags = mainPkg || (this.allClosesOverTests && now & IN_ALL) ? IN_ALL : 0;
        this.pkgTest(pkg, testFlags);
      }
    }
    if (now & IN_ALL && (old & (IN_ALL | IMPORTS_LOADED)) !== (IN_ALL | IMPORTS_LOADED)) {
      // Just marked as in "all", or its imports just read: they are in "all" too.
      for (const dep of pkg.imports) this.applyFlags(dep, IN_ALL);
    }
    if (now & FROM_ROOT && (old & (FROM_ROOT | IMPORTS_LOADED)) !== (FROM_ROOT | IMPORTS_LOADED)) {
      for (const dep of pkg.imports) this.applyFlags(dep, FROM_ROOT);
    }
  }

  private pkgTest(pkg: LoadedPackage, testFlags: number): LoadedPackage {
    if (!pkg.test) {
      const test: LoadedPackage = { path: pkg.path, testOf: pkg, flags: 0, mod: pkg.mod, dir: pkg.dir, err: pkg.err, imports: [], testImports: [] };
      pkg.test = test;
      this.applyFlags(test, testFlags);
      const importFlags = test.flags & IN_ALL ? IN_ALL : 0;
      for (const p of pkg.testImports) test.imports.push(this.pkg(p, importFlags));
      pkg.testImports = [];
      this.applyFlags(test, IMPORTS_LOADED);
    } else {
      this.applyFlags(pkg.test, testFlags);
    }
    return pkg.test;
  }

  private async load(pkg: LoadedPackage): Promise<void> {
    let mg: ModuleGraphResult | undefined;
    if (this.rs.pruning === 'unpruned') {
      mg = await graphOf(this.ctx, this.rs);
      if (mg.error) mg = undefined;
    }
    const r = await importFromModules(this.ctx, pkg.path, this.rs, mg);
    pkg.mod = r.mod;
    pkg.dir = r.dir;
    pkg.err = r.err;
    // Tools are in "all", whether they can be found or not.
    if (this.ctx.tools.has(pkg.path)) this.applyFlags(pkg, IN_ALL);
    if (r.dir === '') return;
    const mms = this.loader.mainModules;
    if (pkg.mod.path !== '' && pkg.mod.version === '' && mms.contains(pkg.mod.path)) this.applyFlags(pkg, IN_ALL);
    if (this.opts.allowPackage && pkg.mod.path !== '' && pkg.mod.version !== '') {
      if (!(await this.opts.allowPackage(pkg.path, pkg.mod))) pkg.err = new VersionChangeError();
    }
    let imports: string[] = [];
    let testImports: string[] = [];
    if (!r.std) {
      const scanned = this.ctx.tree.scan(r.files ?? [], this.opts.anyTags ? ANY_TAGS : this.ctx.tags);
      if (scanned instanceof NoGoError) {
        pkg.err = scanned;
        return;
      }
      ({ imports, testImports } = scanned);
    }
    const importFlags = pkg.flags & IN_ALL ? IN_ALL : 0;
    pkg.imports = imports.map((p) => this.pkg(p, importFlags));
    pkg.testImports = testImports;
    this.applyFlags(pkg, IMPORTS_LOADED);
  }

  /** drain loads queued packages until nothing is left (the work queue going idle). */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch.map((p) => this.load(p)));
    }
  }

  private buildStacks(): void {
    for (const pkg of this.roots) {
      pkg.stack = pkg;
      this.pkgs.push(pkg);
    }
    for (let i = 0; i < this.pkgs.length; i++) {
      const pkg = this.pkgs[i]!;
      for (const next of pkg.imports) {
        if (next.stack === undefined) {
          next.stack = pkg;
          this.pkgs.push(next);
        }
      }
      const t = pkg.test;
      if (t && t.stack === undefined) {
        t.stack = pkg;
        this.pkgs.push(t);
      }
    }
    for (const pkg of this.roots) pkg.stack = null;
  }

  /** preloadRootModules makes the module of every root package a root (pruned graphs). */
  private async preloadRootModules(rootPkgs: readonly string[]): Promise<boolean> {
    const need = new Map<string, ModuleVersion>();
    await Promise.all(
      rootPkgs.map(async (path) => {
        const r = await importFromModules(this.ctx, path, this.rs, undefined);
        if (r.err || r.mod.path === '') return;
        const v = this.rs.rootSelected(this.loader, r.mod.path);
        if (v === undefined || v !== r.mod.version) need.set(keyOf(r.mod), r.mod);
      }),
    );
    if (need.size === 0) return false;
    const toAdd = modSort([...need.values()]);
    const rs = await updateRoots(this.ctx, this.rs.direct, this.rs, [], toAdd, !!this.opts.assumeRootsImported);
    if (sameList(rs.rootModules, this.rs.rootModules)) {
      throw new Error(`internal error: adding ${toAdd.map(formatModule).join(' ')} to module graph had no effect on root requirements`);
    }
    this.rs = rs;
    return true;
  }

  private async updateRequirements(): Promise<boolean> {
    const rs = this.rs;
    const loader = this.loader;
    const loadedDirect = this.allPatternIsRoot && this.opts.anyTags;
    const direct = loadedDirect ? new Map<string, boolean>() : new Map(rs.direct);
    // A package that needs a newer go stops the load (the toolchain would have to switch).
    let maxTooNew: TooNewError | undefined;
    for (const pkg of this.pkgs) {
      if (pkg.err instanceof TooNewError && (!maxTooNew || goCompare(pkg.err.goVersion, maxTooNew.goVersion) > 0)) maxTooNew = pkg.err;
    }
    if (maxTooNew) throw maxTooNew;
    for (const pkg of this.pkgs) {
      if (pkg.mod.version !== '' || !loader.mainModules.contains(pkg.mod.path)) continue;
      for (const dep of pkg.imports) if (fromExternalModule(loader, dep)) direct.set(dep.mod.path, true);
    }
    const updated = await updateRoots(this.ctx, direct, rs, this.pkgs, [], !!this.opts.assumeRootsImported);
    let changed = false;
    if ((updated.rootSelected(loader, 'go') ?? '') !== (rs.rootSelected(loader, 'go') ?? '')) changed = true;
    else if (updated !== rs && !sameList(updated.rootModules, rs.rootModules)) {
      const mg = graphOrThrow(await graphOf(this.ctx, updated));
      for (const pkg of this.pkgs) {
        if (fromExternalModule(loader, pkg) && mg.graph.selectedVersion(pkg.mod.path) !== pkg.mod.version) {
          changed = true;
          break;
        }
        if (pkg.err && !(await importFromModules(this.ctx, pkg.path, updated, undefined)).err) {
          changed = true;
          break;
        }
      }
    }
    this.rs = updated;
    return changed;
  }

  /** loadFromRoots loads until the requirements stop changing what the packages resolve to. */
  async loadFromRoots(listRoots: (rs: Requirements) => Promise<string[]>): Promise<void> {
    const loader = this.loader;
    if (this.rs.pruning === 'unpruned') {
      this.rs = (await loader.expandGraph(this.rs)).rs;
      this.ctx.memory.markGraphLoaded(this.rs);
    }
    for (;;) {
      loader.opts.signal?.throwIfAborted();
      this.reset();
      const goVersion = this.goVersion();
      const pruning = pruningForGoVersion(goVersion);
      if (this.rs.pruning !== 'workspace' && this.rs.pruning !== pruning) {
        // Both directions read the graph being converted.
        this.ctx.memory.markGraphLoaded(this.rs);
        this.rs = await convertPruning(loader, this.rs, pruning);
      }
      this.allClosesOverTests = goCompare(goVersion, NARROW_ALL_VERSION) < 0;
      const rootPkgs = await listRoots(this.rs);
      if (this.rs.pruning === 'pruned' && loader.opts.buildMod === 'mod') {
        if (await this.preloadRootModules(rootPkgs)) continue;
      }
      const inRoots = new Set<LoadedPackage>();
      for (const path of rootPkgs) {
        const root = this.pkg(path, IS_ROOT);
        if (!inRoots.has(root)) {
          this.roots.push(root);
          inRoots.add(root);
        }
      }
      await this.drain();
      this.buildStacks();
      try {
        if (await this.updateRequirements()) continue;
      } catch (e) {
        // go reports the error and stops loading; what was loaded so far is the answer.
        if (!this.opts.allowErrors) throw e;
        this.loadError = e as Error;
      }
      break;
    }
  }

  /** computePatternAll lists the non-test packages in "all", sorted. */
  computePatternAll(): string[] {
    return this.pkgs.filter((p) => p.flags & IN_ALL && !p.testOf).map((p) => p.path).sort(cmpStrings);
  }

  /** checkMultiplePaths reports a module version used as two different module paths. */
  async checkMultiplePaths(): Promise<string[]> {
    const mods = this.ctx.memory.isGraphLoaded(this.rs) ? (await this.rs.graph(this.loader)).graph.buildList() : this.rs.rootModules;
    const firstPath = new Map<string, string>();
    const errs: string[] = [];
    for (const m of mods) {
      const src = replacementOf(this.loader.mainModules, m)?.to ?? m;
      const k = keyOf(src);
      const prev = firstPath.get(k);
      if (prev === undefined) firstPath.set(k, m.path);
      else if (prev !== m.path) errs.push(`${src.path}@${src.version} used for two different module paths (${prev} and ${m.path})`);
    }
    return errs;
  }
}

/** stackText is the import stack of pkg for messages ("a imports\n\tb imports\n\tc"). */
export function stackText(pkg: LoadedPackage): string {
  const stack: LoadedPackage[] = [];
  for (let p: LoadedPackage | null | undefined = pkg; p; p = p.stack) stack.push(p);
  let s = '';
  for (let i = stack.length - 1; i >= 0; i--) {
    const p = stack[i]!;
    s += p.path;
    if (p.testOf) s += '.test';
    if (i > 0) s += stack[i - 1]!.testOf === p ? ' tested by\n\t' : ' imports\n\t';
  }
  return s;
}

/**
 * loadPackages is modload.LoadPackages for go get: patterns are "all", local directory patterns
 * (with or without "..."), or package paths.
 */
export async function loadPackages(ctx: PackageContext, rs0: Requirements, opts: LoadOptions, patterns: readonly string[]): Promise<LoadResult> {
  const matches: PatternMatch[] = patterns.map((p) => ({ pattern: p, pkgs: [], errs: [] }));
  const allPatternIsRoot = patterns.includes('all');
  const ld = new PackageLoader(ctx, rs0, opts, allPatternIsRoot);
  let mainPkgs: string[] | undefined;
  const updateMatches = async (rs: Requirements, final: boolean): Promise<void> => {
    for (const m of matches) {
      if (isLocalPattern(m.pattern)) {
        if (!m.dirs) await matchLocalDirs(ctx, m);
        m.pkgs = [];
        for (const dir of m.dirs ?? []) {
          try {
            m.pkgs.push(await resolveLocalPackage(ctx, dir));
          } catch (e) {
            if (final) addMatchError(m, e as Error);
          }
        }
        void rs;
      } else if (m.pattern === 'all') {
        if (!final) m.pkgs = [...(mainPkgs ??= await matchMainModulePackages(ctx, 'all', opts.anyTags)), ...ctx.tools];
        else m.pkgs = ld.computePatternAll();
      } else if (m.pattern === 'work') {
        m.pkgs = await matchMainModulePackages(ctx, 'work', opts.anyTags);
      } else if (m.pattern === 'tool') {
        m.pkgs = [...ctx.tools];
      } else if (m.pattern.includes('...')) {
        // A wildcard over module paths: every module of the build list that could hold a match.
        m.errs = [];
        const mg = await graphOf(ctx, rs);
        if (mg.error) m.errs.push(mg.error);
        const r = await matchPackages(ctx, m.pattern, opts.anyTags ? ANY_TAGS : ctx.tags, mg.graph.buildList());
        m.pkgs = r.pkgs;
        for (const e of r.errs) addMatchError(m, e);
      } else if (isMetaPackage(m.pattern)) {
        throw new Error(`internal error: gomodx cannot load pattern ${m.pattern}`);
      } else {
        m.pkgs = [m.pattern];
      }
    }
  };
  await ld.loadFromRoots(async (rs) => {
    await updateMatches(rs, false);
    return matches.flatMap((m) => m.pkgs);
  });
  await updateMatches(ld.rs, true);

  const stderr: string[] = [];
  const fatal: string[] = [];
  const report = (line: string): void => {
    (opts.allowErrors ? stderr : fatal).push(line);
  };
  // In go's order: an error that stopped loading, package errors and module paths used twice
  // (end of loadFromRoots), then matching errors, then the patterns that matched nothing.
  if (ld.loadError) report(`go: ${ld.loadError.message}\n`);
  if (!opts.silencePackageErrors) {
    for (const pkg of ld.pkgs) {
      if (!pkg.err || pkg.err instanceof NoGoError) continue;
      report(`go: ${stackText(pkg)}: ${pkg.err.message}\n`);
    }
  }
  for (const e of await ld.checkMultiplePaths()) report(`go: ${e}\n`);
  if (!opts.silencePackageErrors) for (const m of matches) for (const e of m.errs) report(`go: ${e.message}\n`);
  if (fatal.length === 0) {
    for (const m of matches) if (m.pkgs.length === 0 && m.errs.length === 0) stderr.push(`go: warning: "${m.pattern}" matched no packages\n`);
  }
  const loadedPackages = ld.pkgs.filter((p) => !p.testOf).map((p) => p.path).sort(cmpStrings);
  return { rs: ld.rs, matches, pkgs: ld.pkgs, loadedPackages, stderr, fatal, lookup: (p) => ld.lookup(p) };
}

/** packageModule is modload.PackageModule: the module a loaded package came from. */
export function packageModule(res: LoadResult, path: string): ModuleVersion {
  return res.lookup(path)?.mod ?? NO_MODULE;
}
