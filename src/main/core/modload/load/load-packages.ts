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
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { goCompare, isToolchainPath, modCompare } from '../../gover/gover';
import { modSort } from '../../gover/module-sort';
import { Requirements, type Loader, type ModuleGraphResult } from '../loader';
import { cleanJoin, cleanPath, dirName, isAbsolutePath } from '../file-path';
import { pruningForGoVersion, TooNewError } from '../summary';
import { formatModule } from '../../mvs/build-list-error';
import { keyOf } from '../../mvs/graph';
import { ModuleError } from '../../modpath/module-errors';
import { convertPruning } from '../edit/edit-requirements';
import { ANY_TAGS, isGoSourceForBuild, matchFile, parseGoFileHeader, shouldBuild, type BuildTags, type GoFileHeader } from './go-imports';
import { isLocalPattern, isMetaPackage, isStandardImportPath, matchPattern, treeCanMatchPattern } from './package-patterns';
import type { GoFile, LocalDirEntry, PackageSource } from '../ports';
import { PackageNotInModuleError } from '../query/query-errors';
import { SessionMemory } from '../session-memory';

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

/** ImportMissingError: no module in the build list provides the package. */
export class ImportMissingError extends Error {
  constructor(
    readonly importPath: string,
    readonly isStd: boolean,
  ) {
    super(`cannot find module providing package ${importPath}`);
    this.name = 'ImportMissingError';
  }
}

/** AmbiguousImportError: more than one module of the build list provides the package. */
export class AmbiguousImportError extends Error {
  constructor(
    readonly importPath: string,
    readonly dirs: readonly string[],
    readonly modules: readonly ModuleVersion[],
  ) {
    let s = `ambiguous import: found package ${importPath} in multiple ${modules.length === 0 ? 'directories' : 'modules'}:`;
    dirs.forEach((dir, i) => {
      const m = modules[i];
      s += '\n\t' + (m ? `${m.path}${m.version !== '' ? ` ${m.version}` : ''} (${dir})` : dir);
    });
    super(s);
    this.name = 'AmbiguousImportError';
  }
}

