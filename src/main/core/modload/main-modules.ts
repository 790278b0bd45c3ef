import type { ModuleVersion } from '../../../shared/model/module-version';
import { keyOf } from '../mvs/graph';
import { formatModule } from '../mvs/build-list-error';
import { DEFAULT_GO_MOD_VERSION, DEFAULT_GO_WORK_VERSION } from '../gover/gover';
import type { ModFileView, WorkFileView } from './mod-file-view';
import { cleanJoin, isAbsolutePath, relativePath, toDirectoryPath, dirName } from './file-path';

/** ModFileIndex is what the loader remembers of a main module's go.mod (modload.modFileIndex). */
export interface ModFileIndex {
  readonly data: string;
  readonly module: ModuleVersion;
  readonly goVersion: string;
  readonly toolchain: string;
  readonly require: ReadonlyMap<string, { indirect: boolean }>;
  readonly replace: ReadonlyMap<string, ModuleVersion>;
  readonly exclude: ReadonlySet<string>;
  /** True when reading the file had to rewrite a version (go.mod needs updates). */
  readonly dataNeedsFix: boolean;
}

/** MainModule is one module being built: its path, root directory and go.mod. */
export interface MainModule {
  readonly path: string;
  readonly root: string;
  readonly goModPath: string;
  readonly file: ModFileView;
  readonly index: ModFileIndex;
}

/** ConflictingReplacementsError is go's refusal of two different replacements of one module. */
export class ConflictingReplacementsError extends Error {}

function replaceMap(file: ModFileView | WorkFileView): Map<string, ModuleVersion> {
  const map = new Map<string, ModuleVersion>();
  for (const r of file.replace) {
    const k = keyOf(r.old);
    const prev = map.get(k);
    if (prev && (prev.path !== r.new.path || prev.version !== r.new.version)) {
      throw new ConflictingReplacementsError(`go: conflicting replacements for ${formatModule(r.old)}:\n\t${formatModule(prev)}\n\t${formatModule(r.new)}`);
    }
    map.set(k, r.new);
  }
  return map;
}

/** indexModFile records a main go.mod as modload.indexModFile does. */
export function indexModFile(data: string, file: ModFileView, needsFix: boolean): ModFileIndex {
  const require = new Map<string, { indirect: boolean }>();
  for (const r of file.require) require.set(keyOf(r.mod), { indirect: r.indirect });
  const exclude = new Set<string>();
  for (const x of file.exclude) exclude.add(keyOf(x.mod));
  return {
    data,
    module: file.module?.mod ?? { path: '', version: '' },
    goVersion: file.go?.version ?? '',
    toolchain: file.toolchain?.name ?? '',
    require,
    replace: replaceMap(file),
    exclude,
    dataNeedsFix: needsFix,
  };
}

function lookupReplacement(mod: ModuleVersion, map: ReadonlyMap<string, ModuleVersion>): { from: string; to: ModuleVersion } | undefined {
  const exact = map.get(keyOf(mod));
  if (exact) return { from: mod.version, to: exact };
  const wildcard = map.get(keyOf({ path: mod.path, version: '' }));
  if (wildcard) return { from: '', to: wildcard };
  return undefined;
}

/** Replacement is a replacement in effect for one module version, and where it was declared. */
export interface Replacement {
  readonly to: ModuleVersion;
  /** The go.mod or go.work file that declared it. */
  readonly fromFile: string;
}

/**
 * MainModuleSet is the set of main modules: one for a go.mod project, one per `use` line in a
 * workspace. It answers the questions only main modules decide: replacements and excludes.
 */
export class MainModuleSet {
  readonly versions: readonly ModuleVersion[];
  private readonly byPath = new Map<string, MainModule>();
  private readonly workReplace: ReadonlyMap<string, ModuleVersion>;
  /** Warnings the go command prints to stderr while reading (conflicting workspace replacements). */
  readonly warnings: string[] = [];

  constructor(
    readonly modules: readonly MainModule[],
    readonly workFile?: WorkFileView,
    readonly workFilePath?: string,
  ) {
    this.versions = modules.map((m) => ({ path: m.path, version: '' }));
    for (const m of modules) {
      if (this.byPath.has(m.path)) this.errors.push(`go: module ${m.path} appears multiple times in workspace`);
      this.byPath.set(m.path, m);
    }
    this.workReplace = workFile ? replaceMap(workFile) : new Map();
    if (workFile) this.checkWorkspaceReplacements(workFile);
  }

  private get hasExcludes(): boolean {
    return (this.anyExclude ??= this.modules.some((mm) => mm.index.exclude.size > 0));
  }
  private anyExclude?: boolean;

  /** Errors the go command reports about the set itself (it exits after printing them). */
  readonly errors: string[] = [];

  /** checkWorkspaceReplacements applies makeMainModules' rules to a workspace's replacements. */
  private checkWorkspaceReplacements(workFile: WorkFileView): void {
    const replacedByWorkFile = new Set<string>();
    const replacements = new Map<string, ModuleVersion>();
    for (const r of workFile.replace) {
      if (this.byPath.has(r.old.path) && r.old.version === '') {
        this.errors.push(`go: workspace module ${r.old.path} is replaced at all versions in the go.work file. To fix, remove the replacement from the go.work file or specify the version at which to replace the module.`);
      }
      replacedByWorkFile.add(r.old.path);
      replacements.set(keyOf(r.old), r.new);
    }
    for (const mm of this.modules) {
      const current = new Set<string>();
      for (const r of mm.file.replace) {
        if (replacedByWorkFile.has(r.old.path)) continue;
        const newV = r.new.version === '' && !isAbsolutePath(r.new.path) ? { path: cleanJoin(mm.root, r.new.path), version: '' } : r.new;
        const k = keyOf(r.old);
        const prev = replacements.get(k);
        if (prev && !current.has(k) && (prev.path !== newV.path || prev.version !== newV.version)) {
          const o = formatModule(r.old);
          throw new ConflictingReplacementsError(`go: conflicting replacements for ${o}:\n\t${formatModule(prev)}\n\t${formatModule(newV)}\nuse "go work edit -replace ${o}=[override]" to resolve`);
        }
        current.add(k);
        replacements.set(k, newV);
      }
    }
  }

