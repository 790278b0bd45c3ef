/**
 * Version queries as modload/query.go resolves them: "latest", "upgrade", "patch", "v1",
 * "v1.2", "v1.2.3", "<v", "<=v", ">v", ">=v" and revisions, over a module's version list
 * (augmented by the main module's replacements), with the allowed-predicate (excludes,
 * retractions) and go's "+incompatible" rule.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { fromToolchain, goCompare, goIsLang, goIsPrerelease, goIsValid, goLang, isToolchainPath, modCompare, modIsValid } from '../../gover/gover';
import type { Loader } from '../loader';
import { TooNewError } from '../summary';
import { cleanJoin } from '../file-path';
import { autoQuote } from '../../modfile/rules';
import { canonicalVersion, checkPath, checkPathMajor, splitPathVersion } from '../../modpath/module-path';
import { isPseudoVersion, pseudoVersion, pseudoVersionTime, GO_ZERO_TIME } from '../../semver/pseudo';
import { build as semverBuild, canonical as semverCanonical, majorMinor as semverMajorMinor, prerelease as semverPrerelease } from '../../semver/semver';
import { isNotExist, type ModuleRepository, type RevInfo } from '../ports';
import {
  ExcludedError,
  isDisallowed,
  ModuleRetractedError,
  NoMatchingVersionError,
  NoPatchBaseError,
  RetractionLoadingError,
} from './query-errors';
import { ModuleError } from '../../modpath/module-errors';

/**
 * AllowedFn is modload.AllowedFunc: it resolves to undefined for an acceptable version, to an
 * error that isDisallowed() for a refused one, or to another error when it could not decide.
 */
export type AllowedFn = (m: ModuleVersion) => Promise<Error | undefined>;

/** ALLOW_ALL accepts every version. */
export const ALLOW_ALL: AllowedFn = () => Promise.resolve(undefined);

/** modIsPrefix is gover.ModIsPrefix: "v1" and "v1.2" (or a Go language version) are prefixes. */
export function modIsPrefix(path: string, vers: string): boolean {
  if (isToolchainPath(path)) return goIsLang(path === 'toolchain' ? fromToolchain(vers) : vers);
  let dots = 0;
  for (const c of vers) {
    if (c === '-' || c === '+') return false;
    if (c === '.' && ++dots >= 2) return false;
  }
  return true;
}

/** modIsPrerelease is gover.ModIsPrerelease. */
export function modIsPrerelease(path: string, vers: string): boolean {
  if (isToolchainPath(path)) return goIsPrerelease(path === 'toolchain' ? fromToolchain(vers) : vers);
  return semverPrerelease(vers) !== '';
}

/** modMajorMinor is gover.ModMajorMinor. */
export function modMajorMinor(path: string, vers: string): string {
  if (isToolchainPath(path)) return path === 'toolchain' ? 'go' + goLang(fromToolchain(vers)) : goLang(vers);
  return semverMajorMinor(vers);
}

/** isRevisionQuery reports whether vers names one revision rather than choosing among versions. */
export function isRevisionQuery(path: string, vers: string): boolean {
  if (vers === 'latest' || vers === 'upgrade' || vers === 'patch' || vers.startsWith('<') || vers.startsWith('>')) return false;
  return !(modIsValid(path, vers) && modIsPrefix(path, vers));
}

/** A repository view with go's lookupRepo decorations (toolchain list, replacements). */
interface VersionRepo {
  versions(prefix: string): Promise<readonly string[]>;
  stat(rev: string): Promise<RevInfo>;
  latest(): Promise<RevInfo>;
  /** Set when the path cannot be a module path (module.CheckPath's error). */
  readonly pathError?: Error;
}

interface QueryMatcher {
  prefix: string;
  filter?: (v: string) => boolean;
  canStat: boolean;
  preferLower: boolean;
  mayUseLatest: boolean;
  preferIncompatible: boolean;
}

const REV_QUERY = Symbol('revision query');

