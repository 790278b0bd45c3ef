/**
 * Which module of the build list provides an imported package (modload/import.go's
 * importFromModules): the main modules, then every module whose path is a prefix of the
 * package's, loading the module graph only when the roots do not decide it; none is
 * ImportMissingError, more than one AmbiguousImportError.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { isToolchainPath } from '../../gover/gover';
import { Requirements, type ModuleGraphResult } from '../loader';
import { isStandardImportPath } from './package-patterns';
import type { GoFile } from '../ports';
import { type PackageContext, graphOf } from './package-context';

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

interface ImportResult {
  mod: ModuleVersion;
  dir: string;
  files?: readonly GoFile[];
  err?: Error;
  std?: boolean;
}

export const NO_MODULE: ModuleVersion = { path: '', version: '' };

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
