/**
 * Package modget: go get's resolver (cmd/go/internal/modget). What `go get ARG...` does to a
 * module, computed without writing anything: modget's resolver (arguments, version queries
 * against the initial build list, conflicts between arguments, -u upgrades of imported
 * packages' modules), modload.EditBuildList, the package loads that make the modules of loaded
 * packages roots and mark direct imports (modload/load/), the retraction and
 * deprecation warnings, the go.mod text go writes, the change report and the go.sum lines.
 *
 * Arguments are module or package paths, local directories with or without "..." (./...),
 * module path patterns with "..." (example.com/x/...), "all", "work" and "tool". Packages are
 * read from module zips, the main module's tree and directory replacements; build constraints
 * are evaluated (any tags while resolving, the target's GOOS/GOARCH/cgo/release tags for the
 * final check). What this does not model: tests of the named packages (-t), -tool, the -tags
 * flag and GOEXPERIMENT tags, and standard-library patterns ("std", "cmd" make go panic).
 * Where go get would never return, gomodx stops with an error instead (NON_TERMINATION).
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { isToolchainPath, modCompare } from '../gover/gover';
import { modSort } from '../gover/module-sort';
import type { ModFile } from '../modfile/rules';
import { Requirements, type Loader, type ModuleGraphResult } from '../modload/loader';
import { cleanJoin, cleanPath, dirName, isAbsolutePath } from '../modload/file-path';
import type { MainModule } from '../modload/main-modules';
import { formatModule } from '../mvs/build-list-error';
import { keyOf, moduleVersion, type RequirementGraph } from '../mvs/graph';
import { checkPath, splitPathVersion } from '../modpath/module-path';
import { InvalidPathError, InvalidVersionError } from '../modpath/module-errors';
import { goQuote } from '../gostrings/go-quote';
import { compareGoStrings } from '../gostrings/go-string-order';
import { Conflict, ConstraintError, convertPruning, editRequirements, NON_TERMINATION, type EditContext } from '../modload/edit/edit-requirements';
import { NOT_LOOKED_UP, NOT_UNSUMMED, unsummedIdsOf, type PreviewSession, type UnsummedGoMod, type UnsummedIndex } from './preview-session';
import { pruningForGoVersion } from '../modload/summary';
import { AmbiguousImportError, ImportMissingError } from '../modload/load/import';
import { dirImportPath, IgnorePatterns, matchMainModulePackages, matchInMainModule, MatchError, matchPackages } from '../modload/load/search';
import { loadPackages as loadPackageGraph, packageModule, type LoadResult } from '../modload/load/load';
import { NoGoError, PackageTree, replacedPathSet, replacementOf } from '../modload/load/package-tree';
import { type PackageContext } from '../modload/load/package-context';
import { isGorootPackage } from '../modload/load/std-packages-index';
import { isMetaPackage, isStandardImportPath, matchPattern, treeCanMatchPattern } from '../modload/load/package-patterns';
import { ANY_TAGS, buildTags, type BuildContext } from '../modload/load/go-imports';
import { isNotExist, type PackageSource } from '../modload/ports';
import type { AllowedFn, ModuleQueries } from '../modload/query/query';
import {
  findError,
  ModuleRetractedError,
  NoMatchingVersionError,
  NoPatchBaseError,
  PackageNotInModuleError,
  QueryMatchesMainModulesError,
  QueryMatchesPackagesInMainModuleError,
  shortMessage,
} from '../modload/query/query-errors';
import { reportChanges, type Change } from './report-changes';
import { requirerIndex } from '../mvs/first-requirer';
import { updateGoModFromReqs } from './update-go-mod';
import { parsedGoSum, updatedGoSum } from './go-sum-update';

/** UpgradeFlag is -u ("upgrade"), -u=patch ("patch") or absent (""). */
export type UpgradeFlag = '' | 'upgrade' | 'patch';

/** GetOptions are the arguments of one go get. */
export interface GetOptions {
  readonly args: readonly string[];
  readonly upgrade?: UpgradeFlag;
  /** verbose adds go get -v's lines about downgrades and accepted upgrades. */
  readonly verbose?: boolean;
}

/** ResolverState is Resolver.state: a short key, and the rest of it spelled when asked. */
interface ResolverState {
  readonly short: string;
  readonly long: () => string;
}

/** GetSession is an opened main module and the ports a go get needs. */
export interface GetSession {
  readonly loader: Loader;
  /** requirements as read from go.mod (before go get makes them consistent). */
  readonly requirements: Requirements;
  readonly mainModule: MainModule;
  readonly queries: ModuleQueries;
  readonly packages: PackageSource;
  /** The working directory (relative package arguments are resolved against it). */
  readonly cwd: string;
  /** go.sum as it is on disk ("" if absent). */
  readonly goSum: string;
  /** goModHash hashes the go.mod file of a module version as go.sum records it. */
  readonly goModHash: (m: ModuleVersion) => Promise<string>;
  /** goModsRead lists the module versions whose go.mod files were read in this session. */
  readonly goModsRead: () => readonly ModuleVersion[];
  readonly toolchainExplain?: string;
  /** buildContext is the target whose build tags the final package check uses (default linux/amd64, cgo). */
  readonly buildContext?: BuildContext;
  readonly signal?: AbortSignal;
  /**
   * memory is what the session remembers from one go get to the next, and its engine switches
   * (memory.options: the accelerated paths or the plain ones they are checked against).
   */
  readonly memory: PreviewSession;
}

/** ChangeReason says why a module moved, in the words of the preview. */
export interface ExplainedChange extends Change {
  readonly reason: string;
}

/** GetPlan is everything go get would do (or why it refuses). */
export interface GetPlan {
  readonly ok: boolean;
  /** stderr is what go prints: warnings, errors, then the change report. */
  readonly stderr: string;
  readonly changes: readonly ExplainedChange[];
  readonly goModBefore: string;
  /** goModAfter is the go.mod text go would write (undefined: go.mod stays as it is). */
  readonly goModAfter?: string;
  readonly goSumBefore: string;
  /** goSumAfter is the go.sum text go would write (undefined: go.sum stays as it is). */
  readonly goSumAfter?: string;
  /** addedSumLines are the go.sum lines go would add. */
  readonly addedSumLines: readonly string[];
  readonly buildListBefore: readonly ModuleVersion[];
  readonly buildListAfter?: readonly ModuleVersion[];
  readonly requirementsAfter?: readonly ModuleVersion[];
  /** graphAfter is the module graph of requirementsAfter. */
  readonly graphAfter?: RequirementGraph;
}

/** Thrown to stop the resolver where go calls base.ExitIfErrors with errors pending. */
class ExitSignal extends Error {}

interface PathSet {
  path: string;
  pkgMods: ModuleVersion[];
  mod?: ModuleVersion;
  err?: Error;
}

class Query {
  readonly raw: string;
  readonly rawVersion: string;
  readonly pattern: string;
  readonly patternIsLocal: boolean;
  readonly version: string;
  candidates: PathSet[] = [];
  matchesPackages = false;
  conflict?: Query;
  resolved: ModuleVersion[] = [];
  private readonly seen = new Set<string>();
  /** For patterns with "...": does a path match, could a module's tree hold a match. */
  private readonly matchWildcard?: (path: string) => boolean;
  private readonly canMatchWildcardInModule?: (path: string) => boolean;

  constructor(raw: string, pattern: string, rawVersion: string, version: string) {
    this.raw = raw;
    this.pattern = pattern;
    this.rawVersion = rawVersion;
    this.version = version;
    this.patternIsLocal = isAbsolutePath(pattern) || isRelativePath(pattern);
    if (pattern.includes('...')) {
      this.matchWildcard = matchPattern(pattern);
      this.canMatchWildcardInModule = treeCanMatchPattern(pattern);
    }
  }

  /** seenCount is how many paths have candidate sets (pathOnce calls made). */
  get seenCount(): number {
    return this.seen.size;
  }

  /** isWildcard tells whether the pattern can match several paths. */
  get isWildcard(): boolean {
    return this.matchWildcard !== undefined;
  }

  /** matchesPath tells whether a module or package path matches the pattern. */
  matchesPath(path: string): boolean {
    if (this.matchWildcard && !isToolchainPath(path)) return this.matchWildcard(path);
    return path === this.pattern;
  }

  /** canMatchInModule tells whether module mPath could hold a package matching the pattern. */
  canMatchInModule(mPath: string): boolean {
    if (isToolchainPath(mPath)) return false;
    if (this.canMatchWildcardInModule) return this.canMatchWildcardInModule(mPath);
    return pathHasPrefix(this.pattern, mPath);
  }