/** newQueryMatcher parses a query (modload.newQueryMatcher); REV_QUERY means "ask the repository". */
function newQueryMatcher(path: string, query: string, current: string): QueryMatcher | typeof REV_QUERY {
  const badVersion = (v: string): Error => new Error(`invalid semantic version "${v}" in range "${query}"`);
  const matchesMajor = (v: string): boolean => {
    const { pathMajor, ok } = splitPathVersion(path);
    if (!ok) return false;
    try {
      checkPathMajor(v, pathMajor);
      return true;
    } catch {
      return false;
    }
  };
  const qm: QueryMatcher = {
    prefix: '',
    canStat: false,
    preferLower: false,
    mayUseLatest: false,
    preferIncompatible: current.endsWith('+incompatible'),
  };
  const cmp = (a: string, b: string): number => modCompare(path, a, b);
  if (query === 'latest') {
    qm.mayUseLatest = true;
  } else if (query === 'upgrade') {
    if (current === '' || current === 'none') qm.mayUseLatest = true;
    else {
      qm.mayUseLatest = isPseudoVersion(current);
      qm.filter = (mv) => cmp(mv, current) >= 0;
    }
  } else if (query === 'patch') {
    if (current === '' || current === 'none') throw new NoPatchBaseError(path);
    qm.mayUseLatest = isPseudoVersion(current);
    qm.prefix = modMajorMinor(path, current) + '.';
    qm.filter = (mv) => cmp(mv, current) >= 0;
  } else if (query.startsWith('<=') || query.startsWith('<') || query.startsWith('>=') || query.startsWith('>')) {
    const op = query.startsWith('<=') || query.startsWith('>=') ? query.slice(0, 2) : query.slice(0, 1);
    const v = query.slice(op.length);
    if (!modIsValid(path, v)) throw badVersion(v);
    if ((op === '<=' || op === '>') && modIsPrefix(path, v)) {
      // Whether <=v1.2 allows v1.2.3 is undecidable: @v1.2 might mean v1.2.3.
      throw new Error(`ambiguous semantic version "${v}" in range "${query}"`);
    }
    if (op === '<=') qm.filter = (mv) => cmp(mv, v) <= 0;
    else if (op === '<') qm.filter = (mv) => cmp(mv, v) < 0;
    else if (op === '>=') qm.filter = (mv) => cmp(mv, v) >= 0;
    else qm.filter = (mv) => cmp(mv, v) > 0;
    qm.preferLower = op.startsWith('>');
    if (!matchesMajor(v)) qm.preferIncompatible = true;
  } else if (modIsValid(path, query)) {
    if (modIsPrefix(path, query)) {
      qm.prefix = query + '.';
      // "v1.2" must not match prereleases of v1.2.0 (golang.org/issue/31972).
      qm.filter = (mv) => cmp(mv, query) >= 0;
    } else {
      qm.canStat = true;
      qm.filter = (mv) => cmp(mv, query) === 0;
      qm.prefix = semverCanonical(query);
    }
    if (!matchesMajor(query)) qm.preferIncompatible = true;
  } else {
    return REV_QUERY;
  }
  return qm;
}

/** dlToGo turns a golang.org/toolchain version ("v0.0.1-go1.21.0.linux-amd64") into "1.21.0". */
function dlToGo(v: string): string | undefined {
  const dash = v.indexOf('-');
  if (dash < 0) return undefined;
  const rest = v.slice(dash + 1);
  const i = rest.lastIndexOf('.');
  if (i < 0 || !rest.slice(i + 1).includes('-')) return undefined;
  const s = rest.slice(0, i);
  return s.startsWith('go') ? s.slice(2) : s;
}

/** QueryOptions wires queries to a loading session and a repository. */
export interface QueryOptions {
  readonly loader: Loader;
  readonly repo: ModuleRepository;
  readonly signal?: AbortSignal;
}

