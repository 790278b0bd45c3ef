import type { ModuleVersion } from '../../../shared/model/module-version';
import { isToolchainPath } from '../gover/gover';
import { keyOf } from '../mvs/graph';
import type { ModulePublic } from '../output/module-public';
import { cleanJoin } from './file-path';
import type { Loader, Requirements } from './loader';

/** CacheLookup finds what is already downloaded, as the go command reports it in list -m -json. */
export interface CacheLookup {
  /** The module cache path of m's .mod file, if that file exists. */
  goModPath(m: ModuleVersion): Promise<string | undefined>;
  /** The extracted source directory of m, if it exists and is complete. */
  downloadDir(m: ModuleVersion): Promise<string | undefined>;
}

/** recordedSum returns go.sum's single h1: hash for a key, as modfetch.RecordedSum. */
function recordedSum(loader: Loader, path: string, version: string): string | undefined {
  let sum: string | undefined;
  for (const h of loader.opts.sums.hashes(path, version)) {
    if (!h.startsWith('h1:')) continue;
    if (sum !== undefined && sum !== h) return undefined;
    sum = h;
  }
  return sum;
}

/**
 * moduleInfo describes one build-list module as `go list -m` does (modload.moduleInfo). With
 * full=false only what the text form prints (and what can make it fail) is computed.
 */
export async function moduleInfo(
  loader: Loader,
  rs: Requirements,
  m: ModuleVersion,
  cache: CacheLookup,
  full: boolean,
  /** fromQuery: m answers a path@version argument, not a requirement (go passes rs == nil). */
  fromQuery = false,
): Promise<ModulePublic> {
  const mms = loader.mainModules;
  if (m.version === '' && mms.contains(m.path)) {
    const mm = mms.get(m.path)!;
    const info: ModulePublic = { path: m.path, main: true, goVersion: loader.rawGoVersion.get(keyOf(m)) ?? '' };
    info.dir = mm.root;
    info.goMod = mm.goModPath;
    return info;
  }
  const info: ModulePublic = { path: m.path, version: m.version, indirect: !fromQuery && !rs.direct.get(m.path) };
  const gv = loader.rawGoVersion.get(keyOf(m));
  if (gv) info.goVersion = gv;

  const complete = async (t: ModulePublic): Promise<void> => {
    if (isToolchainPath(t.path)) return;
    const version = t.version ?? '';
    const checksumOk = (suffix: string): boolean =>
      fromQuery || version === '' || !loader.mustHaveSums || loader.opts.sums.hashes(t.path, version + suffix).length > 0;
    const mod = { path: t.path, version };
    if (version !== '') {
      try {
        const q = await loader.opts.fetcher.info(mod, loader.opts.signal);
        t.version = q.version;
        if (q.time) t.time = q.time;
      } catch (e) {
        t.error = (e as Error).message;
      }
    }
    if (!full) return;
    if (!t.goVersion && checksumOk('/go.mod')) {
      const r = await loader.rawGoModSummary(mod);
      if (r.ok && r.summary.goVersion) t.goVersion = r.summary.goVersion;
    }
    if (version !== '') {
      if (checksumOk('/go.mod')) {
        t.goMod = await cache.goModPath(mod);
        t.goModSum = recordedSum(loader, t.path, version + '/go.mod');
      }
      if (checksumOk('')) {
        t.dir = await cache.downloadDir(mod);
        t.sum = recordedSum(loader, t.path, version);
      }
    }
  };

  // An explicitly versioned argument reports the version asked for, not its replacement.
  const r = fromQuery ? undefined : mms.replacement(m);
  if (!r) {
    await complete(info);
    return info;
  }
  const rep: ModulePublic = { path: r.to.path, version: r.to.version };
  if (gv) rep.goVersion = gv;
  if (r.to.version === '') {
    rep.dir = mms.replacementDir(r.to);
    rep.goMod = cleanJoin(rep.dir, 'go.mod');
  }
  info.replace = rep;
  await complete(rep);
  info.dir = rep.dir;
  info.goMod = rep.goMod;
  info.goVersion = rep.goVersion;
  return info;
}