  /** pathOnce adds the candidate set f computes for path, once per path. */
  async pathOnce(path: string, f: () => Promise<PathSet> | PathSet): Promise<void> {
    if (this.seen.has(path)) return;
    this.seen.add(path);
    const cs = await f();
    if (cs.pkgMods.length > 0 || cs.mod || cs.err) this.candidates.push({ ...cs, path });
  }

  /** resolvedString describes m as the match for this argument (query.ResolvedString). */
  resolvedString(m: ModuleVersion): string {
    if (m.path !== this.pattern) {
      if (m.version !== this.version) return `${formatModule(m)} (matching ${this.pattern}@${this.version})`;
      return `${formatModule(m)} (matching ${this.raw})`;
    }
    if (m.version !== this.version) return `${this.pattern}@${this.version} (${m.version})`;
    return this.raw;
  }
}

function isRelativePath(p: string): boolean {
  return p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../');
}

function regexQuote(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** cleanPattern is search.CleanPatterns for one argument. */
function cleanPattern(a: string): string {
  let p: string;
  let v = '';
  if (isRelativePath(a) || isAbsolutePath(a)) p = a;
  else {
    const i = a.indexOf('@');
    if (i < 0) p = a;
    else {
      p = a.slice(0, i);
      v = a.slice(i);
    }
  }
  if (isAbsolutePath(p)) p = cleanPath(p);
  else {
    p = p.replace(/\\/g, '/');
    if (p.startsWith('./')) {
      p = './' + cleanPath(p);
      if (p === './.') p = '.';
    } else p = cleanPath(p);
  }
  return p + v;
}

function pathHasPrefix(s: string, prefix: string): boolean {
  return s === prefix || (s.length > prefix.length && s.startsWith(prefix) && (prefix.endsWith('/') || s[prefix.length] === '/'));
}

/** modulePrefixesExcludingTarget lists the prefixes of path that could be modules, longest first, leaving out the main modules. */
function modulePrefixesExcludingTarget(path: string, mainPaths: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    if (!mainPaths.has(p) && splitPathVersion(p).ok) out.push(p);
    const j = p.lastIndexOf('/');
    if (j < 0) break;
    p = p.slice(0, j);
  }
  return out;
}

interface QueryResult {
  mod: ModuleVersion;
  packages: string[];
}

/** The resolver of one go get run (modget's resolver, module-level). */
class Resolver {
  readonly stderr: string[] = [];
  private hadErrors = false;
  readonly pathQueries: Query[] = [];
  readonly localQueries: Query[] = [];
  readonly patternAllQueries: Query[] = [];
  readonly wildcardQueries: Query[] = [];
  private readonly wildcardNones: Query[] = [];
  private readonly matchInModuleCache = new Map<string, Promise<{ pkgs: string[]; err?: Error }>>();
  readonly workQueries: Query[] = [];
  readonly toolQueries: Query[] = [];
  private readonly nonesByPath = new Map<string, Query>();
  readonly resolvedVersion = new Map<string, { version: string; reason: Query }>();
  buildList: ModuleVersion[];
  buildListVersion: ReadonlyMap<string, string>;
  readonly initialVersion: ReadonlyMap<string, string>;
  /** rs is the current requirements (modload's): edits and package loads both change them. */
  rs: Requirements;
  /** Zip hashes checked in this run, by keyOf(actual module). */
  readonly zipSums = new Map<string, string>();
  /** tree reads package directories (zips, the main module, directory replacements). */
  readonly tree: PackageTree;
  readonly pctx: PackageContext;
  /** lastLoad is the most recent package load (modload's "loaded"), for go.sum. */
  lastLoad?: LoadResult;
  /** Why editRequirements moved a root, by module path (for the explained report). */
  readonly downgradeReasons = new Map<string, string>();
  private readonly mainPaths: Set<string>;
  private readonly editCtx: EditContext;

  constructor(
    readonly session: GetSession,
    readonly opts: GetOptions,
    rs: Requirements,
    mg: ModuleGraphResult,
  ) {
    this.rs = rs;
    this.buildList = mg.graph.buildList();
    this.buildListVersion = this.session.memory.buildListVersions(mg.graph);
    this.initialVersion = this.buildListVersion;
    this.mainPaths = new Set(session.loader.mainModules.versions.map((m) => m.path));
    this.tree = new PackageTree(session.loader, session.packages, this.zipSums, session.signal, session.memory);
    const buildContext = session.buildContext ?? { goos: 'linux', goarch: 'amd64', cgo: true, localGo: session.loader.opts.localGo, toolTags: ['amd64.v1'] };
    const { tools, ignore } = session.memory.toolsAndIgnores(session.mainModule);
    this.pctx = {
      loader: session.loader,
      tree: this.tree,
      cwd: session.cwd,
      tags: buildTags(buildContext),
      tools: new Set(tools),
      ...(ignore.length > 0 ? { ignore: new IgnorePatterns(ignore) } : {}),
      memory: session.memory,
    };
    this.editCtx = {
      loader: session.loader,
      queries: session.queries,
      verbose: opts.verbose,
      log: (line) => this.stderr.push(line + '\n'),
      onDowngrade: (m, _to, conflict) => {
        if (!this.downgradeReasons.has(m.path)) this.downgradeReasons.set(m.path, conflict.summary());
      },
      session: session.memory,
    };
  }

  get upgradeFlag(): UpgradeFlag {
    return this.opts.upgrade ?? '';
  }

  private get loader(): Loader {
    return this.session.loader;
  }

  error(msg: string): void {
    this.stderr.push(msg.endsWith('\n') ? msg : msg + '\n');
    this.hadErrors = true;
  }

  exitIfErrors(): void {
    if (this.hadErrors) throw new ExitSignal();
  }

  /**
   * state identifies everything the resolver's next round depends on. Its short part tells most
   * states apart; the long one (requirements and build list, spelled once per list) is spelled
   * only for states whose short parts are equal.
   */
  state(queries: readonly Query[]): ResolverState {
    const { rs, buildList } = this;
    const resolved = [...this.resolvedVersion].map(([p, v]) => `${p}@${v.version}`).join(' ');
    // Queries remember the paths they have looked at: a state is the same only if they do too.
    const seen = queries.map((q) => `${q.seenCount}/${q.candidates.length}`).join(',');
    return {
      short: `${resolved}|${seen}|${rs.rootModules.length}/${rs.direct.size}/${buildList.length}`,
      long: () => {
        const roots = this.session.memory.spelled(rs.rootModules, () => rs.rootModules.map(keyOf).join(' '));
        const direct = this.session.memory.spelled(rs.direct, () => [...rs.direct.keys()].sort().join(' '));
        const list = this.session.memory.spelled(buildList, () => buildList.map(keyOf).join(' '));
        return `${roots}|${direct}|${list}`;
      },
    };
  }

  /** setExitStatus makes the run fail at the next exitIfErrors without printing anything (base.SetExitStatus). */
  setExitStatus(): void {
    this.hadErrors = true;
  }

  get failed(): boolean {
    return this.hadErrors;
  }

  initialSelected = (path: string): string => this.initialVersion.get(path) ?? 'none';
  selected = (path: string): string => this.buildListVersion.get(path) ?? 'none';

  addQuery(q: Query): void {
    if (q.pattern === 'all') this.patternAllQueries.push(q);
    else if (q.pattern === 'work') this.workQueries.push(q);
    else if (q.pattern === 'tool') this.toolQueries.push(q);
    else if (q.patternIsLocal) this.localQueries.push(q);
    else if (q.isWildcard) this.wildcardQueries.push(q);
    else this.pathQueries.push(q);
    if (q.version === 'none') {
      if (q.isWildcard) this.wildcardNones.push(q);
      else this.nonesByPath.set(q.pattern, q);
    }
  }

  /** reportError prints err for q without repeating what err already says (modget.reportError). */
  reportError(q: Query, err: Error): void {
    const errStr = err.message;
    const patternRE = new RegExp(`(?:[ \\t("\`]|^)${regexQuote(q.pattern)}(?:[ @:;)"\`]|$)`, 'm');
    if (patternRE.test(errStr)) {
      if (q.rawVersion === '') return this.error(`go: ${errStr}`);
      const versionRE = new RegExp(`(?:[ @("\`]|^)${regexQuote(q.version)}(?:[ :;)"\`]|$)`, 'm');
      if (versionRE.test(errStr)) return this.error(`go: ${errStr}`);
    }
    if (q.raw !== '') this.error(`go: ${q.raw}: ${errStr}`);
    else this.error(`go: ${errStr}`);
  }

  /** checkAllowedOr allows the requested and the current version even if retracted. */
  checkAllowedOr(requested: string, selected: (p: string) => string): AllowedFn {
    const q = this.session.queries;
    return async (m) => {
      if (m.version === requested) return q.checkExclusions(m);
      if ((requested === 'upgrade' || requested === 'patch') && m.version === selected(m.path)) return undefined;
      return q.checkAllowed(m);
    };
  }

