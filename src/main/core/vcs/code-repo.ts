/**
 * CodeRepo answers the module questions (versions, stat of a revision, latest, go.mod) for one
 * module path inside one repository, following modfetch's codeRepo rule for rule: which tags
 * are versions, where a major version's go.mod lives, when "+incompatible" is allowed, how a
 * commit's pseudo-version is chosen and how a requested pseudo-version is validated.
 *
 * Error texts are the go command's. Every repository access goes through the CodeHost port.
 */
import { autoQuote, modulePathFromGoMod, parseModFile } from '../modfile/rules';
import { cleanJoin } from '../modload/file-path';
import { goQuote } from '../gostrings/go-quote';
import { InvalidVersionError, ModuleError } from '../modpath/module-errors';
import { canonicalVersion, matchPathMajor, pathMajorPrefix, splitPathVersion } from '../modpath/module-path';
import { isPseudoVersion, pseudoVersion, pseudoVersionBase, pseudoVersionRev, pseudoVersionTime } from '../semver/pseudo';
import { build as semverBuild, canonical, compare, isValid, major as semverMajor, prerelease, sortVersions } from '../semver/semver';
import { isFileNotExist, NotExistError, type CodeHost, type CodeRevInfo, type HostCall } from './code-host';

/** RevInfo is a module-level answer about a revision: the version go names it by, and its time. */
export interface ModuleRevInfo {
  readonly version: string;
  readonly time: Date;
  /** name is the full commit hash. */
  readonly name: string;
  readonly short: string;
}

/** hasPathPrefix reports whether path s starts with the path elements of prefix. */
export function hasPathPrefix(s: string, prefix: string): boolean {
  if (s.length === prefix.length) return s === prefix;
  if (s.length < prefix.length) return false;
  if (prefix !== '' && prefix.endsWith('/')) return s.startsWith(prefix);
  return s[prefix.length] === '/' && s.startsWith(prefix);
}

/** cleanJoin is path.Join for the slash paths of a repository tree. */
export { cleanJoin };

/** ModuleLayout is where a module sits in its repository (newCodeRepo). */
export interface ModuleLayout {
  readonly modPath: string;
  readonly codeRoot: string;
  /** codeDir is the module's directory in the repository ("" at the root). */
  readonly codeDir: string;
  readonly pathPrefix: string;
  /** pathMajor is "/vN", ".vN" (gopkg.in), or "". */
  readonly pathMajor: string;
  /** pseudoMajor is the major version pseudo-versions must carry ("" for v0/v1 paths). */
  readonly pseudoMajor: string;
}

/**
 * moduleLayout computes the layout of module path inside the repository rooted at import path
 * codeRoot, with the go-import subdirectory subdir. It throws go's errors for a path that the
 * repository cannot contain.
 */
export function moduleLayout(codeRoot: string, subdir: string, path: string): ModuleLayout {
  if (!hasPathPrefix(path, codeRoot)) throw new Error(`mismatched repo: found ${codeRoot} for ${path}`);
  const split = splitPathVersion(path);
  if (!split.ok) throw new Error(`invalid module path ${goQuote(path)}`);
  const pathPrefix = codeRoot === path ? path : split.prefix;
  const pathMajor = split.pathMajor;
  const pseudoMajor = pathMajorPrefix(pathMajor);
  let codeDir = '';
  if (codeRoot !== path) {
    if (!hasPathPrefix(pathPrefix, codeRoot)) throw new Error(`repository rooted at ${codeRoot} cannot contain module ${path}`);
    codeDir = pathPrefix.slice(codeRoot.length).replace(/^\/+|\/+$/g, '');
  }
  if (subdir !== '') codeDir = cleanJoin(codeDir, subdir);
  return { modPath: path, codeRoot, codeDir, pathPrefix, pathMajor, pseudoMajor };
}

/**
 * revToRev maps a module version to the repository revision it names: a pseudo-version to its
 * commit hash prefix, a version to its tag ("dir/vX.Y.Z"; "+incompatible" dropped), anything
 * else (a branch, a hash) to itself.
 */
