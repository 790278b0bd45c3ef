/**
 * Package directories as go get reads them: module zips (replacements applied), the main
 * module's tree and directory replacements on disk, each read once per run.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { goCompare } from '../../gover/gover';
import { type Loader } from '../loader';
import { cleanJoin, dirName } from '../file-path';
import { TooNewError } from '../summary';
import { formatModule } from '../../mvs/build-list-error';
import { keyOf } from '../../mvs/graph';
import { ModuleError } from '../../modpath/module-errors';
import { matchFile, parseGoFileHeader, shouldBuild, type BuildTags, type GoFileHeader } from './go-imports';
import type { GoFile, LocalDirEntry, PackageSource } from '../ports';
import { SessionMemory } from '../session-memory';

/** NoGoError: the directory exists but no file of it is part of a build (imports.ErrNoGo). */
export class NoGoError extends Error {
  constructor() {
    super('no Go source files');
    this.name = 'NoGoError';
  }
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

export function cmpStrings(a: string, b: string): number {
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