/**
 * ModuleQueries answers version queries for one loading session, caching what go caches for
 * the duration of a command (latest versions for retractions, go.mod presence).
 */
export class ModuleQueries {
  private readonly latestIgnoringRetractions = new Map<string, Promise<ModuleVersion>>();
  /** The allowed version list of each path, as previousVersion walks it (one edit steps many times). */
  private readonly allowedLists = new Map<string, Promise<string[]>>();
  /** Whether each allowed list is in ascending order (previousVersion bisects those). */
  private readonly orderedLists = new WeakMap<readonly string[], boolean>();
  private readonly positions = new WeakMap<readonly string[], Map<string, number>>();
  /** The allowed lists that have arrived, by path. */
  private readonly allowedNow = new Map<string, string[]>();
  /** The go.mod each path's retractions were read from, to note again when a cached list stands for that read. */
  private readonly retractionsReadFrom = new Map<string, ModuleVersion>();
  private readonly highestReplaced = new Map<string, string>();
  private readonly hasReplacements: boolean;

  constructor(readonly opts: QueryOptions) {
    const mms = opts.loader.mainModules;
    let any = false;
    for (const mm of mms.modules) {
      for (const k of mm.index.replace.keys()) {
        any = true;
        const at = k.indexOf('@');
        const path = k.slice(0, at);
        const version = k.slice(at + 1);
        const prev = this.highestReplaced.get(path);
        if (prev === undefined || modCompare(path, version, prev) > 0) this.highestReplaced.set(path, version);
      }
    }
    this.hasReplacements = any;
  }

  private get localGo(): string {
    return this.opts.loader.opts.localGo;
  }

  private baseRepo(path: string): VersionRepo {
    const { repo, signal } = this.opts;
    if (isToolchainPath(path)) return this.toolchainRepo(path);
    let pathErr: Error | undefined;
    try {
      checkPath(path);
    } catch (e) {
      pathErr = e as Error;
    }
    if (pathErr) {
      // go's lookupRepo returns the path's error with an empty repository: asked for versions, a
      // lookup fails with that error (unless a replacement widens the repository, below).
      const err = pathErr;
      return { versions: async () => Promise.reject(err), stat: async () => Promise.reject(err), latest: async () => Promise.reject(err), pathError: err };
    }
    return {
      versions: async (prefix) => (await repo.versions(path, signal)).filter((v) => v.startsWith(prefix)),
      stat: (rev) => repo.stat(path, rev, signal),
      latest: () => repo.latest(path, signal),
    };
  }

  /** toolchainRepo is modfetch's toolchainRepo: go and toolchain versions from golang.org/toolchain. */
  private toolchainRepo(path: 'go' | 'toolchain' | string): VersionRepo {
    const { repo, signal } = this.opts;
    const goPrefix = path === 'toolchain' ? 'go' : '';
    const versions = async (): Promise<string[]> => {
      const dl = await repo.versions('golang.org/toolchain', signal);
      const have = new Set<string>();
      const list: string[] = [];
      for (const d of dl) {
        const v = dlToGo(d);
        if (v === undefined || have.has(v)) continue;
        have.add(v);
        list.push(goPrefix + v);
      }
      if (!have.has(this.localGo)) list.push(goPrefix + this.localGo);
      return list.sort((a, b) => goCompare(path === 'toolchain' ? fromToolchain(a) : a, path === 'toolchain' ? fromToolchain(b) : b));
    };
    const stat = async (rev: string): Promise<RevInfo> => {
      const v = rev.startsWith('go') ? rev.slice(2) : rev;
      if (!goIsValid(v)) throw new Error(`invalid ${path} version ${rev}`);
      if (path === 'go' && goCompare(v, this.localGo) <= 0) return { version: goPrefix + v, time: '' };
      if (path === 'toolchain' && v === this.localGo) return { version: goPrefix + v, time: '' };
      if (goIsLang(v)) throw new Error(`go language version ${rev} is not a toolchain version`);
      const info = await repo.stat('golang.org/toolchain', `v0.0.1-go${v}.linux-amd64`, signal);
      return { version: goPrefix + v, time: info.time };
    };
    return {
      versions: async (prefix) => (await versions()).filter((v) => v.startsWith(prefix)),
      stat,
      latest: async () => {
        let max = '';
        for (const v of await versions()) if (max === '' || modCompare(path, v, max) > 0) max = v;
        return stat(max);
      },
    };
  }