export function revToRev(layout: ModuleLayout, rev: string): string {
  if (!isValid(rev)) return rev;
  if (isPseudoVersion(rev)) return pseudoVersionRev(rev);
  let r = rev;
  if (semverBuild(r) === '+incompatible') r = r.slice(0, -'+incompatible'.length);
  return layout.codeDir === '' ? r : `${layout.codeDir}/${r}`;
}

/** isMajor reports whether a go.mod's module path mpath fits the path major suffix pathMajor. */
export function isMajor(mpath: string, pathMajor: string): boolean {
  if (mpath === '') return false;
  const s = splitPathVersion(mpath);
  if (!s.ok) return false;
  if (pathMajor === '') {
    const p = pathMajorPrefix(s.pathMajor);
    return p === '' || p === 'v0' || p === 'v1';
  }
  if (s.pathMajor === '') return false;
  return pathMajor.slice(1) === s.pathMajor.slice(1);
}

/** legacyGoMod is the go.mod go synthesizes for a module version that has none. */
export function legacyGoMod(modPath: string): string {
  return `module ${autoQuote(modPath)}\n`;
}

/**
 * tagVersionOk reports whether a tag name's version part (after the module's directory prefix)
 * counts as a version in the version list: canonical semver, not shaped like a pseudo-version.
 */
export function isVersionTag(versionPart: string): boolean {
  return versionPart !== '' && versionPart === canonical(versionPart) && !isPseudoVersion(versionPart);
}

/**
 * statReadsTags lists the tags whose go.mod a stat of any tagged version of the module reads
 * (codeRepo.convert → retractedVersions → Versions and GoMod): the newest compatible version,
 * the newest release (whose go.mod holds the retractions), and for "+incompatible" candidates
 * the newest tag of each major. They follow from the tag list alone, so a fetch can bring them
 * together with everything else.
 */
export function statReadsTags(layout: ModuleLayout, tagNames: readonly string[]): string[] {
  const { codeDir, pathMajor } = layout;
  const p = codeDir === '' ? '' : codeDir + '/';
  const list: string[] = [];
  const incompatible: string[] = [];
  for (const name of tagNames) {
    if (!name.startsWith(p)) continue;
    const v = name.slice(p.length);
    if (!isVersionTag(v)) continue;
    if (matchPathMajor(v, pathMajor)) list.push(v);
    else if (codeDir === '' && pathMajor === '' && compare(semverMajor(v), 'v1') > 0) incompatible.push(v);
  }
  const sorted = sortVersions(list);
  const out = new Set<string>();
  if (sorted.length > 0) {
    out.add(sorted[sorted.length - 1]!);
    const release = [...sorted].reverse().find((v) => prerelease(v) === '');
    if (release) out.add(release);
  }
  if (pathMajor === '') {
    const newestByMajor = new Map<string, string>();
    for (const v of sortVersions(incompatible)) newestByMajor.set(semverMajor(v), v);
    for (const v of newestByMajor.values()) out.add(v);
  }
  return [...out].map((v) => p + v);
}

function invalidVersion(modPath: string, version: string, err: Error, pseudo = false): ModuleError {
  return new ModuleError(modPath, '', new InvalidVersionError(version, err, pseudo));
}