  /**
   * hasPackage tells whether module m holds a directory with .go files for package pkg
   * (modload.dirInModule: build constraints do not matter; a nested module ends the tree).
   */
  async hasPackage(m: ModuleVersion, pkg: string): Promise<boolean> {
    const found = await this.tree.dirInModule(pkg, m);
    return !!found && found.files.length > 0;
  }

  /** queryPattern is modload.QueryPattern for a package path (no wildcards). */
  async queryPattern(
    pattern: string,
    query: string,
    current: (p: string) => string,
    allowed: AllowedFn,
  ): Promise<{ pkgMods: QueryResult[]; modOnly?: QueryResult; err?: Error }> {
    const mms = this.loader.mainModules;
    let modOnly: QueryResult | undefined;
    const mainModuleMatches: string[] = [];
    let base = pattern;
    const matchesPattern = matchPattern(pattern);
    const wild = pattern.indexOf('...');
    let match: (mod: ModuleVersion) => Promise<{ pkgs: string[]; err?: Error }>;
    if (wild >= 0) {
      base = dirName(pattern.slice(0, wild + 3));
      if (base === '.') throw new Error(`no modules to query for ${pattern}@${query} because first path element contains a wildcard`);
      match = (mod) => this.matchInModule(pattern, mod);
    } else {
      match = async (mod) => ({ pkgs: (await this.hasPackage(mod, pattern)) ? [pattern] : [] });
    }
    for (const main of mms.versions) {
      const m = await match(main);
      if (m.pkgs.length > 0) {
        if (query !== 'upgrade' && query !== 'patch') throw new QueryMatchesPackagesInMainModuleError(pattern, query, m.pkgs);
        return { pkgMods: [{ mod: main, packages: m.pkgs }] };
      }
      if (m.err) throw m.err;
      if (matchesPattern(main.path)) {
        mainModuleMatches.push(main.path);
        if ((query === 'upgrade' || query === 'patch') && !(await allowed(main))) modOnly = { mod: main, packages: [] };
      }
    }
    const candidates = modulePrefixesExcludingTarget(base, this.mainPaths);
    if (candidates.length === 0) {
      if (modOnly) return { pkgMods: [], modOnly };
      if (mainModuleMatches.length > 0) throw new QueryMatchesMainModulesError(mainModuleMatches, pattern, query, mms.contains(pattern));
      throw new PackageNotInModuleError({ path: '', version: '' }, undefined, query, pattern, mainModuleMatches);
    }
    const results = await Promise.all(
      candidates.map(async (path): Promise<{ r?: QueryResult; err?: Error }> => {
        try {
          const rev = await this.session.queries.query(path, query, current(path), allowed);
          const mod = { path, version: rev.version };
          if (isToolchainPath(path)) return { r: { mod, packages: [] } };
          await this.tree.fetch(mod);
          const found = await match(mod);
          const packages = found.pkgs;
          if (packages.length === 0 && !matchesPattern(path)) {
            if (found.err) return { r: { mod, packages }, err: found.err };
            return { r: { mod, packages }, err: new PackageNotInModuleError(mod, mms.replacement(mod)?.to, query, pattern) };
          }
          return { r: { mod, packages } };
        } catch (e) {
          return { err: e as Error };
        }
      }),
    );
    // queryPrefixModules: the most useful error at the longest path, unless something was found.
    const found: QueryResult[] = [];
    let err: Error | undefined;
    let noPackage: PackageNotInModuleError | undefined;
    let noVersion: Error | undefined;
    let noPatchBase: Error | undefined;
    let invalidPath: Error | undefined;
    let invalidVersion: Error | undefined;
    let notExist: Error | undefined;
    for (const res of results) {
      const e = res.err;
      if (!e) {
        found.push(res.r!);
      } else if (e instanceof PackageNotInModuleError) {
        if (!noPackage || mms.contains(noPackage.mod.path)) noPackage = e;
      } else if (e instanceof NoMatchingVersionError) {
        noVersion ??= e;
      } else if (e instanceof NoPatchBaseError) {
        noPatchBase ??= e;
      } else if (e instanceof InvalidPathError) {
        invalidPath ??= e;
      } else if (isNotExist(e)) {
        notExist ??= e;
      } else if (findError(e, InvalidVersionError) || (e as { kind?: string }).kind === 'invalid-version') {
        invalidVersion ??= e;
      } else if (err === undefined && found.length === 0 && !noPackage) {
        err = e;
      }
    }
    if (found.length === 0 && err === undefined) {
      err = noPackage ?? noVersion ?? noPatchBase ?? invalidPath ?? invalidVersion ?? notExist;
      if (!err) throw new Error('queryPrefixModules: no modules found, but no error detected');
    }
    const pkgMods: QueryResult[] = [];
    for (const r of found) {
      if (r.packages.length === 0) modOnly = r;
      else pkgMods.push(r);
    }
    if (mainModuleMatches.length > 0 && pkgMods.length === 0 && !modOnly && err && isNotExist(err)) {
      throw new QueryMatchesMainModulesError([], pattern, query, mms.contains(pattern));
    }
    return { pkgMods, modOnly, err };
  }

  /** queryPackages is modload.QueryPackages: like queryPattern, but a package must match. */
  async queryPackages(pattern: string, query: string, current: (p: string) => string): Promise<{ pkgMods: ModuleVersion[]; err?: Error }> {
    const allowed = this.checkAllowedOr(query, current);
    let res: Awaited<ReturnType<Resolver['queryPattern']>>;
    try {
      res = await this.queryPattern(pattern, query, current, allowed);
    } catch (e) {
      return { pkgMods: [], err: e as Error };
    }
    if (res.pkgMods.length === 0 && !res.err) {
      const mod = res.modOnly!.mod;
      return { pkgMods: [], err: new PackageNotInModuleError(mod, this.loader.mainModules.replacement(mod)?.to, query, pattern) };
    }
    return { pkgMods: res.pkgMods.map((r) => r.mod), err: res.err };
  }

  async queryPath(q: Query): Promise<void> {
    await q.pathOnce(q.pattern, async (): Promise<PathSet> => {
      if (isStandardImportPath(q.pattern) && isGorootPackage(q.pattern)) {
        if (q.rawVersion !== '') return { path: '', pkgMods: [], err: new Error(`can't request explicit version "${q.version}" of standard library package ${q.pattern}`) };
        q.matchesPackages = true;
        return { path: '', pkgMods: [] };
      }
      let res;
      try {
        res = await this.queryPattern(q.pattern, q.version, this.initialSelected, this.checkAllowedOr(q.version, this.initialSelected));
      } catch (e) {
        return { path: '', pkgMods: [], err: e as Error };
      }
      if (res.err) return { path: '', pkgMods: [], err: res.err };
      return { path: '', pkgMods: res.pkgMods.map((r) => r.mod), mod: res.modOnly?.mod };
    });
  }

  async queryNone(q: Query): Promise<void> {
    const mms = this.loader.mainModules;
    if (!q.isWildcard) {
      await q.pathOnce(q.pattern, () => {
        if (mms.contains(q.pattern)) {
          return { path: '', pkgMods: [], err: new QueryMatchesMainModulesError([q.pattern], q.pattern, q.version, true) };
        }
        return { path: '', pkgMods: [], mod: { path: q.pattern, version: 'none' } };
      });
    }
    for (const curM of this.buildList) {
      if (!q.matchesPath(curM.path)) continue;
      await q.pathOnce(curM.path, () => {
        if (curM.version === '' && mms.contains(curM.path)) {
          return { path: '', pkgMods: [], err: new QueryMatchesMainModulesError([curM.path], q.pattern, q.version, mms.contains(q.pattern)) };
        }
        return { path: '', pkgMods: [], mod: { path: curM.path, version: 'none' } };
      });
    }
  }

  /** matchInModule is modload.MatchInModule (any tags), remembered for the run. */
  matchInModule(pattern: string, m: ModuleVersion): Promise<{ pkgs: string[]; err?: Error }> {
    const k = `${pattern} ${keyOf(m)}`;
    let p = this.matchInModuleCache.get(k);
    if (!p) {
      p = (async () => {
        if (!pattern.includes('...')) {
          try {
            await this.tree.fetch(m);
            const found = await this.tree.dirInModule(pattern, m);
            return { pkgs: found && !(this.tree.scan(found.files, ANY_TAGS) instanceof NoGoError) ? [pattern] : [] };
          } catch (e) {
            return { pkgs: [], err: e as Error };
          }
        }
        const r = await matchPackages(this.pctx, pattern, ANY_TAGS, [m]);
        return { pkgs: r.pkgs, err: r.errs[0] ? new MatchError(pattern, r.errs[0]) : undefined };
      })();
      this.matchInModuleCache.set(k, p);
    }
    return p;
  }

