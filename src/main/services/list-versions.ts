/**
 * `go list -m` with module arguments and the query flags: -versions (available versions),
 * -retracted (include retracted ones and mark retracted modules), -u (available upgrades,
 * retractions and deprecations), for "all", module path patterns, paths and path@version.
 */
import type { ModuleVersion } from '../../shared/model/module-version';
import { isToolchainPath, modCompare } from '../core/gover/gover';
import { goModNeedsUpdate } from '../core/modload/dirty';
import type { Requirements } from '../core/modload/loader';
import { moduleInfo } from '../core/modload/module-info';
import { isNotExist } from '../core/modload/ports';
import { ALLOW_ALL, isRevisionQuery, ModuleQueries, type AllowedFn } from '../core/modload/query/query';
import { findError, isDisallowed, ModuleRetractedError, NoMatchingVersionError } from '../core/modload/query/query-errors';
import { ModuleError } from '../core/modpath/module-errors';
import { modulePublicJson, modulePublicText, type ModulePublic } from '../core/output/module-public';
import { ProxyModuleRepository } from '../sources/module-repository';
import { formatFailure, type CommandOutput } from './list-modules';
import type { Project } from './project';

/** ListFlags are the flags of go list -m that this service handles. */
export interface ListFlags {
  readonly json: boolean;
  readonly u: boolean;
  readonly versions: boolean;
  readonly retracted: boolean;
}

/** matchPattern is pkgpattern.MatchPattern for module paths: "..." matches any string. */
function matchPattern(pattern: string): (p: string) => boolean {
  let re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\.\\\.\\\./g, '.*');
  if (re.endsWith('/.*')) re = re.slice(0, -3) + '(/.*)?';
  const rx = new RegExp(`^${re}$`);
  return (p) => rx.test(p);
}

/** modinfoError words a query error as list prints it (modload.modinfoError). */
function modinfoError(path: string, vers: string, err: Error): string {
  if (err instanceof NoMatchingVersionError) return new ModuleError(path, '', err).message;
  if (err instanceof ModuleError) return err.message;
  return new ModuleError(path, vers, err).message;
}

function ignorable(err: unknown): boolean {
  return err instanceof NoMatchingVersionError || findError(err, NoMatchingVersionError) !== undefined || isNotExist(err);
}

/**
 * FULL: every module listed is described in full, text output included, as go's moduleInfo does
 * (completeFromModCache): that reads each go.mod go.sum has a line for, and so checks it.
 */
const FULL = true;