/** NoGoError: the directory exists but no file of it is part of a build (imports.ErrNoGo). */
export class NoGoError extends Error {
  constructor() {
    super('no Go source files');
    this.name = 'NoGoError';
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

/** PatternMatch is what one pattern matched (search.Match). */
export interface PatternMatch {
  readonly pattern: string;
  pkgs: string[];
  errs: Error[];
  /** dirs are the directories a local pattern matched, relative to the working directory. */
  dirs?: string[];
}

/** MatchError is an error in matching a pattern (search.MatchError), which names the pattern. */
export class MatchError extends Error {
  constructor(
    readonly pattern: string,
    readonly err: Error,
  ) {
    super(pattern.includes('...') || isMetaPackage(pattern) ? `pattern ${pattern}: ${err.message}` : `${pattern}: ${err.message}`, { cause: err });
    this.name = 'MatchError';
  }
}

function addMatchError(m: PatternMatch, err: Error): void {
  m.errs.push(new MatchError(m.pattern, err));
}

/** IgnorePatterns are a main module's ignore directives (search.IgnorePatterns). */
export class IgnorePatterns {
  private readonly relative: string[] = [];
  private readonly any: string[] = [];

  constructor(patterns: readonly string[]) {
    for (const p of patterns) {
      if (p.startsWith('./')) this.relative.push(normalizeIgnorePath(p.slice(2)));
      else this.any.push(normalizeIgnorePath(p));
    }
  }

  /** shouldIgnore tells whether dir (relative to the module root) is ignored. */
  shouldIgnore(dir: string): boolean {
    if (dir === '') return false;
    const d = normalizeIgnorePath(dir);
    return this.relative.some((p) => d.startsWith(p)) || this.any.some((p) => d.includes(p));
  }
}

function normalizeIgnorePath(p: string): string {
  let s = p.startsWith('/') ? p : '/' + p;
  if (!s.endsWith('/')) s += '/';
  return s;
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

/** PackageContext is what loading needs from a go get session. */
export interface PackageContext {
  readonly loader: Loader;
  readonly tree: PackageTree;
  /** cwd is the absolute working directory (local patterns are relative to it). */
  readonly cwd: string;
  /** tags are the build's own tags (imports.Tags), for the loads that do not use any tags. */
  readonly tags: BuildTags;
  /** tools are the main module's tool packages (tool directives): always in "all". */
  readonly tools: ReadonlySet<string>;
  /** ignore holds the main module's ignore directives. */
  readonly ignore?: IgnorePatterns;
  /** memory is the session's: it records which requirements' graphs go has loaded. */
  readonly memory: SessionMemory;
}

/**
 * PackageTree reads package directories of module versions: module zips (replacements applied),
 * the main module's tree and directory replacements on disk. Everything read is kept for the
 * tree's lifetime (one go get run); zip hashes go to zipSums for go.sum.
 */
export class PackageTree {
  private readonly entries = new Map<string, Promise<readonly LocalDirEntry[] | undefined>>();
  /** Files on disk, read once per run (go get reads a directory's files once, too). */
  private readonly localFiles = new Map<string, Promise<readonly GoFile[]>>();

  constructor(
    readonly loader: Loader,
    readonly source: PackageSource,
    /** zipSums receives the hash of every zip opened, by keyOf(actual module). */
    readonly zipSums: Map<string, string>,
    readonly signal?: AbortSignal,
    /** memory keeps parsed file headers for the session's later runs. */
    private readonly memory: SessionMemory = new SessionMemory(),
  ) {}

  /** localRoot is the directory of m on disk (a main module or a directory replacement), or undefined. */
  localRoot(m: ModuleVersion): string | undefined {
    const mms = this.loader.mainModules;
    if (m.version === '' && mms.contains(m.path)) return mms.get(m.path)!.root;
    const r = replacementOf(mms, m);
    if (r && r.to.version === '') return mms.replacementDir(r.to);
    return undefined;
  }

  /** actual is the module version whose zip holds m's files. */
  actual(m: ModuleVersion): ModuleVersion {
    return replacementOf(this.loader.mainModules, m)?.to ?? m;
  }

  /** goFiles lists the .go files directly in directory rel of m (fetching m's zip if needed). */
  async goFiles(m: ModuleVersion, rel: string): Promise<readonly GoFile[]> {
    const root = this.localRoot(m);
    let files: readonly GoFile[];
    if (root !== undefined) files = await this.localGoFiles(cleanJoin(root, rel));
    else {
      const actual = this.actual(m);
      const k = keyOf(actual);
      if (!this.zipSums.has(k)) this.zipSums.set(k, await this.source.zipHash(actual, this.signal));
      files = await this.source.moduleGoFiles(actual, rel, this.signal);
    }
    return files.filter((f) => f.name.endsWith('.go'));
  }

  /** fetch makes sure m's files can be read (modload.fetch): the zip, or the replacement directory. */
  async fetch(m: ModuleVersion): Promise<void> {
    const mms = this.loader.mainModules;
    if (m.version === '' && mms.contains(m.path)) return;
    const r = replacementOf(mms, m);
    if (r && r.to.version === '') {
      if (this.source.localDirEntries && (await this.dirEntries(mms.replacementDir(r.to))) === undefined) {
        throw new ModuleError(m.path, m.version, new Error(`replacement directory ${r.to.path} does not exist`));
      }
      return;
    }
    await this.goFiles(m, '');
    // modfetch.Download refuses a module whose go.mod needs a newer go than the running one
    // (reading the file in the zip, not checking it against go.sum).
    const actual = this.actual(m);
    const goMod = await this.source.moduleGoModInZip?.(actual, this.signal);
    const goVersion = goMod === undefined ? '' : goModLookup(goMod, 'go');
    if (goVersion !== '' && goCompare(goVersion, this.loader.opts.localGo) > 0) {
      throw new TooNewError(formatModule(actual), goVersion, this.loader.opts.localGo, this.loader.opts.toolchainExplain ?? '');
    }
  }

  /** localGoFiles lists the .go files of a directory on disk (cached for the run). */
  localGoFiles(absDir: string): Promise<readonly GoFile[]> {
    let p = this.localFiles.get(absDir);
    if (!p) this.localFiles.set(absDir, (p = this.source.localGoFiles(absDir)));
    return p;
  }

  /** dirEntries lists a directory on disk (cached), undefined if it is not one. */
  dirEntries(absDir: string): Promise<readonly LocalDirEntry[] | undefined> {
    let p = this.entries.get(absDir);
    if (!p) {
      p = this.source.localDirEntries ? this.source.localDirEntries(absDir) : Promise.resolve(undefined);
      this.entries.set(absDir, p);
    }
    return p;
  }

  /** hasGoMod tells whether a directory on disk holds a go.mod file. */
  async hasGoMod(absDir: string): Promise<boolean> {
    const es = await this.dirEntries(absDir);
    return !!es?.some((e) => e.name === 'go.mod' && !e.isDir);
  }

  /** header is f's parsed header (a module zip's files are cached by the source: parsed once a session). */
  header(f: GoFile): GoFileHeader | undefined {
    return this.memory.header(f, parseGoFileHeader);
  }

  /**
   * scan reads the imports of a package directory's files (imports.ScanDir): files named with
   * "_" or "." first, and files no build includes, do not count; NoGoError when none is left.
   */
  scan(files: readonly GoFile[], tags: BuildTags): { imports: string[]; testImports: string[] } | NoGoError {
    const imports = new Set<string>();
    const testImports = new Set<string>();
    let n = 0;
    for (const f of files) {
      if (f.name.startsWith('_') || f.name.startsWith('.') || !f.name.endsWith('.go') || !matchFile(f.name, tags)) continue;
      const h = this.header(f);
      if (!h) continue;
      // import "C" needs cgo.
      if (!tags.any && !tags.set.has('cgo') && h.imports.includes('C')) continue;
      if (!shouldBuild(h, tags)) continue;
      n++;
      const into = f.name.endsWith('_test.go') ? testImports : imports;
      for (const imp of h.imports) into.add(imp);
    }
    if (n === 0) return new NoGoError();
    const keep = (p: string): boolean =>
      p !== 'C' && p !== 'appengine' && !p.startsWith('appengine/') && p !== 'appengine_internal' && !p.startsWith('appengine_internal/');
    return { imports: [...imports].filter(keep).sort(cmpStrings), testImports: [...testImports].filter(keep).sort(cmpStrings) };
  }

  /**
   * dirInModule finds package path in module m (modload.dirInModule): in a tree on disk a nested
   * go.mod between the module root and the directory means the package is not in m.
   */
  async dirInModule(path: string, m: ModuleVersion): Promise<{ dir: string; files: readonly GoFile[] } | undefined> {
    let rel: string;
    if (path === m.path) rel = '';
    else if (path.length > m.path.length && path[m.path.length] === '/' && path.startsWith(m.path)) rel = path.slice(m.path.length + 1);
    else return undefined;
    const root = this.localRoot(m);
    if (root !== undefined) {
      const dir = cleanJoin(root, rel);
      for (let d = dir; d !== root && d.length > root.length; d = dirName(d)) {
        if (await this.hasGoMod(d)) return undefined;
      }
      return { dir, files: await this.goFiles(m, rel) };
    }
    return { dir: rel === '' ? formatModule(this.actual(m)) : `${formatModule(this.actual(m))}/${rel}`, files: await this.goFiles(m, rel) };
  }
}

/** goModLookup is gover.GoModLookup: the value of the first line that starts with key. */
function goModLookup(goMod: string, key: string): string {
  for (const raw of goMod.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith(key)) continue;
    const rest = line.slice(key.length);
    if (rest === '' || (rest[0] !== ' ' && rest[0] !== '\t')) continue;
    const c = rest.indexOf('//');
    return (c >= 0 ? rest.slice(0, c) : rest).trim();
  }
  return '';
}

function cmpStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** replacementOf is mms.replacement(m), answered at once for the paths that no main module replaces. */
export function replacementOf(mms: Loader['mainModules'], m: ModuleVersion): ReturnType<Loader['mainModules']['replacement']> {
  const paths = mms.replacedPaths;
  if (!paths.has('*') && !paths.has(m.path)) return undefined;
  return mms.replacement(m);
}

/** replacedPathSet is mms.replacedPaths (see MainModuleSet). */
export function replacedPathSet(mms: Loader['mainModules']): ReadonlySet<string> {
  return mms.replacedPaths;
}

/** graphOf is rs.Graph: the module graph of rs, which go now has loaded. */
async function graphOf(ctx: PackageContext, rs: Requirements): Promise<ModuleGraphResult> {
  ctx.memory.markGraphLoaded(rs);
  return rs.graph(ctx.loader);
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

interface ImportResult {
  mod: ModuleVersion;
  dir: string;
  files?: readonly GoFile[];
  err?: Error;
  std?: boolean;
}

const NO_MODULE: ModuleVersion = { path: '', version: '' };

/**
 * importFromModules finds the module providing package path (modload.importFromModules): with
 * a pruned graph and no mg, first among the roots, then in the whole graph; a prefix module that
 * holds the directory counts, two of them are an ambiguous import.
 */
export async function importFromModules(ctx: PackageContext, path: string, rs: Requirements, mg0: ModuleGraphResult | undefined): Promise<ImportResult> {
  const { loader, tree } = ctx;
  const mms = loader.mainModules;
  if (path === 'C') return { mod: NO_MODULE, dir: '' };
  const prefixes: string[] = [];
  for (let p = path; ; ) {
    prefixes.push(p);
    const j = p.lastIndexOf('/');
    if (j < 0) break;
    p = p.slice(0, j);
  }
  if (isStandardImportPath(path) && !prefixes.some((p) => mms.contains(p))) {
    // The standard library: its packages import nothing a module provides.
    return { mod: NO_MODULE, dir: path, std: true };
  }
  let mg = mg0;
  for (;;) {
    const mods: ModuleVersion[] = [];
    const dirs: string[] = [];
    const files: (readonly GoFile[])[] = [];
    for (const prefix of prefixes) {
      if (isToolchainPath(prefix)) continue;
      let v: string | undefined;
      if (mms.contains(prefix)) v = '';
      else if (mg) v = mg.graph.selectedVersion(prefix);
      else v = rs.rootSelected(loader, prefix);
      if (v === undefined || v === 'none') continue;
      const m = { path: prefix, version: v };
      let found;
      try {
        await tree.fetch(m);
        found = await tree.dirInModule(path, m);
      } catch (e) {
        return { mod: NO_MODULE, dir: '', err: e as Error };
      }
      if (found && found.files.length > 0) {
        mods.push(m);
        dirs.push(found.dir);
        files.push(found.files);
      }
    }
    if (mods.length > 1) {
      return { mod: NO_MODULE, dir: '', err: new AmbiguousImportError(path, dirs.slice().reverse(), mods.slice().reverse()) };
    }
    if (mods.length === 1) {
      const m = mods[0]!;
      if (m.version !== '' && !mms.contains(m.path)) {
        // go reads the providing module's go.mod for its go version.
        const s = await loader.goModSummary(m);
        if (!s.ok) return { mod: NO_MODULE, dir: '', err: s.error };
      }
      return { mod: m, dir: dirs[0]!, files: files[0]! };
    }
    if (mg) return { mod: NO_MODULE, dir: '', err: new ImportMissingError(path, isStandardImportPath(path)) };
    mg = await graphOf(ctx, rs);
    if (mg.error) return { mod: NO_MODULE, dir: '', err: mg.error };
  }
}

/** LocalPackageError carries go's message for a directory that is no package path. */
class LocalPackageError extends Error {}

/**
 * resolveLocalPackage turns a directory (relative to cwd, or absolute) into the import path of
 * the main-module package it holds (modload.resolveLocalPackage, single main module).
 */
async function resolveLocalPackage(ctx: PackageContext, dir: string): Promise<string> {
  const { loader, tree } = ctx;
  const absDir = isAbsolutePath(dir) ? cleanPath(dir) : cleanJoin(ctx.cwd, dir);
  const mm = loader.mainModules.single;
  const files = await tree.localGoFiles(absDir);
  const scanned = tree.scan(files, ctx.tags);
  if (scanned instanceof NoGoError && !files.some((f) => isGoSourceForBuild(f.name) || f.name.endsWith('_test.go'))) {
    if (tree.source.localDirEntries && (await tree.dirEntries(absDir)) === undefined) {
      throw new LocalPackageError(`stat ${absDir}: directory not found`);
    }
    throw new LocalPackageError(`no buildable Go source files in ${absDir}`);
  }
  if (absDir === mm.root) return mm.path;
  if (absDir.startsWith(mm.root + '/') && !absDir.slice(mm.root.length).includes('@')) {
    const suffix = absDir.slice(mm.root.length + 1);
    if (suffix.startsWith('vendor/')) throw new LocalPackageError(`without -mod=vendor, directory ${absDir} has no package path`);
    const pkg = `${mm.path}/${suffix}`;
    const found = await tree.dirInModule(pkg, { path: mm.path, version: '' });
    if (!found || found.files.length === 0) throw new PackageNotInModuleError(NO_MODULE, undefined, '', pkg, [mm.path]);
    return pkg;
  }
  const shown = dir === '.' || absDir === ctx.cwd ? 'current directory' : `directory ${dir}`;
  throw new LocalPackageError(`${shown} outside main module or its selected dependencies`);
}

/**
 * matchLocalDirs lists the directories a local pattern matches (search.MatchDirs): a walk from
 * the pattern's directory that skips ".", "_" and testdata trees and nested modules.
 */
async function matchLocalDirs(ctx: PackageContext, m: PatternMatch): Promise<void> {
  const pattern = m.pattern;
  const { tree, loader } = ctx;
  const mm = loader.mainModules.single;
  const abs = (p: string): string => (isAbsolutePath(p) ? cleanPath(p) : cleanJoin(ctx.cwd, p));
  if (!pattern.includes('...')) {
    m.dirs = [pattern];
    return;
  }
  const i = pattern.indexOf('...');
  const prefixDir = abs(dirName(cleanPath(pattern.slice(0, i + 3))));
  // Only a walk inside the main module can find packages (modload.matchLocalDirs).
  let modRoot = '';
  if (prefixDir === mm.root || prefixDir.startsWith(mm.root + '/')) {
    for (let d = prefixDir; ; d = dirName(d)) {
      if (d === mm.root || (await tree.hasGoMod(d))) {
        modRoot = d;
        break;
      }
    }
  }
  if (modRoot !== mm.root) {
    m.dirs = [];
    addMatchError(m, new Error(`directory prefix ${loader.opts.shortPath(prefixDir)} does not contain main module or its selected dependencies`));
    return;
  }
  let clean = cleanPath(pattern);
  let prefix = '';
  if (clean !== '.' && pattern.startsWith('./')) {
    prefix = './';
    clean = './' + clean;
  }
  const match = matchPattern(clean);
  const head = clean.slice(0, clean.indexOf('...'));
  const start = head.slice(0, head.lastIndexOf('/') + 1);
  const dirs: string[] = [];
  const visit = async (path: string, top: boolean): Promise<void> => {
    const elem = path.slice(path.lastIndexOf('/') + 1);
    const dot = elem.startsWith('.') && elem !== '.' && elem !== '..';
    if (dot || elem.startsWith('_') || elem === 'testdata') return;
    const absPath = abs(path);
    if (ctx.ignore && absPath.startsWith(mm.root + '/') && ctx.ignore.shouldIgnore(absPath.slice(mm.root.length + 1))) return;
    if (!top && (await tree.hasGoMod(absPath))) return;
    const name = prefix + path;
    if (match(name)) {
      const files = await tree.localGoFiles(absPath);
      if (!(tree.scan(files, ctx.tags) instanceof NoGoError)) dirs.push(name);
    }
    const es = await tree.dirEntries(absPath);
    for (const e of [...(es ?? [])].sort((x, y) => cmpStrings(x.name, y.name))) {
      if (e.isDir) await visit(cleanJoin(path, e.name), false);
    }
  };
  await visit(cleanPath(start === '' ? '.' : start), true);
  m.dirs = dirs;
}

/**
 * matchPackages lists the packages of modules that match pattern (modload.matchPackages): a
 * walk of each module's tree that skips ".", "_" and testdata directories, what is below a
 * vendor directory and, on disk, nested modules and ignored directories. Errors fetching a
 * module are returned with the packages found elsewhere.
 */
export async function matchPackages(
  ctx: PackageContext,
  pattern: string,
  tags: BuildTags,
  modules: readonly ModuleVersion[],
): Promise<{ pkgs: string[]; errs: Error[] }> {
  const { tree, loader } = ctx;
  const meta = isMetaPackage(pattern);
  const isMatch = meta ? () => true : matchPattern(pattern);
  const treeCanMatch = meta ? () => true : treeCanMatchPattern(pattern);
  const have = new Set<string>(['builtin']);
  const out: string[] = [];
  const errs: Error[] = [];
  const consider = (name: string, files: () => Promise<readonly GoFile[]>): Promise<void> | void => {
    if (have.has(name)) return;
    have.add(name);
    if (!isMatch(name)) return;
    return files().then((fs) => {
      if (!(tree.scan(fs, tags) instanceof NoGoError)) out.push(name);
    });
  };
  // A tree on disk: the main module, or a directory replacement.
  const walkDisk = async (root: string, prefix: string, ignore: IgnorePatterns | undefined): Promise<void> => {
    const walk = async (dir: string, rel: string): Promise<void> => {
      const elem = rel === '' ? '' : rel.slice(rel.lastIndexOf('/') + 1);
      if (rel !== '' && (elem.startsWith('.') || elem.startsWith('_') || elem === 'testdata')) return;
      if (ignore?.shouldIgnore(rel)) return;
      const name = rel === '' ? prefix : `${prefix}/${rel}`;
      if (!treeCanMatch(name)) return;
      if (rel !== '' && (await tree.hasGoMod(dir))) return;
      await consider(name, () => tree.localGoFiles(dir));
      if (elem === 'vendor') return;
      const es = await tree.dirEntries(dir);
      for (const e of [...(es ?? [])].sort((x, y) => cmpStrings(x.name, y.name))) {
        if (e.isDir) await walk(cleanJoin(dir, e.name), rel === '' ? e.name : `${rel}/${e.name}`);
      }
    };
    await walk(root, '');
  };
  // A module zip: every directory that holds a file (modindex's walk of the extracted module).
  const walkZip = async (mod: ModuleVersion): Promise<void> => {
    const actual = tree.actual(mod);
    if (!tree.source.moduleFileNames) throw new Error(`gomodx: cannot list the packages of ${formatModule(actual)}`);
    const names = await tree.source.moduleFileNames(actual, tree.signal);
    const dirs = new Set<string>(['']);
    for (const n of names) {
      for (let i = n.indexOf('/'); i >= 0; i = n.indexOf('/', i + 1)) dirs.add(n.slice(0, i));
    }
    for (const rel of [...dirs].sort(cmpStrings)) {
      const elems = rel === '' ? [] : rel.split('/');
      if (elems.some((e, i) => e.startsWith('.') || e.startsWith('_') || e === 'testdata' || (e === 'vendor' && i < elems.length - 1))) continue;
      const name = rel === '' ? mod.path : `${mod.path}/${rel}`;
      if (!treeCanMatch(name)) continue;
      await consider(name, () => tree.goFiles(mod, rel));
    }
  };
  for (const mod of modules) {
    if (isToolchainPath(mod.path) || !treeCanMatch(mod.path)) continue;
    if (mod.version === '' && loader.mainModules.contains(mod.path)) {
      await walkDisk(loader.mainModules.get(mod.path)!.root, mod.path, ctx.ignore);
      continue;
    }
    try {
      await tree.fetch(mod);
    } catch (e) {
      errs.push(e as Error);
      continue;
    }
    const root = tree.localRoot(mod);
    if (root !== undefined) await walkDisk(root, mod.path, undefined);
    else await walkZip(mod);
  }
  return { pkgs: out.sort(cmpStrings), errs };
}

/** matchMainModulePackages lists the packages of the main module that match pattern. */
export async function matchMainModulePackages(ctx: PackageContext, pattern: string, anyTags: boolean): Promise<string[]> {
  const mm = ctx.loader.mainModules.single;
  return (await matchPackages(ctx, pattern, anyTags ? ANY_TAGS : ctx.tags, [{ path: mm.path, version: '' }])).pkgs;
}

/** dirImportPath is MainModuleSet.DirImportPath for one main module: "." when dir is outside it. */
export function dirImportPath(ctx: PackageContext, dir: string): string {
  const mm = ctx.loader.mainModules.single;
  const abs = isAbsolutePath(dir) ? cleanPath(dir) : cleanJoin(ctx.cwd, dir);
  if (abs === mm.root) return mm.path;
  if (abs.startsWith(mm.root + '/')) {
    const suffix = abs.slice(mm.root.length + 1);
    if (suffix.startsWith('vendor/')) return suffix.slice('vendor/'.length);
    return cleanPath(`${mm.path}/${suffix}`);
  }
  return '.';
}

/** matchInMainModule is modload.MatchInModule for the main module. */
export async function matchInMainModule(ctx: PackageContext, pattern: string): Promise<string[]> {
  if (pattern.includes('...')) return matchMainModulePackages(ctx, pattern, true);
  const mm = ctx.loader.mainModules.single;
  const found = await ctx.tree.dirInModule(pattern, { path: mm.path, version: '' });
  if (!found || found.files.length === 0) return [];
  return ctx.tree.scan(found.files, ANY_TAGS) instanceof NoGoError ? [] : [pattern];
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