  /** performWildcardQueries gives wildcard queries candidates from the current build list. */
  async performWildcardQueries(): Promise<void> {
    for (const q of this.wildcardQueries) {
      if (q.version === 'none') await this.queryNone(q);
      else await this.queryWildcard(q);
    }
  }

  /**
   * queryWildcard adds a candidate for each module of the build list that exists at the
   * query's version and whose path, or one of whose packages there, matches the pattern.
   */
  async queryWildcard(q: Query): Promise<void> {
    const mms = this.loader.mainModules;
    for (const curM of this.buildList) {
      if (!q.canMatchInModule(curM.path)) continue;
      await q.pathOnce(curM.path, async (): Promise<PathSet> => {
        if (this.noneForPath(curM.path)) return { path: '', pkgMods: [] };
        if (mms.contains(curM.path) && q.version !== 'upgrade' && q.version !== 'patch') {
          if (q.matchesPath(curM.path)) {
            return { path: '', pkgMods: [], err: new QueryMatchesMainModulesError([curM.path], q.pattern, q.version, mms.contains(q.pattern)) };
          }
          const { pkgs, err } = await this.matchInModule(q.pattern, curM);
          if (err) return { path: '', pkgMods: [], err };
          if (pkgs.length > 0) return { path: '', pkgMods: [], err: new QueryMatchesPackagesInMainModuleError(q.pattern, q.version, pkgs) };
          return this.tryWildcard(q, curM);
        }
        let m: ModuleVersion;
        try {
          const rev = await this.session.queries.query(curM.path, q.version, this.initialSelected(curM.path), this.checkAllowedOr(q.version, this.initialSelected));
          m = { path: curM.path, version: rev.version };
        } catch (e) {
          if (!isNoSuchModuleVersion(e as Error)) return { path: '', pkgMods: [], err: e as Error };
          // No version matches: the module may yet leave the build list, or fail later.
          return { path: '', pkgMods: [] };
        }
        return this.tryWildcard(q, m);
      });
    }
  }

  /** tryWildcard is the candidate m offers q: its packages, or the module itself. */
  async tryWildcard(q: Query, m: ModuleVersion): Promise<PathSet> {
    const { pkgs, err } = await this.matchInModule(q.pattern, m);
    if (err) return { path: '', pkgMods: [], err };
    if (pkgs.length > 0) return { path: '', pkgMods: [m] };
    if (q.matchesPath(m.path)) return { path: '', pkgMods: [], mod: m };
    return { path: '', pkgMods: [] };
  }

  /** findMissingWildcards queries a module for each wildcard that has matched no package yet. */
  async findMissingWildcards(): Promise<void> {
    for (const q of this.wildcardQueries) {
      if (q.version === 'none' || q.matchesPackages) continue;
      await q.pathOnce(q.pattern, async (): Promise<PathSet> => {
        let res;
        try {
          res = await this.queryPattern(q.pattern, q.version, this.initialSelected, this.checkAllowedOr(q.version, this.initialSelected));
        } catch (e) {
          return { path: '', pkgMods: [], err: e as Error };
        }
        if (res.err) {
          if (isNoSuchPackageVersion(res.err) && q.resolved.length > 0) return { path: '', pkgMods: [] };
          return { path: '', pkgMods: [], err: res.err };
        }
        return { path: '', pkgMods: res.pkgMods.map((r) => r.mod), mod: res.modOnly?.mod };
      });
    }
  }

  /** checkWildcardVersions reports build-list modules that match a wildcard at another version than it asked for. */
  async checkWildcardVersions(): Promise<void> {
    for (const q of this.wildcardQueries) {
      for (const curM of this.buildList) {
        if (!q.canMatchInModule(curM.path)) continue;
        if (!q.matchesPath(curM.path)) {
          const { pkgs, err } = await this.matchInModule(q.pattern, curM);
          if (pkgs.length === 0) {
            if (err) this.reportError(q, err);
            continue;
          }
        }
        let rev: string;
        try {
          rev = (await this.session.queries.query(curM.path, q.version, this.initialSelected(curM.path), this.checkAllowedOr(q.version, this.initialSelected))).version;
        } catch (e) {
          this.reportError(q, e as Error);
          continue;
        }
        if (rev === curM.version) continue;
        if (!q.matchesPath(curM.path)) {
          const m = { path: curM.path, version: rev };
          const { pkgs, err } = await this.matchInModule(q.pattern, m);
          if (err) {
            this.reportError(q, err);
            continue;
          }
          if (pkgs.length === 0) {
            const version = rev !== q.version ? `${m.path}@${q.version} (${m.version})` : formatModule(m);
            this.reportError(q, new Error(`${q.raw} matches packages in ${formatModule(curM)} but not ${version}: specify a different version for module ${m.path}`));
            continue;
          }
        }
        this.reportError(q, new Error(`internal error: selected ${formatModule(curM)} instead of ${rev}`));
      }
    }
    this.exitIfErrors();
  }

  async performLocalQueries(): Promise<void> {
    const mm = this.session.mainModule;
    for (const q of this.localQueries) {
      await q.pathOnce(q.pattern, async (): Promise<PathSet> => {
        const abs = isAbsolutePath(q.pattern) ? cleanPath(q.pattern) : cleanJoin(this.session.cwd, q.pattern);
        const absDetail = isAbsolutePath(q.pattern) ? '' : ` (${abs})`;
        // Local paths name packages of the main module only.
        const pkgPattern = dirImportPath(this.pctx, q.pattern);
        if (pkgPattern === '.') {
          return { path: '', pkgMods: [], err: new Error(`${q.pattern}${absDetail} is not within module rooted at ${mm.root}`) };
        }
        let pkgs: string[];
        try {
          pkgs = await matchInMainModule(this.pctx, pkgPattern);
        } catch (e) {
          return { path: '', pkgMods: [], err: e as Error };
        }
        if (pkgs.length === 0) {
          if (q.raw === '' || q.raw === '.') return { path: '', pkgMods: [], err: new Error('no package to get in current directory') };
          if (!q.isWildcard) {
            return { path: '', pkgMods: [], err: new Error(`${q.pattern}${absDetail} is not a package in module rooted at ${mm.root}`) };
          }
          this.stderr.push(`go: warning: "${pkgPattern}" matched no packages\n`);
          return { path: '', pkgMods: [] };
        }
        return { path: '', pkgMods: [{ path: mm.path, version: '' }] };
      });
    }
  }

  /** performToolQueries queries the module of each tool package for each "tool" query. */
  async performToolQueries(): Promise<void> {
    for (const q of this.toolQueries) {
      for (const tool of this.pctx.tools) {
        await q.pathOnce(tool, async () => {
          const { pkgMods, err } = await this.queryPackages(tool, q.version, this.initialSelected);
          return { path: '', pkgMods, err };
        });
      }
    }
  }

  /** performWorkQueries resolves "work" to the main module when it has packages. */
  async performWorkQueries(): Promise<void> {
    const mm = this.session.mainModule;
    for (const q of this.workQueries) {
      await q.pathOnce(q.pattern, async (): Promise<PathSet> => {
        const pkgs = await matchMainModulePackages(this.pctx, 'work', true);
        if (pkgs.length === 0) {
          this.stderr.push(`go: warning: "work" matched no packages\n`);
          return { path: '', pkgMods: [] };
        }
        return { path: '', pkgMods: [{ path: mm.path, version: '' }] };
      });
    }
  }

  /**
   * performPatternAllQueries gives each "all" query a candidate set for every package in "all":
   * the modules that could provide it at the query's version (resolver.performPatternAllQueries).
   */
  async performPatternAllQueries(): Promise<void> {
    if (this.patternAllQueries.length === 0) return;
    await this.loadPackages(['all'], async (path, m) => {
      let versionOk = true;
      for (const q of this.patternAllQueries) {
        await q.pathOnce(path, async () => {
          const { pkgMods, err } = await this.queryPackages(path, q.version, this.initialSelected);
          if (pkgMods.length !== 1 || pkgMods[0]!.path !== m.path || pkgMods[0]!.version !== m.version) versionOk = false;
          return { path: '', pkgMods, err };
        });
      }
      return versionOk;
    });
    for (const q of this.patternAllQueries) q.candidates.sort((a, b) => compareGoStrings(a.path, b.path));
  }

  private noneForPath(path: string): Query | undefined {
    return this.nonesByPath.get(path) ?? this.wildcardNones.find((q) => q.matchesPath(path));
  }

