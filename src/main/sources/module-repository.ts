/**
 * The version questions and module zips that `go get` and `go list -m -u/-versions` need,
 * answered as modfetch's proxyRepo answers them: @v/list, @latest (with the fallback to the
 * newest listed pseudo-version), .info for any revision, and .zip files. The module cache is
 * only read; what is downloaded is kept in GOMODX_CACHE, after checking it against go.sum.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModuleVersion } from '../../shared/model/module-version';
import type { SumLookup } from '../core/modload/ports';
import { isNotExist, type GoFile, type ModuleRepository, type PackageSource, type RevInfo } from '../core/modload/ports';
import { escapePath, escapeVersion } from '../core/modpath/escape';
import { check as checkModule, canonicalVersion } from '../core/modpath/module-path';
import { InvalidVersionError, ModuleError } from '../core/modpath/module-errors';
import { isPseudoVersion, pseudoVersionTime } from '../core/semver/pseudo';
import { isValid as semverIsValid, sortVersions } from '../core/semver/semver';
import { ChecksumMismatchError } from './checksum-error';
import type { GoEnv } from './go-env';
import { worthCaching, type ProxyModuleFetcher } from './module-fetcher';
import { hashZipEntries, readZipEntries, type ZipEntry } from './module-zip';
import { NotFoundError } from './proxy-client';

/** Module zips may be large (codehost.MaxZipFile is 500 MiB): allow them, and the time they take. */
const ZIP_REQUEST = { maxBytes: 500 << 20, timeoutMs: 600_000 };

/** RepositoryOptions wires the repository to the fetcher (GOPROXY list), caches and go.sum. */
export interface RepositoryOptions {
  readonly fetcher: ProxyModuleFetcher;
  readonly env: GoEnv;
  readonly sums: SumLookup;
  readonly sumFileName?: string;
}

/**
 * repoError is proxyRepo.versionError: a non-canonical version is reported as an invalid
 * version of the path; a canonical one (or none) as an error about path@version (or the path).
 */
function repoError(path: string, version: string, err: Error): Error {
  // Direct mode's errors (codeRepo) already name the module and version, as go's do; its
  // lookup errors are bare, as errRepo's are, and the query reports them with path@query.
  if (err instanceof ModuleError && err.kind === 'module' && err.path === path) return err;
  if ((err as { lookup?: boolean }).lookup === true) return err;
  if (version !== '' && version !== canonicalVersion(version)) {
    return new ModuleError(path, '', new InvalidVersionError(version, err, isPseudoVersion(version)));
  }
  return new ModuleError(path, version, err);
}

interface ListResult {
  readonly lines: readonly string[];
  readonly versions: readonly string[];
}

/** ProxyModuleRepository implements the modget ports over a ProxyModuleFetcher. */
export class ProxyModuleRepository implements ModuleRepository, PackageSource {
  private readonly lists = new Map<string, Promise<ListResult>>();
  /** Version lists fetched ahead of need (prefetchVersions), until they land in lists. */
  private readonly prefetching = new Map<string, Promise<ListResult>>();
  private readonly latests = new Map<string, Promise<RevInfo>>();
  private readonly stats = new Map<string, Promise<RevInfo>>();
  private readonly zips = new Map<string, Promise<{ entries: ZipEntry[]; hash: string }>>();
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly goFiles = new Map<string, Promise<readonly GoFile[]>>();

  constructor(private readonly opts: RepositoryOptions) {}

