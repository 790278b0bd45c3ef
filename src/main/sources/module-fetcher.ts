import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModuleVersion } from '../../shared/model/module-version';
import { parseGoProxy, type ProxyEntry } from '../core/config/goproxy-list';
import { escapePath, escapeVersion } from '../core/modpath/escape';
import { canonicalVersion, check as checkModule, matchPrefixPatterns } from '../core/modpath/module-path';
import { InvalidVersionError, ModuleError, versionError } from '../core/modpath/module-errors';
import type { CacheLookup } from '../core/modload/module-info';
import type { ModuleFetcher, SumLookup, VersionInfo } from '../core/modload/ports';
import { ChecksumMismatchError, unknownHashesWarning } from '../core/gosum/checksum-error';
import type { GoEnv } from './go-env';
import { goModHash } from './gomod-hash';
import { getProxyFile, NotFoundError, type ProxyRequestOptions } from './proxy-client';
import { decodeRevInfo } from '../core/gojson/go-json';
import { goQuote } from '../core/gostrings/go-quote';
import { redactUrl } from './net/redact';
import { Semaphore } from './semaphore';
import { isNotExist } from '../core/modload/ports';
import { DirectSource, type DirectRequest } from './git/direct-source';
import type { GitCall } from './git/git-runner';

/** ProxyQuestion is one question of the GOPROXY protocol about a module path. */
export type ProxyQuestion = DirectRequest;

/** FetchEvent tells observers (progress bars, tests) where each file came from. */
export interface FetchEvent {
  readonly module: ModuleVersion;
  readonly file: 'mod' | 'info';
  readonly source: 'modcache' | 'gomodx-cache' | 'proxy';
  readonly url?: string;
}

/** FetcherOptions configures a ProxyModuleFetcher. */
export interface FetcherOptions {
  readonly env: GoEnv;
  /** sums are go.sum's lines; allHashes, when given, lists non-h1: hashes too (for go's warning). */
  readonly sums: SumLookup & { allHashes?(path: string, version: string): readonly string[] };
  /** warn prints a warning go prints to stderr (a line, or lines, without the final newline). */
  readonly warn?: (text: string) => void;
  /** The file name go names in checksum errors: go.sum or go.work.sum. */
  readonly sumFileName?: string;
  /** How many network requests may be in flight at once. */
  readonly concurrency?: number;
  readonly onFetch?: (e: FetchEvent) => void;
  /** Per-request timeout and retries (tests shorten them). */
  readonly request?: ProxyRequestOptions;
  /** localGo is the Go version whose rules apply to module zips read in direct mode. */
  readonly localGo?: string;
  /** toolchainExplain is what a TooNewError adds after "running go V" ("; GOTOOLCHAIN=local"). */
  readonly toolchainExplain?: string;
  /** onGit observes every git process direct mode starts (tests count them). */
  readonly onGit?: (call: GitCall) => void;
  /** direct replaces the direct-mode source (tests). */
  readonly direct?: DirectSource;
}

/** modfetch.lookup's own refusals (errRepo, errNoproxy, errUseProxy): no repository wraps them in the module's name. */
class LookupDisabledError extends NotFoundError {
  readonly lookup = true;
}

/**
 * checkRevInfo is proxyRepo.Stat's (and Latest's) check of an .info answer: JSON that decodes
 * into a RevInfo, naming the version asked for when that version is canonical and valid.
 */
function checkRevInfo(path: string, q: ProxyQuestion, data: Buffer, proxyUrl: string): void {
  let info;
  try {
    info = decodeRevInfo(data);
  } catch (e) {
    throw new Error(`invalid response from proxy ${goQuote(redactUrl(proxyUrl))}: ${(e as Error).message}`);
  }
  if (q.kind !== 'info' || info.version === q.version || q.version !== canonicalVersion(q.version)) return;
  try {
    checkModule(path, q.version);
  } catch {
    return;
  }
  throw new Error(`proxy returned info for version ${info.version} instead of requested version`);
}

/**
 * urlPathEscape is modfetch's pathEscape (url.PathEscape keeping "/"): the escaped module path
 * still holds "!" for upper-case letters, which go sends (and prints in errors) as "%21".
 */
