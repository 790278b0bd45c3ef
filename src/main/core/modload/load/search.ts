/**
 * Package patterns matched against packages (modload/search.go and cmd/go/internal/search):
 * local directory patterns resolved to the main module's import paths, "..." patterns walked
 * over the main module's tree and the build list's module zips, the main module's ignore
 * directives, and the errors go reports per pattern (MatchError).
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { isToolchainPath } from '../../gover/gover';
import { cleanJoin, cleanPath, dirName, isAbsolutePath } from '../file-path';
import { formatModule } from '../../mvs/build-list-error';
import { ANY_TAGS, isGoSourceForBuild, type BuildTags } from './go-imports';
import { isMetaPackage, matchPattern, treeCanMatchPattern } from './package-patterns';
import type { GoFile } from '../ports';
import { PackageNotInModuleError } from '../query/query-errors';
import { NoGoError, cmpStrings } from './package-tree';
import { type PackageContext } from './package-context';
import { NO_MODULE } from './import';

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

export function addMatchError(m: PatternMatch, err: Error): void {
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

/** LocalPackageError carries go's message for a directory that is no package path. */
class LocalPackageError extends Error {}

/**
 * resolveLocalPackage turns a directory (relative to cwd, or absolute) into the import path of
 * the main-module package it holds (modload.resolveLocalPackage, single main module).
 */
export async function resolveLocalPackage(ctx: PackageContext, dir: string): Promise<string> {
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
export async function matchLocalDirs(ctx: PackageContext, m: PatternMatch): Promise<void> {
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