  /** lookupRepo is modload.lookupRepo: the repository, widened by the main module's replacements. */
  private lookupRepo(path: string): VersionRepo {
    const base = this.baseRepo(path);
    const highest = this.highestReplaced.get(path);
    if (highest === undefined) return base;
    const mms = this.opts.loader.mainModules;
    const replacementStat = (v: string): RevInfo => {
      let time = '';
      if (isPseudoVersion(v)) {
        try {
          time = pseudoVersionTime(v).toISOString().replace(/\.000Z$/, 'Z');
        } catch {
          time = '';
        }
      }
      return { version: v, time };
    };
    return {
      versions: async (prefix) => {
        let list: readonly string[];
        try {
          list = await base.versions(prefix);
        } catch (e) {
          if (!isNotExist(e) && e !== base.pathError) throw e;
          list = [];
        }
        const extra: string[] = [];
        for (const mm of mms.modules) {
          for (const k of mm.index.replace.keys()) {
            const at = k.indexOf('@');
            const v = k.slice(at + 1);
            if (k.slice(0, at) === path && v !== '' && v.startsWith(prefix) && !isPseudoVersion(v)) extra.push(v);
          }
        }
        if (extra.length === 0) return list;
        const all = [...list, ...extra].sort((a, b) => modCompare(path, a, b));
        return all.filter((v, i) => i === 0 || v !== all[i - 1]);
      },
      stat: async (rev) => {
        try {
          return await base.stat(rev);
        } catch (e) {
          if (!this.hasReplacements) throw e;
          let v = canonicalVersion(rev);
          if (v !== rev) throw e;
          const { pathMajor, ok } = splitPathVersion(path);
          if (ok && pathMajor === '') {
            let fits = true;
            try {
              checkPathMajor(v, pathMajor);
            } catch {
              fits = false;
            }
            if (!fits && semverBuild(v) === '') v += '+incompatible';
          }
          if (!mms.replacement({ path, version: v })) throw e;
          return replacementStat(v);
        }
      },
      latest: async () => {
        let info: RevInfo | undefined;
        let err: unknown;
        try {
          info = await base.latest();
        } catch (e) {
          err = e;
        }
        let v = highest;
        if (v === '') {
          // Only a wildcard replacement: a placeholder below every real version, so that users
          // of this module can still pick any real version they like.
          const { pathMajor, ok } = splitPathVersion(path);
          v = pseudoVersion(ok && pathMajor.length > 0 ? pathMajor.slice(1) : 'v0', '', GO_ZERO_TIME, '000000000000');
        }
        if (err !== undefined || modCompare(path, v, info!.version) > 0) return replacementStat(v);
        return info!;
      },
    };
  }

  /** versionHasGoMod tells whether m has a real go.mod (not the synthetic "module path" one). */
  private async versionHasGoMod(m: ModuleVersion): Promise<boolean> {
    this.opts.loader.noteGoModAsked(m);
    const data = await this.opts.loader.opts.fetcher.goMod(m, this.opts.signal);
    return data !== `module ${autoQuote(m.path)}\n`;
  }