  /** disambiguate drops candidates that contradict resolved versions (resolver.disambiguate). */
  disambiguate(cs: PathSet): { filtered: PathSet; isPackage: boolean; m?: ModuleVersion; unique: boolean } {
    const mms = this.loader.mainModules;
    const filtered: PathSet = { path: cs.path, pkgMods: [] };
    for (const m of cs.pkgMods) {
      if (this.noneForPath(m.path)) continue;
      if (mms.contains(m.path)) {
        if (m.version === '') return { filtered: { path: '', pkgMods: [] }, isPackage: true, m, unique: true };
        continue;
      }
      const vr = this.resolvedVersion.get(m.path);
      if (!vr) {
        filtered.pkgMods.push(m);
        continue;
      }
      if (vr.version !== m.version) continue;
      return { filtered: { path: '', pkgMods: [] }, isPackage: true, m, unique: true };
    }
    if (cs.mod) {
      const vr = this.resolvedVersion.get(cs.mod.path);
      if (!vr || vr.version === cs.mod.version) filtered.mod = cs.mod;
    }
    if (filtered.pkgMods.length === 1 && (!filtered.mod || (filtered.mod.path === filtered.pkgMods[0]!.path && filtered.mod.version === filtered.pkgMods[0]!.version))) {
      return { filtered: { path: '', pkgMods: [] }, isPackage: true, m: filtered.pkgMods[0], unique: true };
    }
    if (filtered.pkgMods.length === 0) return { filtered: { path: '', pkgMods: [] }, isPackage: false, m: filtered.mod, unique: true };
    return { filtered, isPackage: false, unique: false };
  }

  chooseArbitrarily(cs: PathSet): { isPackage: boolean; m?: ModuleVersion } {
    for (const m of cs.pkgMods) if (this.initialSelected(m.path) !== 'none') return { isPackage: true, m };
    if (cs.pkgMods.length > 0) return { isPackage: true, m: cs.pkgMods[0] };
    return { isPackage: false, m: cs.mod };
  }

  /** resolve records that m must be at its version because of q, or reports a conflict. */
  resolve(q: Query, m: ModuleVersion): void {
    const mms = this.loader.mainModules;
    if (mms.contains(m.path) && m.version !== '') {
      this.reportError(q, new QueryMatchesMainModulesError([m.path], q.pattern, q.version, mms.contains(q.pattern)));
      return;
    }
    const vr = this.resolvedVersion.get(m.path);
    if (vr && vr.version !== m.version) {
      this.reportConflict(q, m, vr);
      return;
    }
    this.resolvedVersion.set(m.path, { version: m.version, reason: q });
    q.resolved.push(m);
  }

  private reportConflict(pq: Query, m: ModuleVersion, conflict0: { version: string; reason: Query }): void {
    if (pq.conflict) return;
    pq.conflict = conflict0.reason;
    let proposed = { version: m.version, reason: pq };
    let conflict = conflict0;
    // The specific path is named first, the wildcard second.
    if (pq.isWildcard && !conflict.reason.isWildcard) [proposed, conflict] = [conflict, proposed];
    const argStr = (q: Query, v: string): string => (v !== q.version ? `${q.pattern}@${q.version} (${v})` : q.raw);
    const modDetail = m.path !== proposed.reason.pattern ? `for module ${m.path}, ` : '';
    this.reportError(pq, new Error(`${modDetail}${argStr(proposed.reason, proposed.version)} conflicts with ${argStr(conflict.reason, conflict.version)}`));
  }

  /** updateBuildList applies the resolved versions (and tentative additions) to the build list. */
  async updateBuildList(additions: readonly ModuleVersion[]): Promise<boolean> {
    const resolved: ModuleVersion[] = [];
    for (const [path, rv] of this.resolvedVersion) if (!this.mainPaths.has(path)) resolved.push({ path, version: rv.version });
    let edited;
    try {
      edited = await editRequirements(this.editCtx, this.rs, additions, resolved);
    } catch (e) {
      if (!(e instanceof ConstraintError)) {
        this.error(`go: ${(e as Error).message}`);
        throw new ExitSignal();
      }
      if (this.opts.verbose) for (const c of e.conflicts) this.stderr.push(`go: ${c.toString()}\n`);
      const reason = (m: ModuleVersion): string => {
        const rv = this.resolvedVersion.get(m.path);
        if (!rv) return `(INTERNAL ERROR: no reason found for ${formatModule(m)})`;
        return rv.reason.resolvedString({ path: m.path, version: rv.version });
      };
      for (const c of e.conflicts) this.error(conflictLine(c, reason));
      throw new ExitSignal();
    }
    if (!edited.changed) return false;
    const { rs, mg } = await this.expand(edited.rs);
    this.rs = rs;
    this.buildList = mg.graph.buildList();
    this.buildListVersion = this.session.memory.buildListVersions(mg.graph);
    return true;
  }

  async expand(rs: Requirements): Promise<{ rs: Requirements; mg: ModuleGraphResult }> {
    try {
      const e = await this.loader.expandGraph(rs);
      this.session.memory.markGraphLoaded(e.rs);
      return e;
    } catch (e) {
      this.error(`go: ${(e as Error).message}`);
      throw new ExitSignal();
    }
  }

  async resolveQueries(queries: readonly Query[]): Promise<boolean> {
    let resolved = 0;
    for (;;) {
      const prev = resolved;
      for (const q of queries) {
        const unresolved: PathSet[] = [];
        for (const cs of q.candidates) {
          if (cs.err) {
            this.reportError(q, cs.err);
            resolved++;
            continue;
          }
          const d = this.disambiguate(cs);
          if (!d.unique) {
            unresolved.push(d.filtered);
            continue;
          }
          let { isPackage, m } = d;
          if (!m) ({ isPackage, m } = this.chooseArbitrarily(cs));
          if (isPackage) q.matchesPackages = true;
          if (m) this.resolve(q, m);
          resolved++;
        }
        q.candidates = unresolved;
      }
      this.exitIfErrors();
      if (resolved === prev) break;
    }
    if (resolved > 0 && (await this.updateBuildList([]))) return true;
    let arbitrary = 0;
    for (const q of queries) {
      for (const cs of q.candidates) {
        const { isPackage, m } = this.chooseArbitrarily(cs);
        if (isPackage) q.matchesPackages = true;
        if (m) this.resolve(q, m);
        arbitrary++;
      }
      q.candidates = [];
    }
    this.exitIfErrors();
    return arbitrary > 0 ? this.updateBuildList([]) : false;
  }

  /**
   * loadPackages loads the packages of patterns as go get's resolver does (AssumeRootsImported,
   * any build tags, errors silenced): findPackage decides, for each package outside the main
   * module, whether its module may stay as it is; packages no module provides are passed to it
   * with an empty module afterwards. The requirements the load settles on are kept.
   */
  async loadPackages(patterns: readonly string[], findPackage: (path: string, m: ModuleVersion) => Promise<boolean>): Promise<LoadResult> {
    let res: LoadResult;
    try {
      res = await loadPackageGraph(this.pctx, this.rs, { anyTags: true, assumeRootsImported: true, silencePackageErrors: true, allowPackage: findPackage }, patterns);
    } catch (e) {
      if (this.session.signal?.aborted) throw e;
      this.error(`go: ${(e as Error).message}`);
      throw new ExitSignal();
    }
    this.stderr.push(...res.stderr);
    for (const f of res.fatal) this.error(f);
    this.exitIfErrors();
    this.rs = res.rs;
    this.lastLoad = res;
    const missing: string[] = [];
    for (const path of res.loadedPackages) {
      const err = res.lookup(path)?.err;
      if (err instanceof ImportMissingError || err instanceof AmbiguousImportError) missing.push(path);
    }
    await Promise.all(missing.map((path) => findPackage(path, { path: '', version: '' })));
    return res;
  }

  async findAndUpgradeImports(queries: readonly Query[]): Promise<PathSet[]> {
    const patterns = queries.filter((q) => q.matchesPackages).map((q) => q.pattern);
    if (patterns.length === 0) return [];
    const upgrades: PathSet[] = [];
    await this.loadPackages(patterns, async (path, m) => {
      let version = 'latest';
      if (m.path !== '') {
        if (this.upgradeFlag === '') return true;
        if (this.resolvedVersion.has(m.path)) return true;
        version = this.upgradeFlag;
      }
      const { pkgMods, err } = await this.queryPackages(path, version, this.selected);
      if (pkgMods.some((u) => u.path === m.path && u.version === m.version)) return true;
      if (err) {
        let badPath = false;
        if (m.path === '') {
          try {
            checkPath(path);
          } catch {
            badPath = true;
          }
        }
        if (isNoSuchPackageVersion(err) || badPath) return true;
      }
      upgrades.push({ path, pkgMods, err });
      return false;
    });
    return upgrades.sort((a, b) => compareGoStrings(a.path, b.path));
  }