  private remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let p = cache.get(key);
    if (!p) {
      p = make();
      cache.set(key, p);
      // Answers are remembered for the session, failures too (as go's cachingRepo does):
      // previews ask about module path prefixes that do not exist again and again. Only a
      // cancelled question is asked again.
      p.catch((e) => {
        if ((e as Error).name === 'AbortError' || (e as Error).name === 'TimeoutError') cache.delete(key);
      });
    }
    return p;
  }

  private escapedPath(path: string): string {
    try {
      return escapePath(path);
    } catch (e) {
      throw new ModuleError(path, '', e as Error);
    }
  }

  private list(path: string, signal?: AbortSignal): Promise<ListResult> {
    return this.remember(this.lists, path, () => {
      const early = this.prefetching.get(path);
      // A prefetch's failure is not this question's answer: it asks again, with its own signal.
      return early ? early.catch(() => this.fetchList(path, signal)) : this.fetchList(path, signal);
    });
  }

  private async fetchList(path: string, signal?: AbortSignal): Promise<ListResult> {
    let data: Buffer;
    try {
      this.escapedPath(path);
      data = (await this.opts.fetcher.tryProxies(path, { kind: 'list' }, signal)).data;
    } catch (e) {
      if (e instanceof ModuleError) throw e;
      throw repoError(path, '', e as Error);
    }
    const lines = data.toString('utf8').split('\n');
    const versions: string[] = [];
    for (const line of lines) {
      const f = line.split(/[ \t\r\v\f]+/).filter(Boolean);
      if (f.length >= 1 && semverIsValid(f[0]!) && !isPseudoVersion(f[0]!)) versions.push(f[0]!);
    }
    return { lines, versions: sortVersions(versions) };
  }

  /**
   * prefetchVersions fetches path's version list before any question needs it, so that a later
   * question finds it as if it had been asked already this session. Only a list is kept: a
   * failure is dropped, and the question that needs the list asks the proxy itself.
   */
  prefetchVersions(path: string, signal?: AbortSignal): Promise<void> {
    if (this.lists.has(path)) return Promise.resolve();
    let p = this.prefetching.get(path);
    if (!p) {
      p = this.fetchList(path, signal);
      this.prefetching.set(path, p);
      p.then(
        (l) => {
          if (!this.lists.has(path)) this.lists.set(path, Promise.resolve(l));
        },
        () => undefined,
      ).finally(() => this.prefetching.delete(path));
    }
    return p.then(
      () => undefined,
      () => undefined,
    );
  }

  versions(path: string, signal?: AbortSignal): Promise<readonly string[]> {
    return this.list(path, signal).then((l) => l.versions);
  }

  latest(path: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.remember(this.latests, path, async () => {
      let data: Buffer;
      try {
        this.escapedPath(path);
        data = (await this.opts.fetcher.tryProxies(path, { kind: 'latest' }, signal)).data;
      } catch (e) {
        if (!isNotExist(e)) throw repoError(path, '', e as Error);
        return this.latestFromList(path, signal);
      }
      return this.parseInfo(path, '', data);
    });
  }

  /** latestFromList picks the newest listed entry by its listed time or pseudo-version time. */
  private async latestFromList(path: string, signal?: AbortSignal): Promise<RevInfo> {
    const { lines } = await this.list(path, signal);
    let bestTime = -Infinity;
    let best = '';
    for (const line of lines) {
      const f = line.split(/[ \t\r\v\f]+/).filter(Boolean);
      if (f.length < 1 || !semverIsValid(f[0]!)) continue;
      let t: number;
      if (f.length >= 2) {
        t = Date.parse(f[1]!);
        if (Number.isNaN(t)) t = -62135596800000; // Go's zero time when the time does not parse
      } else if (isPseudoVersion(f[0]!)) {
        try {
          t = pseudoVersionTime(f[0]!).getTime();
        } catch {
          t = -62135596800000;
        }
      } else continue;
      if (t > bestTime) {
        bestTime = t;
        best = f[0]!;
      }
    }
    if (best === '') {
      const err = new NotFoundError('no commits');
      throw repoError(path, '', err);
    }
    return this.stat(path, best, signal);
  }

  private parseInfo(path: string, rev: string, data: Buffer): RevInfo {
    let parsed: { Version?: unknown; Time?: unknown };
    try {
      parsed = JSON.parse(data.toString('utf8'));
    } catch (e) {
      throw repoError(path, rev, new Error(`invalid response from proxy: ${(e as Error).message}`));
    }
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.Version !== 'string') {
      throw repoError(path, rev, new Error('invalid response from proxy: missing Version'));
    }
    return { version: parsed.Version, time: typeof parsed.Time === 'string' ? parsed.Time : '' };
  }

  private cacheFiles(path: string, escapedFile: string): string[] {
    const p = this.escapedPath(path);
    return [
      join(this.opts.env.GOMODCACHE, 'cache', 'download', p, '@v', escapedFile),
      join(this.opts.env.GOMODX_CACHE, 'download', p, '@v', escapedFile),
    ];
  }

  private async readFirst(files: readonly string[]): Promise<Buffer | undefined> {
    for (const f of files) {
      try {
        return await readFile(f);
      } catch {
        // not there; try the next cache
      }
    }
    return undefined;
  }

  private async writeOwn(path: string, escapedFile: string, data: Buffer): Promise<void> {
    const target = this.cacheFiles(path, escapedFile)[1]!;
    try {
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    } catch {
      // A cache we cannot write is only slower, never wrong.
    }
  }

  stat(path: string, rev: string, signal?: AbortSignal): Promise<RevInfo> {
    return this.remember(this.stats, `${path}@${rev}`, async () => {
      let encRev: string;
      try {
        encRev = escapeVersion(rev);
      } catch (e) {
        throw repoError(path, rev, e as Error);
      }
      this.escapedPath(path); // refuses a bad path with the repository's error, before any file is named
      const cached = this.opts.fetcher.readCached({ path, version: rev }, 'info')?.data;
      let data: Buffer;
      let toCache = false;
      if (cached) data = cached;
      else {
        try {
          this.escapedPath(path);
          const got = await this.opts.fetcher.tryProxies(path, { kind: 'info', version: rev }, signal);
          data = got.data;
          toCache = worthCaching(got.url);
        } catch (e) {
          throw repoError(path, rev, e as Error);
        }
      }
      const info = this.parseInfo(path, rev, data);
      let wellFormed = true;
      try {
        checkModule(path, rev);
      } catch {
        wellFormed = false;
      }
      if (info.version !== rev && rev === canonicalVersion(rev) && wellFormed) {
        throw repoError(path, rev, new Error(`proxy returned info for version ${info.version} instead of requested version`));
      }
      if (toCache && info.version === rev) await this.writeOwn(path, `${encRev}.info`, data);
      return info;
    });
  }

  /** zip returns m's zip entries and hash, verified against go.sum's zip line when there is one. */
  private zip(m: ModuleVersion, signal?: AbortSignal): Promise<{ entries: ZipEntry[]; hash: string }> {
    return this.remember(this.zips, `${m.path}@${m.version}`, async () => {
      let encVer: string;
      try {
        encVer = escapeVersion(m.version);
      } catch (e) {
        throw repoError(m.path, m.version, e as Error);
      }
      let data = await this.readFirst(this.cacheFiles(m.path, `${encVer}.zip`));
      let toCache = false;
      if (!data) {
        try {
          this.escapedPath(m.path);
          const got = await this.opts.fetcher.tryProxies(m.path, { kind: 'zip', version: m.version }, signal, ZIP_REQUEST);
          data = got.data;
          toCache = worthCaching(got.url);
        } catch (e) {
          throw repoError(m.path, m.version, e as Error);
        }
      }
      let entries: ZipEntry[];
      try {
        entries = readZipEntries(data);
      } catch (e) {
        throw repoError(m.path, m.version, e as Error);
      }
      const hash = hashZipEntries(entries);
      const recorded = this.opts.sums.hashes(m.path, m.version).filter((h) => h.startsWith('h1:'));
      if (recorded.length > 0 && !recorded.includes(hash)) {
        throw new ChecksumMismatchError(m.path, m.version, hash, this.opts.sumFileName ?? 'go.sum', recorded[0]!);
      }
      if (toCache) await this.writeOwn(m.path, `${encVer}.zip`, data);
      return { entries, hash };
    });
  }

  /** moduleFileNames lists the files of m's zip, relative to the module root (go get's "..." patterns). */
  async moduleFileNames(m: ModuleVersion, signal?: AbortSignal): Promise<readonly string[]> {
    const { entries } = await this.zip(m, signal);
    const prefix = `${m.path}@${m.version}/`;
    return entries.filter((e) => e.name.startsWith(prefix) && !e.name.endsWith('/')).map((e) => e.name.slice(prefix.length));
  }

  /** moduleGoModInZip returns the go.mod file in m's zip (undefined when the zip has none). */
  async moduleGoModInZip(m: ModuleVersion, signal?: AbortSignal): Promise<string | undefined> {
    const { entries } = await this.zip(m, signal);
    return entries.find((e) => e.name === `${m.path}@${m.version}/go.mod`)?.data.toString('utf8');
  }

  zipHash(m: ModuleVersion, signal?: AbortSignal): Promise<string> {
    return this.remember(this.hashes, `${m.path}@${m.version}`, async () => {
      // The module cache records the hash of every zip it extracted; go trusts it as well.
      try {
        const ziphash = (await readFile(this.cacheFiles(m.path, `${escapeVersion(m.version)}.ziphash`)[0]!, 'utf8')).trim();
        if (/^h1:[A-Za-z0-9+/]{43}=$/.test(ziphash)) return ziphash;
      } catch {
        // not extracted by go: hash the zip ourselves
      }
      return (await this.zip(m, signal)).hash;
    });
  }

  moduleGoFiles(m: ModuleVersion, dir: string, signal?: AbortSignal): Promise<readonly GoFile[]> {
    return this.remember(this.goFiles, `${m.path}@${m.version}/${dir}`, () => this.readGoFiles(m, dir, signal));
  }

  private async readGoFiles(m: ModuleVersion, dir: string, signal?: AbortSignal): Promise<readonly GoFile[]> {
    const { entries } = await this.zip(m, signal);
    const prefix = `${m.path}@${m.version}/${dir === '' ? '' : dir + '/'}`;
    const out: GoFile[] = [];
    for (const e of entries) {
      if (!e.name.startsWith(prefix)) continue;
      const name = e.name.slice(prefix.length);
      if (name.includes('/') || !name.endsWith('.go')) continue;
      out.push({ name, text: e.data.toString('utf8') });
    }
    return out;
  }

  async localGoFiles(absDir: string): Promise<readonly GoFile[]> {
    let names: string[];
    try {
      names = await readdir(absDir);
    } catch {
      return [];
    }
    const out: GoFile[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith('.go')) continue;
      const file = join(absDir, name);
      try {
        if (!(await stat(file)).isFile()) continue;
        out.push({ name, text: await readFile(file, 'utf8') });
      } catch {
        // vanished or unreadable: go would skip it too
      }
    }
    return out;
  }
}