  /**
   * query resolves a version query for path (modload.Query). current is the currently selected
   * version ("none" if absent, "" if unknown); allowed filters candidate versions.
   */
  async query(path: string, query: string, current: string, allowed: AllowedFn = ALLOW_ALL): Promise<RevInfo> {
    if (current !== '' && current !== 'none' && !modIsValid(path, current)) {
      throw new Error(`invalid previous version ${path}@${current}`);
    }
    const mms = this.opts.loader.mainModules;
    if (mms.contains(path) && (query === 'upgrade' || query === 'patch')) {
      const err = await allowed({ path, version: '' });
      if (err) throw new Error(`internal error: main module version is not allowed: ${err.message}`);
      return { version: '', time: '' };
    }
    if (path === 'std' || path === 'cmd') {
      throw new Error(`can't query specific version ("${query}") of standard-library module "${path}"`);
    }
    const repo = this.lookupRepo(path);
    const qm = newQueryMatcher(path, query, current);
    if (qm === REV_QUERY || qm.canStat) {
      let info: RevInfo;
      try {
        info = await repo.stat(query);
      } catch (queryErr) {
        const canonicalQuery = canonicalVersion(query);
        if (canonicalQuery === '' || canonicalQuery === query) throw queryErr;
        try {
          info = await repo.stat(canonicalQuery);
        } catch (e) {
          if (!isNotExist(e)) throw e;
          throw queryErr;
        }
      }
      const err = await allowed({ path, version: info.version });
      if (err && isDisallowed(err)) throw err;
      return info;
    }

    const versions = await repo.versions(qm.prefix);
    const allowsVersion = async (v: string): Promise<boolean> => {
      if (qm.prefix !== '' && !v.startsWith(qm.prefix)) {
        if (!(isToolchainPath(path) && qm.prefix.slice(0, -1) === v)) return false;
      }
      if (qm.filter && !qm.filter(v)) return false;
      const err = await allowed({ path, version: v });
      return !(err && isDisallowed(err));
    };

    // filterVersions: releases and prereleases, dropping +incompatible versions once a
    // compatible version with a real go.mod shows the module is module-aware.
    const releases: string[] = [];
    const prereleases: string[] = [];
    let needIncompatible = qm.preferIncompatible;
    let lastCompatible = '';
    for (const v of versions) {
      if (!(await allowsVersion(v))) continue;
      if (!needIncompatible) {
        if (!v.endsWith('+incompatible')) lastCompatible = v;
        else if (lastCompatible !== '') {
          if (await this.versionHasGoMod({ path, version: lastCompatible })) break;
          needIncompatible = true;
        }
      }
      if (modIsPrerelease(path, v)) prereleases.push(v);
      else releases.push(v);
    }

    const lookup = async (v: string): Promise<RevInfo> => {
      const rev = await repo.stat(v);
      // Go's zero time (a zero pseudo-version's, as a replacement reports it) is "no time".
      const timed = rev.time !== '' && Date.parse(rev.time) !== GO_ZERO_TIME.getTime();
      if ((query === 'upgrade' || query === 'patch') && isPseudoVersion(current) && timed) {
        // An "upgrade" never moves a pseudo-version to a chronologically older commit: a user on
        // an untagged branch does not mean to go back in time.
        let currentTime: number | undefined;
        try {
          currentTime = pseudoVersionTime(current).getTime();
        } catch {
          currentTime = undefined;
        }
        const revTime = Date.parse(rev.time);
        if (currentTime !== undefined && !Number.isNaN(revTime) && revTime < currentTime) {
          const err = await allowed({ path, version: current });
          if (err && isDisallowed(err)) throw err;
          return repo.stat(current);
        }
      }
      return rev;
    };

    if (qm.preferLower) {
      if (releases.length > 0) return lookup(releases[0]!);
      if (prereleases.length > 0) return lookup(prereleases[0]!);
    } else {
      if (releases.length > 0) return lookup(releases[releases.length - 1]!);
      if (prereleases.length > 0) return lookup(prereleases[prereleases.length - 1]!);
    }
    if (qm.mayUseLatest) {
      let latest: RevInfo | undefined;
      try {
        latest = await repo.latest();
      } catch (e) {
        if (!isNotExist(e)) throw e;
      }
      if (latest && (await allowsVersion(latest.version))) return lookup(latest.version);
    }
    if ((query === 'upgrade' || query === 'patch') && current !== '' && current !== 'none') {
      const err = await allowed({ path, version: current });
      if (err && isDisallowed(err)) throw err;
      return lookup(current);
    }
    throw new NoMatchingVersionError(query, current);
  }