  async applyUpgrades(upgrades: readonly PathSet[]): Promise<boolean> {
    const tentative: ModuleVersion[] = [];
    for (const cs of upgrades) {
      if (cs.err) {
        this.error(`go: ${cs.err.message}`);
        continue;
      }
      const d = this.disambiguate(cs);
      let m = d.m;
      if (!d.unique) m = this.chooseArbitrarily(d.filtered).m;
      if (!m) continue;
      tentative.push(m);
    }
    this.exitIfErrors();
    return this.updateBuildList(tentative);
  }
}

function conflictLine(c: Conflict, reason: (m: ModuleVersion) => string): string {
  const adverb = c.path.length > 2 ? 'indirectly ' : '';
  const first = reason(c.path[0]!);
  const last = formatModule(c.path[c.path.length - 1]!);
  if (c.err) return `go: ${first} ${adverb}requires ${last}: ${c.unwrappedError()!.message}`;
  return `go: ${first} ${adverb}requires ${last}, not ${reason(c.constraint!)}`;
}

function isNoSuchModuleVersion(err: Error): boolean {
  return isNotExist(err) || err instanceof NoMatchingVersionError;
}

function isNoSuchPackageVersion(err: Error): boolean {
  return isNoSuchModuleVersion(err) || err instanceof PackageNotInModuleError;
}

function reqsFromGoMod(f: ModFile): ModuleVersion[] {
  const reqs = f.require.map((r) => r.mod);
  if (f.go) reqs.push({ path: 'go', version: f.go.version });
  if (f.toolchain) reqs.push({ path: 'toolchain', version: f.toolchain.name });
  return reqs;
}

/** modFileIsDirty tells whether the edited go.mod differs in meaning from the one read (modload). */
function modFileIsDirty(mm: MainModule, f: ModFile): boolean {
  const i = mm.index;
  if (i.dataNeedsFix) return true;
  if ((f.module?.mod.path ?? '') !== i.module.path) return true;
  if ((f.go?.version ?? '') !== i.goVersion || (f.toolchain?.name ?? '') !== i.toolchain) return true;
  if (f.require.length !== i.require.size || f.replace.length !== i.replace.size || f.exclude.length !== i.exclude.size) return true;
  for (const r of f.require) {
    const meta = i.require.get(keyOf(r.mod));
    if (!meta || meta.indirect !== r.indirect) return true;
  }
  for (const r of f.replace) {
    const n = i.replace.get(keyOf(r.old));
    if (!n || n.path !== r.new.path || n.version !== r.new.version) return true;
  }
  for (const x of f.exclude) if (!i.exclude.has(keyOf(x.mod))) return true;
  return false;
}

/** parseArgs turns the arguments into queries, reporting go's refusals (modget.parseArgs). */
function parseArgs(r: Resolver, args: readonly string[]): { queries: Query[]; dropToolchain: boolean } {
  const queries: Query[] = [];
  let dropToolchain = false;
  const cleaned = args.length === 0 ? ['.'] : args.map(cleanPattern);
  for (const arg of cleaned) {
    const at = arg.indexOf('@');
    const found = at >= 0;
    const pattern = found ? arg.slice(0, at) : arg;
    const rawVers = found ? arg.slice(at + 1) : '';
    if (found && rawVers.length > 0 && (rawVers[0] === '-' || rawVers[0] === '/')) {
      r.error(`go: invalid module version "${rawVers}"`);
      continue;
    }
    if (found && (rawVers.includes('@') || rawVers === '')) {
      r.error(`go: invalid module version syntax "${arg}"`);
      continue;
    }
    const version = rawVers !== '' ? rawVers : r.upgradeFlag === '' ? 'upgrade' : r.upgradeFlag;
    const q = new Query(args.length === 0 ? '' : arg, pattern, rawVers, version);
    if (q.patternIsLocal && q.rawVersion !== '') {
      r.error(`go: can't request explicit version "${q.rawVersion}" of path "${q.pattern}" in main module`);
      continue;
    }
    if (q.pattern === 'all' && q.version !== 'upgrade' && q.version !== 'patch') {
      // go validates arguments before it loads go.mod: it knows of no main module yet, hence "modules".
      r.error(`go: can't request version ${goQuote(q.version)} of pattern "all" that includes the main modules`);
      continue;
    }
    if (isMetaPackage(q.pattern) && q.pattern !== 'all' && q.pattern !== q.raw) {
      r.error(q.pattern === 'tool' ? `go: can't request explicit version of "tool" pattern` : `go: can't request explicit version of standard-library pattern ${goQuote(q.pattern)}`);
      continue;
    }
    if (q.pattern === 'std' || q.pattern === 'cmd' || (!q.patternIsLocal && q.pattern.includes('...') && (isStandardImportPath(q.pattern) || !r.session.packages.moduleFileNames))) {
      r.error(`go: gomodx get does not support the pattern "${q.pattern}" yet: name modules, packages, directories (./...), module path patterns with a dot in the first element, "all", "work" or "tool"`);
      continue;
    }
    if (q.version === 'none') {
      if (q.pattern === 'go') {
        r.error('go: cannot use go@none');
        continue;
      }
      if (q.pattern === 'toolchain') {
        dropToolchain = true;
        continue;
      }
    }
    if (q.raw.endsWith('.go') && q.rawVersion === '' && !q.raw.includes('/')) {
      r.error(`go: ${q.raw}: arguments must be package or module paths`);
      continue;
    }
    queries.push(q);
  }
  r.exitIfErrors();
  return { queries, dropToolchain };
}

/**
 * legacyPackageQuery is modload.QueryPattern as go mod init's lock-file conversion asked it (Go
 * 1.17–1.21): one package path at a revision or version, nothing selected, every version
 * allowed; the module providing the package (the longest such path), else the module whose
 * path it is. An error of the lookup is the answer even where a module was found, as in go.
 */
export async function legacyPackageQuery(session: GetSession): Promise<(path: string, rev: string) => Promise<ModuleVersion>> {
  const start = await session.loader.expandGraph(session.requirements);
  const r = new Resolver(session, { args: [] }, start.rs, start.mg);
  const allowAll: AllowedFn = () => Promise.resolve(undefined);
  return async (path, rev) => {
    const res = await r.queryPattern(path, rev, () => 'none', allowAll);
    if (res.err) throw res.err;
    const m = res.pkgMods[0]?.mod ?? res.modOnly?.mod;
    if (!m) throw new Error('queryPrefixModules: no modules found, but no error detected');
    return m;
  };
}

/**
 * planGet computes what `go get` would do with opts in session, without writing anything. The
 * returned stderr is what go prints; ok is false where go exits with an error.
 */