/** listModulesWithFlags is `go list -m [-json] [-u] [-versions] [-retracted] ARG...`. */
export async function listModulesWithFlags(project: Project, args: readonly string[], flags: ListFlags): Promise<CommandOutput & { modules: ModulePublic[] }> {
  const { loader } = project;
  const repo = new ProxyModuleRepository({ fetcher: project.fetcher, env: project.env, sums: loader.opts.sums, sumFileName: project.workFilePath ? 'go.work.sum' : 'go.sum' });
  const queries = new ModuleQueries({ loader, repo });
  let rs: Requirements = project.requirements;
  const fail = (msg: string): CommandOutput & { modules: ModulePublic[] } => ({ stdout: '', stderr: msg, code: 1, modules: [] });

  let needFullGraph = false;
  for (const arg of args) {
    if (arg.includes('\\')) return fail('go: module paths never use backslash\n');
    if (arg === '.' || arg === '..' || arg.startsWith('./') || arg.startsWith('../')) return fail(`go: cannot use relative path ${arg} to specify module\n`);
    if (arg === 'all' || arg.includes('...')) {
      needFullGraph = true;
      continue;
    }
    const at = arg.indexOf('@');
    if (at >= 0) {
      const vers = arg.slice(at + 1);
      if (vers.length > 0 && (vers[0] === '-' || vers[0] === '/')) return fail(`go: invalid module version "${vers}"\n`);
      if ((vers === 'upgrade' || vers === 'patch') && (rs.rootSelected(loader, arg.slice(0, at)) === undefined || rs.pruning === 'unpruned')) needFullGraph = true;
      continue;
    }
    if (rs.rootSelected(loader, arg) === undefined || rs.pruning === 'unpruned') needFullGraph = true;
  }

  let selected: (p: string) => string = (p) => rs.rootSelected(loader, p) ?? 'none';
  let mgError: Error | undefined;
  let buildList: ModuleVersion[] = [];
  if (needFullGraph) {
    try {
      const r = await loader.expandGraphPartial(rs);
      rs = r.rs;
      mgError = r.error;
      const g = r.mg.graph;
      selected = (p) => (loader.mainModules.contains(p) ? '' : g.selectedVersion(p));
      buildList = g.buildList();
    } catch (e) {
      return fail(formatFailure(e as Error));
    }
  }

  const mods: ModulePublic[] = [];
  const matched = new Set<string>();
  const warnings: string[] = [];
  try {
    await describeArgs();
  } catch (e) {
    // A go.mod that does not match go.sum stops go at once (base.Fatalf in checkGoMod).
    if ((e as { fatal?: boolean }).fatal) return fail(formatFailure(e as Error));
    throw e;
  }
  async function describeArgs(): Promise<void> {
    for (const arg of args) {
      const at = arg.indexOf('@');
      if (at >= 0) {
        const path = arg.slice(0, at);
        const vers = arg.slice(at + 1);
        const current = selected(path);
        if (current === 'none' && mgError && (vers === 'upgrade' || vers === 'patch')) continue;
        const allowed: AllowedFn = isRevisionQuery(path, vers) || flags.retracted ? ALLOW_ALL : queries.checkAllowed;
        let info;
        try {
          info = await queries.query(path, vers, current, allowed);
        } catch (e) {
          mods.push({ path, version: vers, error: modinfoError(path, vers, e as Error) });
          continue;
        }
        const mod = await moduleInfo(loader, rs, { path, version: info.version }, project.fetcher, FULL, true);
        if (mod.error) {
          // go stats the version again through the replacement-aware repository, as the query
          // just did: a module that exists only behind a replacement has no .info of its own.
          mod.error = undefined;
          mod.version = info.version;
          if (info.time) mod.time = info.time;
        }
        if (vers !== mod.version) mod.query = vers;
        mods.push(mod);
        continue;
      }
      if (arg === 'all' || arg.includes('...')) {
        const match = arg === 'all' ? (p: string) => !isToolchainPath(p) : ((mp) => (p: string) => mp(p) && !isToolchainPath(p))(matchPattern(arg));
        const matches = buildList.filter((m) => match(m.path) && !matched.has(`${m.path}@${m.version}`));
        for (const m of matches) matched.add(`${m.path}@${m.version}`);
        if (matches.length === 0) warnings.push(`warning: pattern "${arg}" matched no module dependencies\n`);
        mods.push(...(await Promise.all(matches.map((m) => moduleInfo(loader, rs, m, project.fetcher, FULL)))));
        continue;
      }
      const v = selected(arg);
      if (v === 'none' && mgError) continue;
      if (v !== 'none') mods.push(await moduleInfo(loader, rs, { path: arg, version: v }, project.fetcher, FULL));
      else if (flags.versions) mods.push({ path: arg });
      else mods.push({ path: arg, error: new ModuleError(arg, '', new Error('not a known dependency')).message });
    }
  }

  const decorate = async (m: ModulePublic): Promise<void> => {
    const version = m.version ?? '';
    if (flags.u && version !== '') {
      try {
        const info = await queries.query(m.path, 'upgrade', version, queries.checkAllowed);
        if (modCompare(m.path, info.version, version) > 0) m.update = { path: m.path, version: info.version, ...(info.time ? { time: info.time } : {}) };
      } catch (e) {
        if (!ignorable(e) && !isDisallowed(e)) m.error ??= (e as Error).message;
      }
    }
    if (flags.versions) {
      try {
        m.versions = await queries.allowedVersions(m.path, flags.retracted ? queries.checkExclusions : queries.checkAllowed);
      } catch (e) {
        m.error ??= (e as Error).message;
      }
    }
    if ((flags.u || flags.retracted) && version !== '') {
      const err = await queries.checkRetractions({ path: m.path, version });
      const retracted = err ? findError(err, ModuleRetractedError) : undefined;
      if (retracted) m.retracted = retracted.rationale.length > 0 ? [...retracted.rationale] : ['retracted by module author'];
      else if (err && !ignorable(err)) m.error ??= err.message;
    }
    if (flags.u) {
      try {
        const d = await queries.checkDeprecation({ path: m.path, version });
        if (d) m.deprecated = d;
      } catch (e) {
        if (!ignorable(e)) m.error ??= (e as Error).message;
      }
    }
  };
  if (flags.u || flags.versions || flags.retracted) {
    await Promise.all(mods.flatMap((m) => (m.replace ? [decorate(m), decorate(m.replace)] : [decorate(m)])));
    // moduleInfo gives a replaced module its replacement's retraction, unless it has its own.
    for (const m of mods) if (m.replace?.retracted && !m.retracted) m.retracted = m.replace.retracted;
  }

  const errors = mods.filter((m) => m.error).map((m) => `go: ${m.error}\n`);
  if (mgError) errors.push(formatFailure(mgError));
  // Like go's ListModules (commitRequirements), anything but -u refuses a go.mod that needs updates.
  else if (!flags.u && !project.mainModules.inWorkspace && loader.opts.buildMod === 'readonly' && goModNeedsUpdate(project.mainModules.single, rs)) {
    errors.push(`go: ${loader.dirtyError().message}\n`);
  }
  if (errors.length > 0) return { stdout: '', stderr: warnings.join('') + errors.join(''), code: 1, modules: mods };
  const text = (m: ModulePublic): string => {
    if (flags.versions) return `${m.path}${(m.versions ?? []).map((v) => ' ' + v).join('')}${m.deprecated ? ' (deprecated)' : ''}\n`;
    return modulePublicText(m) + '\n';
  };
  const stdout = mods.map((m) => (flags.json ? modulePublicJson(m) : text(m))).join('');
  return { stdout, stderr: warnings.join(''), code: 0, modules: mods };
}
