/**
 * The version questions and module zips that `go get` and `go list -m -u/-versions` need,
 * answered as modfetch's proxyRepo answers them: @v/list, @latest (with the fallback to the
 * newest listed pseudo-version), .info for any revision, and .zip files. The module cache is
 * only read; what is downloaded is kept in GOMODX_CACHE, after checking it against go.sum.
 */
import { TooNewError } from '../core/modload/summary';
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
import { ChecksumMismatchError, unknownHashesWarning } from '../core/gosum/checksum-error';
import type { GoEnv } from './go-env';
import { worthCaching, type ProxyModuleFetcher } from './module-fetcher';
import { ZipArchive } from './module-zip';
import { checkModuleZip } from '../core/vcs/check-zip';
import { NotFoundError } from './proxy-client';
import { decodeRevInfo } from '../core/gojson/go-json';

/** Module zips may be large (codehost.MaxZipFile is 500 MiB): allow them, and the time they take. */
const ZIP_REQUEST = { maxBytes: 500 << 20, timeoutMs: 600_000, tooLarge: 'downloaded zip file too large' };

/** RepositoryOptions wires the repository to the fetcher (GOPROXY list), caches and go.sum. */
export interface RepositoryOptions {
  readonly fetcher: ProxyModuleFetcher;
  readonly env: GoEnv;
  readonly sums: SumLookup & { allHashes?(path: string, version: string): readonly string[] };
  /** warn prints a warning go prints to stderr (without the final newline). */
  readonly warn?: (text: string) => void;
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
  if (err instanceof TooNewError) return err;
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
  private readonly zips = new Map<string, Promise<{ zip: ZipArchive; hash: string }>>();
  /** The "-> unzip ..." line go prints when it refuses to extract a zip, by the error it gave. */
  private readonly unzipNotes = new Map<string, string>();
  /** Messages of the zip errors go stops at (see fatalIn). */
  private readonly fatalMessages = new Set<string>();
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
    try {
      return decodeRevInfo(data);
    } catch (e) {
      throw repoError(path, rev, new Error(`invalid response from proxy: ${(e as Error).message}`));
    }
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

  /**
   * zip returns m's zip and hash once the zip passed every check go makes before it extracts one
   * (modfetch.downloadZip, then zip.Unzip), in go's order: a readable zip, every entry under
   * path@version/, each file as long as it says and with its CRC (hashing reads them all), the
   * hash go.sum records, then x/mod's file rules and size limits. A refused zip is not cached.
   */
  private zip(m: ModuleVersion, signal?: AbortSignal): Promise<{ zip: ZipArchive; hash: string }> {
    return this.remember(this.zips, `${m.path}@${m.version}`, async () => {
      let encVer: string;
      try {
        encVer = escapeVersion(m.version);
      } catch (e) {
        throw repoError(m.path, m.version, e as Error);
      }
      const files = this.cacheFiles(m.path, `${encVer}.zip`);
      let data = await this.readFirst(files);
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
      let zip: ZipArchive;
      try {
        zip = ZipArchive.open(data);
      } catch (e) {
        throw repoError(m.path, m.version, e as Error);
      }
      const prefix = `${m.path}@${m.version}/`;
      const stray = zip.files.find((f) => !f.name.startsWith(prefix));
      // go names the zip and the file itself, without the module prefix its other errors carry.
      if (stray) throw Object.assign(new Error(`zip for ${m.path}@${m.version} has unexpected file ${stray.name}`), { lookup: true });
      const recorded = this.opts.sums.hashes(m.path, m.version).filter((h) => h.startsWith('h1:'));
      const refused = checkModuleZip(m.path, m.version, zip.files);
      let hash = '';
      try {
        // A zip that will be refused needs no hash unless go.sum has one to compare (a mismatch
        // is go's first complaint): reading it through, for the CRC and size errors that would
        // come first, is enough, and much quicker for a bomb.
        if (refused !== undefined && recorded.length === 0) await zip.verify(signal);
        else hash = await zip.hash(signal);
      } catch (e) {
        if (signal?.aborted) throw e;
        throw repoError(m.path, m.version, e as Error);
      }
      if (recorded.length > 0 && !recorded.includes(hash)) {
        const err = new ChecksumMismatchError(m.path, m.version, hash, this.opts.sumFileName ?? 'go.sum', recorded[0]!);
        this.fatalMessages.add(err.message);
        throw err;
      }
      const unknown = recorded.length === 0 && refused === undefined ? (this.opts.sums.allHashes?.(m.path, m.version) ?? []) : [];
      if (unknown.length > 0) this.opts.warn?.(unknownHashesWarning(m.path, m.version, unknown, hash).replace(/\n$/, ''));
      if (refused !== undefined) {
        // go extracts from its module cache and names that file, which is where it would be.
        const err = new Error(`unzip ${files[0]}: ${refused}`);
        this.unzipNotes.set(err.message, `-> ${err.message}\n`);
        throw repoError(m.path, m.version, err);
      }
      if (toCache) await this.writeOwn(m.path, `${encVer}.zip`, data);
      return { zip, hash };
    });
  }

  /**
   * fatalIn returns the message of a zip error that stops go on the spot (base.Fatalf: a zip
   * that does not match go.sum) if stderr, a go get report, holds it as an ordinary error line.
   */
  fatalIn(stderr: string): string | undefined {
    for (const message of this.fatalMessages) if (stderr.includes(`go: ${message}`)) return message;
    return undefined;
  }

  /**
   * unzipNotesFor returns the "-> unzip ..." lines go prints, as it fails, for each refused zip
   * whose error is in stderr (go get's report): callers put them first, as go's come first.
   */
  unzipNotesFor(stderr: string): string {
    let out = '';
    for (const [message, note] of this.unzipNotes) if (stderr.includes(message)) out += note;
    return out;
  }

  /** moduleFileNames lists the files of m's zip, relative to the module root (go get's "..." patterns). */
  async moduleFileNames(m: ModuleVersion, signal?: AbortSignal): Promise<readonly string[]> {
    const { zip } = await this.zip(m, signal);
    const prefix = `${m.path}@${m.version}/`;
    return zip.files.filter((e) => e.name.startsWith(prefix) && !e.name.endsWith('/')).map((e) => e.name.slice(prefix.length));
  }

  /** moduleGoModInZip returns the go.mod file in m's zip (undefined when the zip has none). */
  async moduleGoModInZip(m: ModuleVersion, signal?: AbortSignal): Promise<string | undefined> {
    const { zip } = await this.zip(m, signal);
    const f = zip.files.find((e) => e.name === `${m.path}@${m.version}/go.mod`);
    return f && zip.read(f).toString('utf8');
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
    const { zip } = await this.zip(m, signal);
    const prefix = `${m.path}@${m.version}/${dir === '' ? '' : dir + '/'}`;
    const out: GoFile[] = [];
    for (const e of zip.files) {
      if (!e.name.startsWith(prefix)) continue;
      const name = e.name.slice(prefix.length);
      if (name.includes('/') || !name.endsWith('.go')) continue;
      out.push({ name, text: zip.read(e).toString('utf8') });
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