export async function planGet(session: GetSession, opts: GetOptions): Promise<GetPlan> {
  const { loader, mainModule } = session;
  const goModBefore = mainModule.index.data;
  const goSumBefore = session.goSum;
  let start: { rs: Requirements; mg: ModuleGraphResult };
  // A go.mod without a go line gets the running Go version (modload.loadModFile in -mod=mod),
  // and with it a pruned graph: every module of the old build list becomes a root.
  const addedGoLine = mainModule.index.goVersion === '' ? loader.opts.localGo : undefined;
  loader.startAskLog();
  try {
    let rs = session.requirements;
    if (addedGoLine !== undefined) {
      const roots = modSort([...rs.rootModules.filter((m) => m.path !== 'go'), { path: 'go', version: addedGoLine }]);
      rs = new Requirements(rs.pruning, roots, rs.direct);
      if (pruningForGoVersion(addedGoLine) === 'pruned') rs = await convertPruning(loader, rs, 'pruned');
    }
    start = await loader.expandGraph(rs);
  } catch (e) {
    return failed(`go: ${(e as Error).message}\n`, goModBefore, goSumBefore, []);
  }
  session.memory.markGraphLoaded(start.rs);
  const r = new Resolver(session, opts, start.rs, start.mg);
  const buildListBefore = r.buildList;
  try {
    const { queries, dropToolchain } = parseArgs(r, opts.args);
    for (const q of queries) r.addQuery(q);
    await r.performLocalQueries();
    await Promise.all(r.pathQueries.map((q) => (q.version === 'none' ? r.queryNone(q) : r.queryPath(q))));
    await r.performToolQueries();
    await r.performWorkQueries();
    // go's loop has no bound: with a package that only some versions provide, upgrades and
    // downgrades can chase each other forever (go then never returns). A state seen before
    // means exactly that, and is reported instead of repeated.
    const seen: ResolverState[] = [];
    for (;;) {
      const state = r.state(queries);
      if (seen.some((s) => s.short === state.short && s.long() === state.long())) {
        r.error(`go: ${NON_TERMINATION}: the build list keeps cycling through the same states (the go command loops forever)`);
        throw new ExitSignal();
      }
      seen.push(state);
      await r.performWildcardQueries();
      await r.performPatternAllQueries();
      if (await r.resolveQueries(queries)) continue;
      const upgrades = await r.findAndUpgradeImports(queries);
      if (await r.applyUpgrades(upgrades)) continue;
      await r.findMissingWildcards();
      if (await r.resolveQueries(r.wildcardQueries)) continue;
      break;
    }
    await r.checkWildcardVersions();

    const warnings = await checkPackageProblems(r, queries);
    r.stderr.push(...warnings);
    r.exitIfErrors();

    const file = session.memory.goModToEdit(mainModule);
    const oldReqs = reqsFromGoMod(file);
    if (addedGoLine !== undefined) oldReqs.push({ path: 'go', version: addedGoLine });
    let after: string;
    try {
      after = updateGoModFromReqs(file, r.rs, {
        dropToolchain,
        explicitToolchain: queries.some((q) => q.pattern === 'toolchain'),
        localGo: loader.opts.localGo,
        toolchainExplain: session.toolchainExplain,
      });
    } catch (e) {
      r.error(`go: ${(e as Error).message}`);
      throw new ExitSignal();
    }
    const dirty = modFileIsDirty(mainModule, file);
    const newReqs = reqsFromGoMod(file);
    const resolved = new Map([...r.resolvedVersion].map(([p, v]) => [p, v.version]));
    const report = reportChanges({ resolved, initial: r.initialVersion, final: r.buildListVersion, oldReqs, newReqs });
    const finalGraph = await r.rs.graph(loader);
    const sums = await goSumAfter(r, finalGraph);
    // go writes go.mod and go.sum (warning as it writes go.sum) before it reports the changes.
    r.stderr.push(...sums.warnings, ...report.lines);
    return {
      ok: true,
      stderr: r.stderr.join(''),
      changes: explainChanges(r, finalGraph, report.changes),
      goModBefore,
      goModAfter: dirty && after !== goModBefore ? after : undefined,
      goSumBefore,
      get goSumAfter() {
        return sums.render?.();
      },
      addedSumLines: sums.added,
      buildListBefore,
      buildListAfter: finalGraph.graph.buildList(),
      requirementsAfter: r.rs.rootModules,
      graphAfter: finalGraph.graph,
    };
  } catch (e) {
    if (!(e instanceof ExitSignal)) {
      if (session.signal?.aborted) throw e;
      r.error(`go: ${(e as Error).message}`);
    }
    return failed(r.stderr.join(''), goModBefore, goSumBefore, buildListBefore);
  }
}

function failed(stderr: string, goModBefore: string, goSumBefore: string, buildListBefore: readonly ModuleVersion[]): GetPlan {
  return { ok: false, stderr, changes: [], goModBefore, goSumBefore, addedSumLines: [], buildListBefore };
}

/**
 * checkPackageProblems prints deprecations and retractions of the modules named, resolved or
 * needed by named packages, and fetches sums for updated modules that had zip sums before.
 */
async function checkPackageProblems(r: Resolver, queries: readonly Query[]): Promise<string[]> {
  const RESOLVED = 1;
  const NAMED = 2;
  const HAS_PKG = 4;
  const DIRECT = 8;
  const relevant = new Map<string, { m: ModuleVersion; flags: number }>();
  const mark = (m: ModuleVersion, flag: number): void => {
    const k = keyOf(m);
    const e = relevant.get(k);
    if (e) e.flags |= flag;
    else relevant.set(k, { m, flags: flag });
  };
  for (const [path, rv] of r.resolvedVersion) mark({ path, version: rv.version }, RESOLVED);
  // The final load reports missing and ambiguous imports (and keeps its requirements).
  const pkgPatterns = queries.filter((q) => q.matchesPackages).map((q) => q.pattern);
  const loadErrors: string[] = [];
  if (pkgPatterns.length > 0) {
    let res: LoadResult;
    try {
      res = await loadPackageGraph(r.pctx, r.rs, { anyTags: false, allowErrors: true }, pkgPatterns);
    } catch (e) {
      if (r.session.signal?.aborted) throw e;
      r.error(`go: ${(e as Error).message}`);
      throw new ExitSignal();
    }
    loadErrors.push(...res.stderr);
    for (const f of res.fatal) r.error(f);
    r.rs = res.rs;
    r.lastLoad = res;
    if (res.matches.some((m) => m.errs.length > 0)) r.setExitStatus();
    for (const path of res.loadedPackages) {
      const p = res.lookup(path)!;
      if (p.err) {
        if (!(p.dir !== '' && p.err instanceof NoGoError)) {
          r.setExitStatus();
          if (p.err instanceof AmbiguousImportError) for (const m of p.err.modules) mark(m, HAS_PKG);
        }
      }
      const m = packageModule(res, path);
      if (m.path !== '') mark(m, HAS_PKG);
    }
    for (const match of res.matches) for (const path of match.pkgs) mark(packageModule(res, path), NAMED);
  }
  for (const e of relevant.values()) if (r.rs.direct.get(e.m.path)) e.flags |= DIRECT;

  const byPath = (a: { m: ModuleVersion }, b: { m: ModuleVersion }): number => compareGoStrings(a.m.path, b.m.path);
  const q = r.session.queries;
  const retractions = [...relevant.values()].filter((e) => e.flags & (RESOLVED | NAMED | HAS_PKG)).sort(byPath);
  const retractionMessages = await Promise.all(
    retractions.map(async (e) => {
      const err = await q.checkRetractions(e.m);
      return err && findError(err, ModuleRetractedError) ? err.message : '';
    }),
  );
  const deprecations = [...relevant.values()].filter((e) => e.flags & (RESOLVED | NAMED) || (e.flags & (HAS_PKG | DIRECT)) === (HAS_PKG | DIRECT)).sort(byPath);
  const deprecationMessages = await Promise.all(
    deprecations.map(async (e) => {
      try {
        const d = await q.checkDeprecation(e.m);
        return d === '' ? '' : shortMessage(d, '');
      } catch {
        return '';
      }
    }),
  );

  // An updated module whose old version had a zip sum gets one too: builds need it later.
  const sumErrors: string[] = [];
  const mms = r.session.loader.mainModules;
  for (const m of r.buildList) {
    const oldV = r.initialVersion.get(m.path) ?? '';
    if (oldV === '') continue;
    const old = { path: m.path, version: oldV };
    const mActual = replacementOf(mms, m)?.to ?? m;
    const oldActual = replacementOf(mms, old)?.to ?? old;
    if ((mActual.path === oldActual.path && mActual.version === oldActual.version) || mActual.version === '') continue;
    if (r.session.loader.opts.sums.hashes(oldActual.path, oldActual.version).length === 0) continue;
    try {
      r.zipSums.set(keyOf(mActual), await r.session.packages.zipHash(mActual, r.session.signal));
    } catch (e) {
      const verb = modCompare(m.path, m.version, oldV) < 0 ? 'downgraded' : 'upgraded';
      const replaced = mActual !== m ? ` (replaced by ${formatModule(mActual)})` : '';
      sumErrors.push(`go: ${verb} ${m.path} ${oldV} => ${m.version}${replaced}: error finding sum for ${formatModule(mActual)}: ${(e as Error).message}\n`);
    }
  }

  const out: string[] = [...loadErrors];
  deprecations.forEach((e, i) => {
    if (deprecationMessages[i]) out.push(`go: module ${e.m.path} is deprecated: ${deprecationMessages[i]}\n`);
  });
  let retractPath = '';
  retractions.forEach((e, i) => {
    if (!retractionMessages[i]) return;
    out.push(`go: warning: ${retractionMessages[i]}\n`);
    retractPath = retractPath === '' ? e.m.path : '<module>';
  });
  if (retractPath !== '') out.push(`go: to switch to the latest unretracted version, run:\n\tgo get ${retractPath}@latest\n`);
  for (const e of sumErrors) r.error(e);
  return out;
}

/**
 * goSumAfter computes go.sum as go would write it after the command (keepSums + tidyGoSum).
 * Only the hashes checked in this command that go.sum lacks can change the file, so keepSums'
 * question is asked of those alone instead of listing every key the whole graph keeps.
 */
