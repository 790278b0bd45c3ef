import type { ModuleVersion } from '../../../shared/model/module-version';
import { DEFAULT_GO_MOD_VERSION, DEFAULT_GO_WORK_VERSION } from '../gover/gover';
import { modSort } from '../gover/module-sort';
import { keyOf } from '../mvs/graph';
import type { MainModule, MainModuleSet } from './main-modules';
import { Requirements, type BuildMod } from './loader';
import { pruningForGoVersion } from './summary';

/**
 * rootsFromModFile turns a main go.mod into graph roots (modload.rootsFromModFile): its
 * requirements in file order minus excluded versions, then go@V and, if present, toolchain@T.
 * Excluded requirements are reported on stderr as the go command reports them.
 */
export function rootsFromModFile(
  mm: MainModule,
  withToolchainRoot: boolean,
  buildMod: BuildMod,
  warn: (line: string) => void,
): { roots: ModuleVersion[]; direct: Map<string, boolean> } {
  const direct = new Map<string, boolean>();
  const roots: ModuleVersion[] = [];
  for (const r of mm.file.require) {
    if (mm.index.exclude.has(keyOf(r.mod))) {
      const verb = buildMod === 'mod' ? 'dropping' : 'ignoring';
      warn(`go: ${verb} requirement on excluded version ${r.mod.path} ${r.mod.version}`);
      continue;
    }
    roots.push(r.mod);
    if (!r.indirect) direct.set(r.mod.path, true);
  }
  const goVersion = mm.file.go?.version || DEFAULT_GO_MOD_VERSION;
  const toolchain = withToolchainRoot ? (mm.file.toolchain?.name ?? '') : '';
  appendGoAndToolchainRoots(roots, goVersion, toolchain, direct);
  return { roots, direct };
}

function appendGoAndToolchainRoots(roots: ModuleVersion[], goVersion: string, toolchain: string, direct: Map<string, boolean>): void {
  roots.push({ path: 'go', version: goVersion });
  direct.set('go', true);
  if (toolchain !== '') roots.push({ path: 'toolchain', version: toolchain });
}

/** requirementsFromModFiles builds the initial Requirements of a build (single module or workspace). */
export function requirementsFromModFiles(mms: MainModuleSet, buildMod: BuildMod, warn: (line: string) => void): Requirements {
  if (mms.inWorkspace) {
    const roots: ModuleVersion[] = mms.versions.slice();
    const wf = mms.workFile!;
    const scratch = new Map<string, boolean>();
    appendGoAndToolchainRoots(roots, wf.go?.version || DEFAULT_GO_WORK_VERSION, wf.toolchain?.name ?? '', scratch);
    const direct = new Map<string, boolean>();
    for (const m of mms.modules) for (const r of m.file.require) if (!r.indirect) direct.set(r.mod.path, true);
    return new Requirements('workspace', modSort(roots), direct);
  }
  const mm = mms.single;
  const { roots, direct } = rootsFromModFile(mm, true, buildMod, warn);
  return new Requirements(pruningForGoVersion(mms.goVersion()), modSort(roots), direct);
}