  /** allowedVersions is modload.versions: the repository's versions that allowed accepts. */
  async allowedVersions(path: string, allowed: AllowedFn): Promise<string[]> {
    const all = await this.lookupRepo(path).versions('');
    const out: string[] = [];
    for (const v of all) {
      const err = await allowed({ path, version: v });
      if (!err) out.push(v);
      else if (!isDisallowed(err)) throw err;
    }
    return out;
  }

  /** previousVersion is the allowed tagged version just below m, or "none" (modload.previousVersion). */
  async previousVersion(m: ModuleVersion): Promise<ModuleVersion> {
    if (m.version === '' && this.opts.loader.mainModules.contains(m.path)) return { path: m.path, version: 'none' };
    let list: string[];
    try {
      let p = this.allowedLists.get(m.path);
      if (!p) {
        p = this.allowedVersions(m.path, this.checkAllowed);
        this.allowedLists.set(m.path, p);
        const path = m.path;
        p.then(
          (l) => this.allowedNow.set(path, l),
          () => undefined,
        );
      }
      list = await p;
    } catch (e) {
      if (isNotExist(e)) return { path: m.path, version: 'none' };
      throw e;
    }
    this.noteRetractionsRead(m.path);
    return this.stepDown(m, list);
  }

  /** noteRetractionsRead tells the loader that this command, too, read path's retractions (a cached list stands for that read). */
  private noteRetractionsRead(path: string): void {
    const rm = this.retractionsReadFrom.get(path);
    if (rm) this.opts.loader.noteGoModAsked(rm);
  }

  /**
   * previousVersionNow is previousVersion where the allowed list of m's path is at hand, and
   * undefined where it is not (yet): an edit steps hundreds of times, mostly down lists it has.
   */
  previousVersionNow(m: ModuleVersion): ModuleVersion | undefined {
    if (m.version === '' && this.opts.loader.mainModules.contains(m.path)) return { path: m.path, version: 'none' };
    const list = this.allowedNow.get(m.path);
    if (list) this.noteRetractionsRead(m.path);
    return list && this.stepDown(m, list);
  }

  /** stepDown is the version of list just below m, or "none". */
  private stepDown(m: ModuleVersion, list: readonly string[]): ModuleVersion {
    // The first listed version not below m: by bisection where the list is in order (an edit
    // steps hundreds of roots down lists of hundreds of versions), else one by one.
    let i = 0;
    if (this.isOrdered(m.path, list)) {
      // A root steps down its own list: the version is usually listed, and found by name (where
      // the version before it compares lower, as a differently spelled equal one would not).
      const at = this.positionIn(list).get(m.version);
      if (at !== undefined && (at === 0 || modCompare(m.path, list[at - 1]!, m.version) < 0)) {
        return { path: m.path, version: at > 0 ? list[at - 1]! : 'none' };
      }
      let hi = list.length;
      while (i < hi) {
        const mid = (i + hi) >> 1;
        if (modCompare(m.path, list[mid]!, m.version) < 0) i = mid + 1;
        else hi = mid;
      }
    } else while (i < list.length && modCompare(m.path, list[i]!, m.version) < 0) i++;
    return { path: m.path, version: i > 0 ? list[i - 1]! : 'none' };
  }

  /** positionIn maps each version of a list to its first position (worked out once per list). */
  private positionIn(list: readonly string[]): Map<string, number> {
    let at = this.positions.get(list);
    if (!at) {
      at = new Map();
      for (let i = list.length - 1; i >= 0; i--) at.set(list[i]!, i);
      this.positions.set(list, at);
    }
    return at;
  }