  get inWorkspace(): boolean {
    return this.workFilePath !== undefined;
  }

  contains(path: string): boolean {
    return this.byPath.has(path);
  }

  get(path: string): MainModule | undefined {
    return this.byPath.get(path);
  }

  /** single is the only main module outside workspace mode. */
  get single(): MainModule {
    if (this.modules.length !== 1) throw new Error('internal error: expected exactly one main module');
    return this.modules[0];
  }

  /** goVersion is the language version of the build: go.work's go line, or the main go.mod's. */
  goVersion(): string {
    if (this.workFile) return this.workFile.go?.version ?? DEFAULT_GO_WORK_VERSION;
    return this.single.index.goVersion || DEFAULT_GO_MOD_VERSION;
  }

  /** isExcluded reports whether any main module excludes m. */
  isExcluded(m: ModuleVersion): boolean {
    if (!this.hasExcludes) return false;
    const k = keyOf(m);
    for (const mm of this.modules) if (mm.index.exclude.has(k)) return true;
    return false;
  }

  /** replaceRelativeTo is the directory relative replacement paths are resolved against. */
  replaceRelativeTo(): string {
    if (this.workFilePath !== undefined) return dirName(this.workFilePath);
    return this.single.root;
  }

  /**
   * replacementFrom finds the replacement for mod (modload.replacementFrom): go.work first, then
   * the main modules' go.mod files, exact version before wildcard.
   */
  replacementFrom(mod: ModuleVersion): { r: ModuleVersion; modRoot: string; fromFile: string } | undefined {
    if (mod.version === '' && this.contains(mod.path)) return undefined;
    const w = lookupReplacement(mod, this.workReplace);
    if (w) return { r: w.to, modRoot: '', fromFile: this.workFilePath ?? '' };
    let found: { r: ModuleVersion; modRoot: string; fromFile: string; from: string } | undefined;
    for (const mm of this.modules) {
      const hit = lookupReplacement(mod, mm.index.replace);
      if (!hit) continue;
      if (found && found.from !== hit.from && (found.r.path !== hit.to.path || found.r.version !== hit.to.version)) {
        this.warnings.push(`go: conflicting replacements found for ${formatModule(mod)} in workspace modules defined by ${found.fromFile} and ${mm.goModPath}`);
        return found;
      }
      found = { r: hit.to, modRoot: mm.root, fromFile: mm.goModPath, from: hit.from };
    }
    return found;
  }

  private readonly replacementMemo = new Map<string, Replacement | null>();

  private replacedPathsMemo?: ReadonlySet<string>;

  /**
   * replacedPaths holds every path that some replacement of the main modules names ("*" in a
   * workspace, whose go.work replacements the modules' indexes do not hold): a path outside it
   * is never replaced, which package loading asks about for every module it reads.
   */
  get replacedPaths(): ReadonlySet<string> {
    if (!this.replacedPathsMemo) {
      const set = new Set<string>();
      for (const mm of this.modules) for (const k of mm.index.replace.keys()) set.add(k.slice(0, k.indexOf('@')));
      this.replacedPathsMemo = this.inWorkspace ? new Set(['*']) : set;
    }
    return this.replacedPathsMemo;
  }

  /** replacement returns the canonical replacement of mod, or undefined. */
  replacement(mod: ModuleVersion): Replacement | undefined {
    const k = keyOf(mod);
    const memo = this.replacementMemo.get(k);
    if (memo !== undefined) return memo ?? undefined;
    const hit = this.replacementFrom(mod);
    const r = hit ? { to: this.canonicalizeReplacePath(hit.r, hit.modRoot), fromFile: hit.fromFile } : undefined;
    this.replacementMemo.set(k, r ?? null);
    return r;
  }

  /** resolveReplacement returns the module whose go.mod supplies mod's requirements. */
  resolveReplacement(mod: ModuleVersion): ModuleVersion {
    return this.replacement(mod)?.to ?? mod;
  }

  /**
   * canonicalizeReplacePath makes a workspace module's relative directory replacement relative
   * to the go.work directory, so that replacements from different modules compare equal.
   */
  private canonicalizeReplacePath(r: ModuleVersion, modRoot: string): ModuleVersion {
    if (isAbsolutePath(r.path) || r.version !== '' || modRoot === '' || this.workFilePath === undefined) return r;
    const abs = cleanJoin(modRoot, r.path);
    const rel = relativePath(dirName(this.workFilePath), abs);
    return { path: toDirectoryPath(rel ?? abs), version: '' };
  }

  /** replacementDir is the absolute directory of a directory replacement. */
  replacementDir(r: ModuleVersion): string {
    return isAbsolutePath(r.path) ? r.path : cleanJoin(this.replaceRelativeTo(), r.path);
  }
}