async function goSumAfter(r: Resolver, finalGraph: ModuleGraphResult): Promise<{ render?: () => string; added: string[]; warnings: string[] }> {
  const { session } = r;
  const loader = session.loader;
  const mms = loader.mainModules;
  const keep = new Set<string>();
  const actual = (m: ModuleVersion): ModuleVersion => replacementOf(mms, m)?.to ?? m;
  const keepZip = (m: ModuleVersion): void => {
    const a = actual(m);
    keep.add(`${a.path} ${a.version}`);
  };
  // modload.keepSums: the modules of the last load's packages (and every module that could
  // have provided them), then the whole graph if go has loaded it, or else only the roots.
  const rs = r.rs;
  let graphLoaded = r.session.memory.isGraphLoaded(rs);
  for (const pkg of r.lastLoad?.pkgs ?? []) {
    if (pkg.testOf || (pkg.mod.path === '' && !pkg.err)) continue;
    if (pkg.mod.path !== '') {
      const a = actual(pkg.mod);
      keep.add(`${a.path} ${a.version}/go.mod`);
    }
    const prefixes: string[] = [];
    for (let p = pkg.path; ; ) {
      prefixes.push(p);
      const j = p.lastIndexOf('/');
      if (j < 0) break;
      p = p.slice(0, j);
    }
    if (rs.pruning === 'pruned' && pkg.mod.path !== '' && rs.rootSelected(loader, pkg.mod.path) === pkg.mod.version) {
      for (const prefix of prefixes) {
        const v = rs.rootSelected(loader, prefix);
        if (v !== undefined && v !== 'none') keepZip({ path: prefix, version: v });
      }
      continue;
    }
    graphLoaded = true;
    for (const prefix of prefixes) {
      const v = mms.contains(prefix) ? '' : finalGraph.graph.selectedVersion(prefix);
      if (v !== 'none') keepZip({ path: prefix, version: v });
    }
  }
  const kept = keptSums(r, finalGraph, graphLoaded, keep);
  const checked = new Map<string, string>();
  // A go.mod hash already in go.sum is the one the file was checked against: nothing to add.
  for (const m of kept.goMods) {
    try {
      checked.set(`${m.path} ${m.version}/go.mod`, await session.goModHash(m));
    } catch {
      // A go.mod we cannot read again was not needed for the result.
    }
  }
  for (const [k, h] of r.zipSums) {
    const at = k.indexOf('@');
    checked.set(`${k.slice(0, at)} ${k.slice(at + 1)}`, h);
  }
  return updatedGoSum(session.goSum, checked, kept.has);
}

/**
 * keptSums answers keepSums for the go.sum keys this command can add: the go.mod files read in
 * the session that go.sum lacks and that a package (keep), a module of the graph (or of the
 * roots, when go has not loaded the graph) keeps, each module as read (replacement applied);
 * and, for any key, whether it is kept. The graph's modules are looked up in the index of
 * those reads, instead of every key the whole graph keeps being spelled out.
 */
function keptSums(
  r: Resolver,
  finalGraph: ModuleGraphResult,
  graphLoaded: boolean,
  keep: ReadonlySet<string>,
): { goMods: ModuleVersion[]; has: (key: string) => boolean } {
  const mms = r.session.loader.mainModules;
  const graph = finalGraph.graph;
  const unsummed = unsummedGoMods(r.session);
  const goMods = new Set<UnsummedGoMod>();
  const replaced = replacedPathSet(mms);
  const anyReplaced = replaced.has('*');
  // A selected module whose requirements the graph did not load (a pruned leaf) had its go.mod
  // read only if this command asked for it: another preview of the session may have read it.
  const askedHere = (m: ModuleVersion): boolean => r.session.loader.askedThisCommand(m) !== false;
  const take = (m: ModuleVersion): void => {
    if (!anyReplaced && !replaced.has(m.path)) {
      const u = unsummed.byKey.get(keyOf(m));
      if (u) goMods.add(u);
      return;
    }
    const a = replacementOf(mms, m)?.to;
    const u = a ? unsummed.bySumKey.get(`${a.path} ${a.version}/go.mod`) : unsummed.byKey.get(keyOf(m));
    if (u) goMods.add(u);
  };
  for (const k of keep) {
    const u = k.endsWith('/go.mod') ? unsummed.bySumKey.get(k) : undefined;
    if (u) goMods.add(u);
  }
  const ids = graphLoaded ? r.session.memory.editGraphIds(graph) : undefined;
  if (ids) {
    // The graph of an edit: its modules by table id, whose answers are kept for the session.
    const t = ids.table;
    const known = unsummedIdsOf(unsummed, t);
    const replacedPath = new Uint8Array(t.paths.length);
    for (const path of replaced) {
      const p = t.lookupPath(path);
      if (p >= 0) replacedPath[p] = 1;
    }
    const takeId = (id: number): void => {
      if (anyReplaced || replacedPath[t.pathOf[id]!] === 1) return take(t.mods[id]!);
      let k = known.answer[id]!;
      if (k === NOT_LOOKED_UP) {
        const u = unsummed.byKey.get(keyOf(t.mods[id]!));
        k = u ? known.entries.push(u) - 1 : NOT_UNSUMMED;
        // Once the table has asked for a go.mod, it was read (or failed) for good: the answer
        // stays. Otherwise a later read may still find it unsummed.
        if (u || t.asked[id]) known.answer[id] = k;
      }
      if (k >= 0) goMods.add(known.entries[k]!);
    };
    known.grow(t.mods.length);
    for (const id of ids.loaded) takeId(id);
    const loaded = new Uint8Array(t.mods.length);
    for (const id of ids.loaded) loaded[id] = 1;
    for (const id of ids.selected) if (loaded[id] === 1 || askedHere(t.mods[id]!)) takeId(id);
  } else if (graphLoaded) {
    for (const m of graph.loadedModules()) take(m);
    for (const [path, version] of graph.selectedEntries()) {
      const m = moduleVersion(path, version);
      if (graph.requiredBy(m) !== undefined || askedHere(m)) take(m);
    }
  } else {
    for (const m of r.rs.rootModules) take(m);
  }
  const sumKeys = new Set([...goMods].map((u) => u.sumKey));
  let zipKeys: Set<string> | undefined;
  const has = (k: string): boolean => {
    if (keep.has(k) || sumKeys.has(k)) return true;
    if (k.endsWith('/go.mod')) return false;
    // Zip hashes are kept for the build list (or the roots): spelled out once, when asked.
    if (!zipKeys) {
      zipKeys = new Set();
      for (const m of graphLoaded ? graph.buildList() : r.rs.rootModules) {
        const a = replacementOf(mms, m)?.to ?? m;
        zipKeys.add(`${a.path} ${a.version}`);
      }
    }
    return zipKeys.has(k);
  };
  return { goMods: [...goMods].map((u) => u.m), has };
}

/**
 * unsummedGoMods indexes the module versions whose go.mod was read in this session and whose
 * go.mod hash go.sum lacks. The list of reads only grows: each call looks at what is new.
 */
function unsummedGoMods(session: GetSession): UnsummedIndex {
  const u = session.memory.unsummed;
  const have = parsedGoSum(session.goSum);
  const read = session.goModsRead();
  for (; u.scanned < read.length; u.scanned++) {
    const m = read[u.scanned]!;
    if (m.version === '' || isToolchainPath(m.path)) continue;
    const sumKey = `${m.path} ${m.version}/go.mod`;
    // Only an h1: line records the hash; go adds one beside a line of another algorithm.
    if ([...(have.get(sumKey) ?? [])].some((h) => h.startsWith('h1:')) || u.bySumKey.has(sumKey)) continue;
    const e = { m, sumKey };
    u.bySumKey.set(sumKey, e);
    u.byKey.set(keyOf(m), e);
  }
  return u;
}

/** explainChanges attaches a reason to each reported change. */
function explainChanges(r: Resolver, finalGraph: ModuleGraphResult, changes: readonly Change[]): ExplainedChange[] {
  const index = requirerIndex(finalGraph.graph);
  const requirerOf = (m: ModuleVersion): string | undefined => {
    const n = index(m);
    return n ? formatModule(n) : undefined;
  };
  return changes.map((c) => {
    const rv = r.resolvedVersion.get(c.path);
    let reason: string;
    if (rv) reason = `asked for by ${rv.reason.raw === '' ? '-u' : rv.reason.raw}`;
    else if (c.path === 'go' || c.path === 'toolchain') {
      const by = c.kind === 'upgraded' ? requirerOf({ path: c.path, version: c.new }) : undefined;
      reason = by ? `raised by a requirement of ${by}` : 'follows the selected go version';
    } else if (c.kind === 'upgraded' || c.kind === 'added') {
      const by = requirerOf({ path: c.path, version: c.new });
      reason = by ? `raised by a requirement of ${by}` : 'raised by the edit';
    } else {
      const why = r.downgradeReasons.get(c.path);
      reason = why ? `lowered because ${why}` : c.kind === 'removed' ? 'no longer required by any selected module' : 'lowered: the modules that required the higher version were lowered';
    }
    return { ...c, reason };
  });
}
