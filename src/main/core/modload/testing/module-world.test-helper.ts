/**
 * An in-memory module world for the modget unit tests: published versions with their go.mod
 * text and time, served through the ModuleFetcher and ModuleRepository ports, plus a main
 * module opened into a Loader exactly as the services open a real one. The same world can be
 * written to disk as a file:// GOPROXY tree so that the go command can confirm the tables.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { Loader, type Requirements } from '../loader';
import { indexModFile, MainModuleSet, type MainModule } from '../main-modules';
import type { ModuleFetcher, SumLookup, VersionInfo } from '../ports';
import { requirementsFromModFiles } from '../requirements';
import { parseModFile } from '../../modfile/rules';
import { isPseudoVersion } from '../../semver/pseudo';
import { sortVersions } from '../../semver/semver';
import type { GoFile, ModuleRepository, PackageSource, RevInfo } from '../ports';
import { ModuleQueries } from '../query/query';

/** WorldVersion is one published version; goMod null means "no go.mod" (served synthetic). */
export interface WorldVersion {
  readonly version: string;
  readonly goMod: string | null;
  readonly time?: string;
}

/** World maps module paths to their published versions. */
export type World = Readonly<Record<string, readonly WorldVersion[]>>;

class NotFound extends Error {
  readonly notFound = true;
}

/** gomod renders a small go.mod: module, optional go line, requirements, extra text. */
export function gomod(path: string, go: string | undefined, require: Record<string, string> = {}, extra = ''): string {
  let s = `module ${path}\n`;
  if (go) s += `\ngo ${go}\n`;
  const reqs = Object.entries(require);
  if (reqs.length > 0) s += `\nrequire (\n${reqs.map(([p, v]) => `\t${p} ${v}\n`).join('')})\n`;
  if (extra) s += `\n${extra}\n`;
  return s;
}

function served(path: string, v: WorldVersion): string {
  return v.goMod ?? `module ${path}\n`;
}

/** worldFetcher serves go.mod files of w. */
export function worldFetcher(w: World): ModuleFetcher {
  const find = (m: ModuleVersion): WorldVersion => {
    const v = w[m.path]?.find((x) => x.version === m.version);
    if (!v) throw new NotFound(`${m.path}@${m.version}: reading ${m.path}/@v/${m.version}.mod: no such file or directory`);
    return v;
  };
  return {
    goMod: async (m) => served(m.path, find(m)),
    info: async (m): Promise<VersionInfo> => ({ version: find(m).version, time: find(m).time ?? '2020-01-01T00:00:00Z' }),
    readLocalGoMod: async (p) => {
      throw new NotFound(`open ${p}: no such file or directory`);
    },
  };
}

/** worldRepository answers version questions about w as a proxy would. */
export function worldRepository(w: World): ModuleRepository & PackageSource {
  const versionsOf = (path: string): readonly WorldVersion[] => {
    const vs = w[path];
    if (!vs) throw new NotFound(`module ${path}: reading ${path}/@v/list: no such file or directory`);
    return vs;
  };
  const info = (v: WorldVersion): RevInfo => ({ version: v.version, time: v.time ?? '2020-01-01T00:00:00Z' });
  return {
    versions: async (path) => sortVersions(versionsOf(path).map((v) => v.version).filter((v) => !isPseudoVersion(v))),
    latest: async (path) => {
      const vs = versionsOf(path);
      const pseudo = vs.filter((v) => isPseudoVersion(v.version));
      if (pseudo.length === 0) throw new NotFound(`module ${path}: no commits`);
      return info(pseudo[pseudo.length - 1]!);
    },
    stat: async (path, rev) => {
      const v = versionsOf(path).find((x) => x.version === rev);
      if (!v) throw new NotFound(`${path}@${rev}: reading ${path}/@v/${rev}.info: no such file or directory`);
      return info(v);
    },
    moduleGoFiles: async (): Promise<readonly GoFile[]> => [{ name: 'doc.go', text: 'package x\n' }],
    localGoFiles: async () => [],
    zipHash: async (m) => `h1:${m.path}@${m.version}`,
  };
}

const NO_SUMS: SumLookup = { hashes: () => [] };

/** OpenedWorld is a main module opened over a world. */
export interface OpenedWorld {
  readonly loader: Loader;
  readonly requirements: Requirements;
  readonly mainModule: MainModule;
  readonly queries: ModuleQueries;
  readonly repo: ModuleRepository & PackageSource;
}

/** openWorld opens mainGoMod (at /work/go.mod) over w, with -mod=mod as go get has it. */
export function openWorld(w: World, mainGoMod: string): OpenedWorld {
  const file = parseModFile('/work/go.mod', mainGoMod);
  const mainModule: MainModule = { path: file.module!.mod.path, root: '/work', goModPath: '/work/go.mod', file, index: indexModFile(mainGoMod, file, false) };
  const mms = new MainModuleSet([mainModule]);
  const loader = new Loader({
    mainModules: mms,
    fetcher: worldFetcher(w),
    sums: NO_SUMS,
    buildMod: 'mod',
    localGo: '1.26.8',
    parseLax: (name, data) => parseModFile(name, data, { lax: true }),
    shortPath: (p) => p,
  });
  loader.rawGoVersion.set(`${mainModule.path}@`, file.go?.version ?? '1.16');
  const requirements = requirementsFromModFiles(mms, 'mod', () => undefined);
  const repo = worldRepository(w);
  return { loader, requirements, mainModule, queries: new ModuleQueries({ loader, repo }), repo };
}