  /** isOrdered tells (once per list) whether list is in ascending version order. */
  private isOrdered(path: string, list: readonly string[]): boolean {
    let ok = this.orderedLists.get(list);
    if (ok === undefined) {
      ok = list.every((v, i) => i === 0 || modCompare(path, list[i - 1]!, v) <= 0);
      this.orderedLists.set(list, ok);
    }
    return ok;
  }

  /** checkExclusions refuses a version the main module excludes. */
  readonly checkExclusions: AllowedFn = async (m) =>
    this.opts.loader.mainModules.isExcluded(m) ? new ModuleError(m.path, m.version, new ExcludedError()) : undefined;

  /** checkAllowed refuses excluded and retracted versions (modload.CheckAllowed). */
  readonly checkAllowed: AllowedFn = async (m) => (await this.checkExclusions(m)) ?? (await this.checkRetractions(m));

  /**
   * latestVersionIgnoringRetractions is the version whose go.mod lists the module's
   * retractions and deprecation: "latest" without excludes or retractions, or the replacement.
   */
  latestVersionIgnoringRetractions(path: string): Promise<ModuleVersion> {
    let p = this.latestIgnoringRetractions.get(path);
    if (!p) {
      p = (async () => {
        const mms = this.opts.loader.mainModules;
        const wildcard = mms.replacement({ path, version: '' });
        if (wildcard) return wildcard.to;
        const rev = await this.query(path, 'latest', '', ALLOW_ALL);
        const latest = { path, version: rev.version };
        return mms.replacement(latest)?.to ?? latest;
      })();
      this.latestIgnoringRetractions.set(path, p);
    }
    return p;
  }

  private async latestSummary(path: string): Promise<{ retract: readonly { low: string; high: string; rationale: string }[]; deprecated: string }> {
    const rm = await this.latestVersionIgnoringRetractions(path);
    const { loader } = this.opts;
    this.retractionsReadFrom.set(path, rm);
    const r = await loader.rawGoModSummary(rm);
    if (r.ok) return r.summary;
    if (!(r.error instanceof TooNewError)) throw r.error;
    // go reads retractions and deprecations even from a go.mod that needs a newer Go.
    const data = rm.version === '' ? await loader.opts.fetcher.readLocalGoMod(cleanJoin(loader.mainModules.replacementDir(rm), 'go.mod')) : await loader.opts.fetcher.goMod(rm, this.opts.signal);
    const f = loader.opts.parseLax('go.mod', data);
    return { retract: f.retract, deprecated: f.module?.deprecated ?? '' };
  }

  /** checkRetractions refuses a version its author retracted (modload.CheckRetractions). */
  readonly checkRetractions: AllowedFn = async (m) => {
    if (m.version === '') return undefined;
    if (this.opts.loader.mainModules.replacement({ path: m.path, version: '' })) return undefined;
    let summary;
    try {
      summary = await this.latestSummary(m.path);
    } catch (e) {
      const err = e instanceof ModuleError && e.kind === 'module' ? e.err : (e as Error);
      return new RetractionLoadingError(m, err);
    }
    const rationale: string[] = [];
    let retracted = false;
    for (const r of summary.retract) {
      if (modCompare(m.path, r.low, m.version) <= 0 && modCompare(m.path, m.version, r.high) <= 0) {
        retracted = true;
        if (r.rationale !== '') rationale.push(r.rationale);
      }
    }
    return retracted ? new ModuleError(m.path, m.version, new ModuleRetractedError(rationale)) : undefined;
  };

  /** checkDeprecation returns the module's deprecation message ("" if none), as CheckDeprecation. */
  async checkDeprecation(m: ModuleVersion): Promise<string> {
    if (m.version === '') return '';
    if (this.opts.loader.mainModules.replacement({ path: m.path, version: '' })) return '';
    try {
      return (await this.latestSummary(m.path)).deprecated;
    } catch (e) {
      throw new Error(`loading deprecation for ${m.path}: ${(e as Error).message}`, { cause: e });
    }
  }
}