function pseudoTimestamp(t: Date): string {
  return t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** FoundDir is where findDir found a version's module: revision, directory and go.mod if read. */
export interface FoundDir {
  readonly rev: string;
  readonly dir: string;
  readonly gomod?: Uint8Array;
}

/** CodeRepo is one module path read from one repository (modfetch.codeRepo). */
export class CodeRepo {
  readonly layout: ModuleLayout;
  private readonly versionsMemo = new Map<string, Promise<string[]>>();
  private readonly goModMemo = new Map<string, Promise<Uint8Array>>();
  private readonly statMemo = new Map<string, Promise<ModuleRevInfo>>();

  constructor(
    private readonly host: CodeHost,
    codeRoot: string,
    subdir: string,
    path: string,
  ) {
    this.layout = moduleLayout(codeRoot, subdir, path);
  }

  get modPath(): string {
    return this.layout.modPath;
  }

  private memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let p = cache.get(key);
    if (!p) {
      p = make();
      cache.set(key, p);
      p.catch((e: Error) => {
        // A cancelled call is asked again; other failures are answers too.
        if (e?.name === 'AbortError' || e?.name === 'TimeoutError') cache.delete(key);
      });
    }
    return p;
  }

  /** versions lists the module's versions with the given prefix, "+incompatible" ones last. */
  versions(prefix: string, call?: HostCall): Promise<string[]> {
    return this.memo(this.versionsMemo, prefix, () => this.loadVersions(prefix, call));
  }

  private async loadVersions(prefix: string, call?: HostCall): Promise<string[]> {
    const { modPath, codeDir, pathMajor } = this.layout;
    // gopkg.in/macaroon-bakery.v2-unstable does not use the v2 tags: it has no versions at all.
    if (modPath.startsWith('gopkg.in/') && modPath.endsWith('-unstable')) return [];
    const p = codeDir === '' ? prefix : `${codeDir}/${prefix}`;
    let tags;
    try {
      tags = await this.host.tags(p, call);
    } catch (e) {
      throw new ModuleError(modPath, '', e as Error);
    }
    const list: string[] = [];
    const incompatible: string[] = [];
    for (const tag of tags) {
      if (!tag.name.startsWith(p)) continue;
      const v = codeDir === '' ? tag.name : tag.name.slice(codeDir.length + 1);
      if (!isVersionTag(v)) continue;
      if (!matchPathMajor(v, pathMajor)) {
        if (codeDir === '' && pathMajor === '' && compare(semverMajor(v), 'v1') > 0) incompatible.push(v);
        continue;
      }
      list.push(v);
    }
    return this.appendIncompatible(sortVersions(list), sortVersions(incompatible), call);
  }

  private async appendIncompatible(list: string[], incompatible: string[], call?: HostCall): Promise<string[]> {
    if (incompatible.length === 0 || this.layout.pathMajor !== '') return list;
    const hasGoMod = async (v: string): Promise<boolean> => {
      try {
        await this.host.readFile(v, 'go.mod', call);
        return true;
      } catch (e) {
        if (isFileNotExist(e)) return false;
        throw new ModuleError(this.modPath, '', e as Error);
      }
    };
    // The newest v0/v1 version having a go.mod means the author wants users on that line.
    if (list.length > 0 && (await hasGoMod(list[list.length - 1]!))) return list;
    const out = [...list];
    let lastMajor = '';
    let lastMajorHasGoMod = false;
    for (let i = 0; i < incompatible.length; i++) {
      const v = incompatible[i]!;
      const m = semverMajor(v);
      if (m !== lastMajor) {
        let j = i;
        while (j + 1 < incompatible.length && semverMajor(incompatible[j + 1]!) === m) j++;
        lastMajor = m;
        lastMajorHasGoMod = await hasGoMod(incompatible[j]!);
      }
      // A major version whose newest release has a go.mod is meant for the /vN module.
      if (!lastMajorHasGoMod) out.push(v + '+incompatible');
    }
    return out;
  }

  /** stat resolves rev (a version, tag, branch, hash or "latest") to the module version go names it by. */
  stat(rev: string, call?: HostCall): Promise<ModuleRevInfo> {
    // Remembered per revision, as go's cachingRepo does: a pseudo-version is validated once.
    return this.memo(this.statMemo, rev, () => this.loadStat(rev, call));
  }

  private async loadStat(rev: string, call?: HostCall): Promise<ModuleRevInfo> {
    if (rev === 'latest') return this.latest(call);
    const codeRev = revToRev(this.layout, rev);
    let info: CodeRevInfo;
    try {
      info = await this.host.stat(codeRev, call);
    } catch (e) {
      call?.signal?.throwIfAborted();
      throw invalidVersion(this.modPath, rev, e as Error);
    }
    return this.convert(info, rev, call);
  }

  /** latest is the version of the default branch's head commit. */
  async latest(call?: HostCall): Promise<ModuleRevInfo> {
    const info = await this.host.latest(call);
    return this.convert(info, '', call);
  }

  /**
   * convert turns a code host revision into a module version (codeRepo.convert): the
   * requested version if it is valid for the commit, a canonical tag on the commit, or a
   * pseudo-version based on the highest usable tag reachable from it.
   */
  private async convert(info: CodeRevInfo, statVers: string, call?: HostCall): Promise<ModuleRevInfo> {
    const { modPath, codeDir, pathMajor, pathPrefix, pseudoMajor } = this.layout;
    const incompatibleOk = new Map<string, boolean>();
    const canUseIncompatible = async (v: string): Promise<boolean> => {
      // A module in a subdirectory has a go.mod by definition; a /vN path must match exactly.
      if (codeDir !== '' || pathMajor !== '') return false;
      let ok = incompatibleOk.get('');
      if (ok === undefined) {
        ok = !(await this.fileExists(info.name, 'go.mod', call));
        incompatibleOk.set('', ok);
      }
      if (!ok) return false;
      // Unless asked for explicitly, a vN/go.mod means tags vN.* belong to the /vN module.
      if (v !== '' && !statVers.endsWith('+incompatible')) {
        const m = semverMajor(v);
        let okMajor = incompatibleOk.get(m);
        if (okMajor === undefined) {
          okMajor = !(await this.fileExists(info.name, `${m}/go.mod`, call));
          incompatibleOk.set(m, okMajor);
        }
        if (!okMajor) return false;
      }
      return true;
    };

    const checkCanonical = async (v0: string): Promise<ModuleRevInfo> => {
      let v = v0;
      try {
        await this.findDir(v, call);
      } catch (e) {
        call?.signal?.throwIfAborted();
        throw invalidVersion(modPath, v, new NotExistError((e as Error).message, { cause: e }));
      }
      if (v === trimIncompatible(statVers)) v = statVers;
      const base = trimIncompatible(v);
      let errIncompatible: Error | undefined;
      if (!matchPathMajor(base, pathMajor)) {
        if (await canUseIncompatible(base)) v = base + '+incompatible';
        else if (pathMajor !== '') {
          errIncompatible = invalidVersion(modPath, v, new Error('module path includes a major version suffix, so major version must match'));
        } else {
          const want = cleanJoin(pathPrefix, semverMajor(v));
          errIncompatible = invalidVersion(modPath, v, new Error(`module contains a go.mod file, so module path must match major version (${goQuote(want)})`));
        }
      } else if (v.endsWith('+incompatible')) {
        errIncompatible = invalidVersion(modPath, v, new Error(`+incompatible suffix not allowed: major version ${semverMajor(v)} is compatible`));
      }
      if (statVers !== '' && statVers === canonicalVersion(statVers)) {
        const statBase = trimIncompatible(statVers);
        if (statBase !== base) {
          throw invalidVersion(modPath, statVers, new Error(`resolves to version ${v} (${statBase} is not a tag)`));
        }
      }
      if (errIncompatible) throw errIncompatible;
      return { version: v, time: info.time, name: info.name, short: info.short };
    };

    if (isPseudoVersion(statVers)) {
      // The go.mod location and major version are checked before the (costlier) history.
      const rev = await checkCanonical(statVers);
      await this.validatePseudoVersion(info, statVers, call);
      return rev;
    }

    const tagPrefix = codeDir === '' ? '' : codeDir + '/';
    let isRetracted: (v: string) => boolean;
    try {
      isRetracted = await this.retractedVersions(call);
    } catch {
      call?.signal?.throwIfAborted();
      isRetracted = () => false;
    }

    const tagToVersion = (tag: string): { v: string; canonical: boolean } => {
      if (!tag.startsWith(tagPrefix)) return { v: '', canonical: false };
      const trimmed = tag.slice(tagPrefix.length);
      // Tags that look like pseudo-versions would be confusing. (go tests the whole tag here.)
      if (isPseudoVersion(tag)) return { v: '', canonical: false };
      const v = canonical(trimmed);
      if (v === '' || !trimmed.startsWith(v)) return { v: '', canonical: false };
      return { v, canonical: v === trimmed };
    };

    // The revision was asked for by a canonical tag: use it if it is valid for this module.
    const asked = tagToVersion(info.version);
    if (asked.canonical) {
      try {
        return await checkCanonical(asked.v);
      } catch {
        call?.signal?.throwIfAborted();
        // fall through to the tags on the revision
      }
    }

    let highestCanonical = '';
    let pseudoBase = '';
    for (const pathTag of info.tags) {
      const { v, canonical: tagIsCanonical } = tagToVersion(pathTag);
      if (statVers !== '' && compare(v, statVers) === 0) {
        // The tag is the requested version: exactly, or with other build metadata.
        if (tagIsCanonical) return checkCanonical(v);
        pseudoBase = v;
      }
      if (tagIsCanonical && compare(highestCanonical, v) < 0 && !isRetracted(v)) {
        if (matchPathMajor(v, pathMajor) || (await canUseIncompatible(v))) highestCanonical = v;
      }
    }
    if (highestCanonical !== '') return checkCanonical(highestCanonical);

    if (pseudoBase === '') {
      // Allowed bases: versions of this module (or usable as +incompatible) that are not retracted.
      const allowedCache = new Map<string, boolean>();
      for (const t of await this.host.tags(tagPrefix, call)) {
        const { v } = tagToVersion(t.name);
        let ok = v !== '';
        if (ok && !matchPathMajor(v, pathMajor)) ok = await canUseIncompatible(v);
        if (ok) ok = !isRetracted(v);
        allowedCache.set(t.name, ok);
      }
      const tag = await this.host.recentTag(info.name, tagPrefix, (t) => allowedCache.get(t) ?? false, call);
      if (tag !== '') pseudoBase = tagToVersion(tag).v;
    }
    return checkCanonical(pseudoVersion(pseudoMajor, pseudoBase, info.time, info.short));
  }

  private async fileExists(rev: string, file: string, call?: HostCall): Promise<boolean> {
    try {
      await this.host.readFile(rev, file, call);
      return true;
    } catch {
      call?.signal?.throwIfAborted();
      // go treats any failure to read the file as its absence here.
      return false;
    }
  }

  /**
   * validatePseudoVersion checks a requested pseudo-version against its commit: the hash prefix
   * and time must be the commit's, and its base must be a tag on an ancestor (not on the commit).
   */
  private async validatePseudoVersion(info: CodeRevInfo, version: string, call?: HostCall): Promise<void> {
    try {
      await this.checkPseudoVersion(info, version, call);
    } catch (e) {
      call?.signal?.throwIfAborted();
      if (e instanceof ModuleError && (e.kind === 'module' || e.kind === 'invalid-version')) {
        if (e.kind === 'module') throw e;
        throw new ModuleError(this.modPath, '', e);
      }
      throw new ModuleError(this.modPath, '', new InvalidVersionError(version, e as Error, true));
    }
  }

  private async checkPseudoVersion(info: CodeRevInfo, version: string, call?: HostCall): Promise<void> {
    const rev = pseudoVersionRev(version);
    if (rev !== info.short) {
      if (rev.startsWith(info.short)) throw new Error(`revision is longer than canonical (expected ${info.short})`);
      if (info.short.startsWith(rev)) throw new Error(`revision is shorter than canonical (expected ${info.short})`);
      throw new Error(`does not match short name of revision (expected ${info.short})`);
    }
    const t = pseudoVersionTime(version);
    if (t.getTime() !== Math.floor(info.time.getTime() / 1000) * 1000) {
      throw new Error(`does not match version-control timestamp (expected ${pseudoTimestamp(info.time)})`);
    }
    const tagPrefix = this.layout.codeDir === '' ? '' : this.layout.codeDir + '/';
    const base = pseudoVersionBase(trimIncompatible(version));
    if (base === '') {
      if (this.layout.pseudoMajor === '' && semverMajor(version) === 'v1') {
        throw new Error('major version without preceding tag must be v0, not v1');
      }
      return;
    }
    for (const tag of info.tags) {
      if (trimPrefix(tag, tagPrefix) === base) {
        throw new Error(`tag (${tag}) found on revision ${rev} is already canonical, so should not be replaced with a pseudo-version derived from that tag`);
      }
    }
    const tags = await this.host.tags(tagPrefix + base, call);
    let lastTag = '';
    let found = false;
    let lastErr: Error | undefined;
    for (const tag of tags) {
      if (compare(trimPrefix(tag.name, tagPrefix), base) !== 0) continue;
      lastTag = tag.name;
      try {
        found = await this.host.descendsFrom(info.name, tag.name, call);
        lastErr = undefined;
      } catch (e) {
        call?.signal?.throwIfAborted();
        found = false;
        lastErr = e as Error;
      }
      if (found) break;
    }
    if (lastTag === '') throw new Error(`preceding tag (${base}) not found`);
    if (!found) {
      if (lastErr) throw lastErr;
      throw new Error(`revision ${rev} is not a descendent of preceding tag (${lastTag})`);
    }
  }

  /** retractedVersions reads the retractions of the highest release's go.mod. */
  private async retractedVersions(call?: HostCall): Promise<(v: string) => boolean> {
    let versions = await this.versions('', call);
    const inc = versions.findIndex((v) => v.endsWith('+incompatible'));
    if (inc >= 0) versions = versions.slice(0, inc);
    if (versions.length === 0) return () => false;
    let highest = '';
    for (let i = versions.length - 1; i >= 0; i--) {
      if (prerelease(versions[i]!) === '') {
        highest = versions[i]!;
        break;
      }
    }
    if (highest === '') highest = versions[versions.length - 1]!;
    const data = await this.goMod(highest, call);
    const f = parseModFile('go.mod', data, { lax: true });
    const intervals = f.retract.map((r) => ({ low: r.low, high: r.high }));
    return (v) => intervals.some((r) => compare(r.low, v) <= 0 && compare(v, r.high) <= 0);
  }

  /** versionToRev is revToRev for something that must be a version. */
  private versionToRev(version: string): string {
    if (!isValid(version)) throw invalidVersion(this.modPath, version, new Error('syntax error'));
    return revToRev(this.layout, version);
  }

  private async readOptional(rev: string, file: string, call?: HostCall): Promise<{ data?: Uint8Array; err?: Error }> {
    try {
      return { data: await this.host.readFile(rev, file, call) };
    } catch (e) {
      call?.signal?.throwIfAborted();
      return { err: e as Error };
    }
  }

  /**
   * findDir locates the module's directory at version: codeDir, or codeDir/vN for a major
   * subdirectory; the go.mod found must declare a path of the right major version.
   */
  async findDir(version: string, call?: HostCall): Promise<FoundDir> {
    const { codeRoot, codeDir, pathMajor, pathPrefix, modPath } = this.layout;
    const rev = this.versionToRev(version);
    const file1 = cleanJoin(codeDir, 'go.mod');
    const useSub = pathMajor !== '' && codeRoot !== modPath && !pathMajor.startsWith('.');
    const dir2 = useSub ? cleanJoin(codeDir, pathMajor.slice(1)) : '';
    const file2 = useSub ? cleanJoin(dir2, 'go.mod') : '';
    // Both candidate files are asked for at once, so that they travel in one batch.
    const [r1, r2] = await Promise.all([this.readOptional(rev, file1, call), useSub ? this.readOptional(rev, file2, call) : Promise.resolve(undefined)]);
    if (r1.err && !isFileNotExist(r1.err)) throw new Error(`reading ${codeRoot}/${file1} at revision ${rev}: ${r1.err.message}`);
    const mpath1 = r1.data ? modulePathFromGoMod(r1.data) : '';
    const found1 = !r1.err && (isMajor(mpath1, pathMajor) || (pathMajor === '' && mpath1.startsWith('gopkg.in/')));
    if (useSub && r2) {
      if (r2.err && !isFileNotExist(r2.err)) throw new Error(`reading ${codeRoot}/${file2} at revision ${rev}: ${r2.err.message}`);
      const mpath2 = r2.data ? modulePathFromGoMod(r2.data) : '';
      const found2 = !r2.err && isMajor(mpath2, pathMajor);
      if (found1 && found2) {
        throw new Error(`${pathPrefix}/${file1} and ...${pathMajor}/go.mod both have ...${pathMajor} module paths at revision ${rev}`);
      }
      if (found2) return { rev, dir: dir2, gomod: r2.data! };
      if (!r2.err) {
        if (mpath2 === '') throw new Error(`${codeRoot}/${file2} is missing module path at revision ${rev}`);
        throw new Error(`${codeRoot}/${file2} has non-...${pathMajor} module path ${goQuote(mpath2)} at revision ${rev}`);
      }
    }
    if (found1) return { rev, dir: codeDir, gomod: r1.data! };
    if (!r1.err) {
      const suffix = file2 !== '' ? ` (and ...${pathMajor}/go.mod does not exist)` : '';
      if (mpath1 === '') throw new Error(`${file1} is missing module path${suffix} at revision ${rev}`);
      if (pathMajor !== '') throw new Error(`${file1} has non-...${pathMajor} module path ${goQuote(mpath1)}${suffix} at revision ${rev}`);
      if (!splitPathVersion(mpath1).ok) throw new Error(`${file1} has malformed module path ${goQuote(mpath1)}${suffix} at revision ${rev}`);
      throw new Error(`${file1} has post-${semverMajor(version)} module path ${goQuote(mpath1)}${suffix} at revision ${rev}`);
    }
    // No go.mod: fine at the root for v0/v1 and gopkg.in, nowhere else.
    if (codeDir === '' && (pathMajor === '' || pathMajor.startsWith('.'))) return { rev, dir: '' };
    if (file2 !== '') throw new Error(`missing ${pathPrefix}/go.mod and ...${pathMajor}/go.mod at revision ${rev}`);
    throw new Error(`missing ${pathPrefix}/go.mod at revision ${rev}`);
  }

  /** goMod returns the go.mod of a canonical version, or the synthesized one if it has none. */
  goMod(version: string, call?: HostCall): Promise<Uint8Array> {
    return this.memo(this.goModMemo, version, () => this.loadGoMod(version, call));
  }

  private async loadGoMod(version: string, call?: HostCall): Promise<Uint8Array> {
    if (version !== canonicalVersion(version)) throw new Error(`version ${version} is not canonical`);
    // findDir looks only at the hash of a pseudo-version: check the rest of it first.
    if (isPseudoVersion(version)) await this.stat(version, call);
    const found = await this.findDir(version, call);
    if (found.gomod) return found.gomod;
    try {
      return await this.host.readFile(found.rev, cleanJoin(found.dir, 'go.mod'), call);
    } catch (e) {
      if (isFileNotExist(e)) return new TextEncoder().encode(legacyGoMod(this.modPath));
      throw e;
    }
  }

  /**
   * zipSource checks a version the way codeRepo.Zip does before archiving, and says which
   * revision and directory the zip is made from.
   */
  async zipSource(version: string, call?: HostCall): Promise<FoundDir> {
    if (version !== canonicalVersion(version)) throw new Error(`version ${version} is not canonical`);
    if (isPseudoVersion(version)) await this.stat(version, call);
    return this.findDir(version, call);
  }
}

function trimIncompatible(v: string): string {
  return v.endsWith('+incompatible') ? v.slice(0, -'+incompatible'.length) : v;
}

function trimPrefix(s: string, prefix: string): string {
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}