function urlPathEscape(rel: string): string {
  let out = '';
  for (const ch of rel) {
    if (/[A-Za-z0-9\-_.~$&+:=@/]/.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function errnoText(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  return e.message;
}

/**
 * ProxyModuleFetcher reads go.mod and .info files the way modfetch does: from the module cache
 * (read-only), then our own download cache, then the GOPROXY list. Everything downloaded is
 * checked against go.sum before it is used or cached.
 */
export class ProxyModuleFetcher implements ModuleFetcher, CacheLookup {
  private readonly proxies: ProxyEntry[];
  private readonly net: Semaphore;
  private readonly disk = new Semaphore(64);
  private readonly infoCache = new Map<string, Promise<VersionInfo>>();
  private readonly modCache = new Map<string, Promise<string>>();
  private readonly escapedPaths = new Map<string, string>();
  private readonly escapedVersions = new Map<string, string>();

  constructor(private readonly opts: FetcherOptions) {
    this.proxies = parseGoProxy(opts.env.GOPROXY, opts.env.GONOPROXY !== '');
    this.net = new Semaphore(opts.concurrency ?? 16);
  }

  private escaped(m: ModuleVersion): { p: string; v: string } {
    // Escaping validates the path and version first, so nothing crafted reaches a URL or a file name.
    // The validation is costly and every module is looked up several times (.mod, .info, cache
    // paths), so successful escapes are remembered; failures are recomputed and thrown each time.
    let p = this.escapedPaths.get(m.path);
    let v = this.escapedVersions.get(m.version);
    try {
      if (p === undefined) this.escapedPaths.set(m.path, (p = escapePath(m.path)));
      if (v === undefined) this.escapedVersions.set(m.version, (v = escapeVersion(m.version)));
    } catch (e) {
      throw versionError(m, e as Error);
    }
    return { p, v };
  }

  private modCachePath(m: ModuleVersion, ext: string): string {
    const { p, v } = this.escaped(m);
    return join(this.opts.env.GOMODCACHE, 'cache', 'download', p, '@v', `${v}.${ext}`);
  }

  private ownCachePath(m: ModuleVersion, ext: string): string {
    const { p, v } = this.escaped(m);
    return join(this.opts.env.GOMODX_CACHE, 'download', p, '@v', `${v}.${ext}`);
  }

  /**
   * readCached reads from the module cache, then from our own cache. The reads are synchronous on
   * purpose: the files are small and local, a large graph reads thousands of them, and
   * fs/promises pays a thread-pool round trip for each of open, stat, read and close, which
   * made these reads several times slower than the synchronous ones.
   */
  readCached(m: ModuleVersion, ext: 'mod' | 'info'): { data: Buffer; source: FetchEvent['source'] } | undefined {
    const { p, v } = this.escaped(m);
    const file = `${v}.${ext}`;
    for (const [path, source] of [
      [join(this.opts.env.GOMODCACHE, 'cache', 'download', p, '@v', file), 'modcache'],
      [join(this.opts.env.GOMODX_CACHE, 'download', p, '@v', file), 'gomodx-cache'],
    ] as const) {
      try {
        return { data: readFileSync(path), source };
      } catch {
        // Not cached there; try the next place.
      }
    }
    return undefined;
  }

  private async writeOwnCache(m: ModuleVersion, ext: string, data: Buffer): Promise<void> {
    const target = this.ownCachePath(m, ext);
    try {
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, target);
    } catch {
      // A cache we cannot write is only slower, never wrong.
    }
  }

  /** fromProxies fetches one file of m through the GOPROXY list with go's fallback rules. */
  private async fromProxies(m: ModuleVersion, ext: 'mod' | 'info' | 'zip', signal?: AbortSignal): Promise<{ data: Buffer; url: string }> {
    this.escaped(m);
    try {
      return await this.tryProxies(m.path, { kind: ext, version: m.version }, signal);
    } catch (e) {
      // Direct mode's errors already read "path@version: invalid version: ...", as go's do, and
      // its lookup errors (no repository for the path, GOVCS) are reported bare.
      // GOPROXY=off answers through errRepo, bare; modload names path@version only for a .mod it cannot read.
      if ((e as { lookup?: boolean }).lookup === true && (ext === 'info' || !(e instanceof LookupDisabledError))) throw e;
      if (e instanceof ModuleError && e.kind === 'module' && e.path === m.path && e.err instanceof InvalidVersionError && e.err.version === m.version) throw e;
      throw versionError(m, e as Error);
    }
  }

  private directSource?: DirectSource;

  /** direct is the version-control source, made on first use (GOPROXY=direct, GOPRIVATE). */
  private direct(): DirectSource {
    const env = this.opts.env;
    this.directSource ??=
      this.opts.direct ??
      new DirectSource({
        goprivate: env.GOPRIVATE,
        govcs: env.GOVCS,
        goinsecure: env.GOINSECURE,
        cacheDir: env.GOMODX_CACHE,
        env: env.processEnv ?? process.env,
        localGo: this.opts.localGo ?? '1.26.8',
        ...(this.opts.toolchainExplain ? { toolchainExplain: this.opts.toolchainExplain } : {}),
        recorded: () => this.opts.sums.recorded?.() ?? [],
        ...(this.opts.onGit ? { onGit: this.opts.onGit } : {}),
        ...(this.opts.request ? { request: this.opts.request } : {}),
      });
    return this.directSource;
  }

  /** relFor is the escaped proxy path of a question ("path/@v/list", "path/@v/v1.0.0.info"). */
  private relFor(path: string, q: ProxyQuestion): string {
    const p = escapePath(path);
    if (q.kind === 'list') return `${p}/@v/list`;
    if (q.kind === 'latest') return `${p}/@latest`;
    return `${p}/@v/${escapeVersion(q.version)}.${q.kind}`;
  }

  /**
   * tryProxies asks q about path through the GOPROXY list: "," goes on only after "not
   * found", "|" after any error; "direct" and GONOPROXY/GOPRIVATE paths are read from version
   * control. The error thrown is the one go would report (direct/noproxy first, then a
   * proxy's non-404, then not-found), unwrapped.
   */
  async tryProxies(path: string, q: ProxyQuestion, signal?: AbortSignal, request?: ProxyRequestOptions): Promise<{ data: Buffer; url: string }> {
    let best: Error | undefined;
    let bestRank = 0;
    const rel = this.relFor(path, q);
    const private_ = this.opts.env.GONOPROXY !== '' && matchPrefixPatterns(this.opts.env.GONOPROXY, path);
    for (const proxy of this.proxies) {
      let err: Error;
      try {
        // modfetch.lookup: GONOPROXY paths go direct and are never sent to a proxy.
        if (private_) {
          if (proxy.url === 'noproxy' || proxy.url === 'direct') return { data: await this.direct().answer(path, q, signal), url: 'direct' };
          throw new LookupDisabledError('disabled by GOPRIVATE/GONOPROXY');
        }
        if (proxy.url === 'off') throw new LookupDisabledError('module lookup disabled by GOPROXY=off');
        if (proxy.url === 'noproxy') throw new LookupDisabledError('use proxy');
        if (proxy.url === 'direct') return { data: await this.direct().answer(path, q, signal), url: 'direct' };
        const escapedRel = urlPathEscape(rel);
        const env = this.opts.env.processEnv ?? process.env;
        const data = await this.net.run(() => getProxyFile(proxy.url, escapedRel, signal, { env, ...this.opts.request, ...request }));
        // modfetch's proxyRepo checks an answer inside TryProxies, so a "|" entry falls through on a bad one.
        if (q.kind === 'info' || q.kind === 'latest') checkRevInfo(path, q, data, proxy.url);
        return { data, url: `${proxy.url}/${escapedRel}` };
      } catch (e) {
        signal?.throwIfAborted();
        err = e as Error;
      }
      const notFound = isNotExist(err);
      const isUseProxy = err instanceof LookupDisabledError && err.message === 'use proxy';
      if (proxy.url === 'direct' || (proxy.url === 'noproxy' && !isUseProxy)) {
        best = err;
        bestRank = 2;
      } else if (bestRank <= 1 && !notFound) {
        best = err;
        bestRank = 1;
      } else if (bestRank === 0) {
        best = err;
      }
      if (!proxy.fallBackOnError && !notFound) break;
    }
    throw best ?? new Error('no GOPROXY entries');
  }

  info(m: ModuleVersion, signal?: AbortSignal): Promise<VersionInfo> {
    const k = `${m.path}@${m.version}`;
    let p = this.infoCache.get(k);
    if (!p) {
      p = this.loadInfo(m, signal);
      this.infoCache.set(k, p);
      p.catch(() => this.infoCache.delete(k));
    }
    return p;
  }

  /** A store that remembers .info times between runs (the project's summary index). */
  private infoMemo?: { info(m: ModuleVersion): VersionInfo | undefined; putInfo(m: ModuleVersion, info: VersionInfo): void };

  /** rememberInfoIn makes .info answers come from, and go to, a persistent store first. */
  rememberInfoIn(store: { info(m: ModuleVersion): VersionInfo | undefined; putInfo(m: ModuleVersion, info: VersionInfo): void }): void {
    this.infoMemo = store;
  }

  private async loadInfo(m: ModuleVersion, signal?: AbortSignal): Promise<VersionInfo> {
    const memo = this.infoMemo?.info(m);
    if (memo) return memo;
    const info = await this.readInfo(m, signal);
    this.infoMemo?.putInfo(m, info);
    return info;
  }

  private async readInfo(m: ModuleVersion, signal?: AbortSignal): Promise<VersionInfo> {
    const cached = this.readCached(m, 'info');
    let data: Buffer;
    let fetchedFrom: string | undefined;
    if (cached) {
      data = cached.data;
      this.opts.onFetch?.({ module: m, file: 'info', source: cached.source });
    } else {
      const got = await this.fromProxies(m, 'info', signal);
      data = got.data;
      fetchedFrom = got.url;
      this.opts.onFetch?.({ module: m, file: 'info', source: 'proxy', url: got.url });
    }
    let parsed: { version: string; time: string };
    try {
      parsed = decodeRevInfo(data);
    } catch (e) {
      throw versionError(m, new Error(`invalid response from proxy: ${(e as Error).message}`));
    }
    if (parsed.version !== m.version) {
      throw versionError(m, new Error(`proxy returned info for version ${parsed.version} instead of requested version`));
    }
    if (fetchedFrom && worthCaching(fetchedFrom)) await this.writeOwnCache(m, 'info', data);
    return { version: parsed.version, time: parsed.time };
  }

  goMod(m: ModuleVersion, signal?: AbortSignal): Promise<string> {
    const k = `${m.path}@${m.version}`;
    let p = this.modCache.get(k);
    if (!p) {
      p = this.loadGoMod(m, signal);
      this.modCache.set(k, p);
      p.catch(() => this.modCache.delete(k));
    }
    return p;
  }

  /** The go.sum-style hash of each go.mod this fetcher read and checked, by "path@version". */
  private readonly verified = new Map<string, string>();

  /** verifiedHash is the hash of m's go.mod as read and checked in this run, if it was. */
  verifiedHash(m: ModuleVersion): string | undefined {
    return this.verified.get(`${m.path}@${m.version}`);
  }

  private verify(m: ModuleVersion, data: Buffer): void {
    const h = goModHash(data);
    this.verified.set(`${m.path}@${m.version}`, h);
    // Only h1: hashes verify; go.sum lines of another algorithm neither match nor conflict.
    const recorded = this.opts.sums.hashes(m.path, `${m.version}/go.mod`);
    if (recorded.includes(h)) return;
    if (recorded.length > 0) {
      this.verified.delete(`${m.path}@${m.version}`);
      throw new ChecksumMismatchError(m.path, `${m.version}/go.mod`, h, this.opts.sumFileName ?? 'go.sum', recorded[0]!);
    }
    const unknown = this.opts.sums.allHashes?.(m.path, `${m.version}/go.mod`) ?? [];
    const key = `${m.path}@${m.version}/go.mod`;
    if (unknown.length > 0 && !this.warnedUnknown.has(key)) {
      this.warnedUnknown.add(key);
      this.opts.warn?.(unknownHashesWarning(m.path, `${m.version}/go.mod`, unknown, h).replace(/\n$/, ''));
    }
  }

  /** Keys whose unknown-algorithm go.sum lines were warned about (go adds the h1: line once). */
  private readonly warnedUnknown = new Set<string>();

  private async loadGoMod(m: ModuleVersion, signal?: AbortSignal): Promise<string> {
    const cached = this.readCached(m, 'mod');
    if (cached) {
      this.verify(m, cached.data);
      this.opts.onFetch?.({ module: m, file: 'mod', source: cached.source });
      return cached.data.toString('utf8');
    }
    const got = await this.fromProxies(m, 'mod', signal);
    this.verify(m, got.data);
    this.opts.onFetch?.({ module: m, file: 'mod', source: 'proxy', url: got.url });
    if (worthCaching(got.url)) await this.writeOwnCache(m, 'mod', got.data);
    return got.data.toString('utf8');
  }

  async readLocalGoMod(absPath: string): Promise<string> {
    try {
      return await this.disk.run(() => readFile(absPath, 'utf8'));
    } catch (e) {
      throw new Error(`open ${absPath}: ${errnoText(e as NodeJS.ErrnoException)}`);
    }
  }

  async goModPath(m: ModuleVersion): Promise<string | undefined> {
    for (const p of [this.modCachePath(m, 'mod'), this.ownCachePath(m, 'mod')]) {
      try {
        if ((await stat(p)).isFile()) return p;
      } catch {
        // absent here
      }
    }
    return undefined;
  }

  async downloadDir(m: ModuleVersion): Promise<string | undefined> {
    const { p, v } = this.escaped(m);
    const dir = join(this.opts.env.GOMODCACHE, `${p}@${v}`);
    try {
      if (!(await stat(dir)).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    // modfetch.DownloadDir: an extraction is complete only without a .partial marker and with its ziphash.
    const partial = this.modCachePath(m, 'partial');
    const ziphash = this.modCachePath(m, 'ziphash');
    try {
      await stat(partial);
      return undefined;
    } catch {
      // no partial marker: good
    }
    try {
      await stat(ziphash);
    } catch {
      return undefined;
    }
    return dir;
  }
}

/**
 * worthCaching tells whether a file fetched from url deserves a copy in gomodx's own cache: a
 * file:// proxy is already a local directory, and copying from it would only cost writes.
 */
export function worthCaching(url: string): boolean {
  return !url.startsWith('file:');
}
