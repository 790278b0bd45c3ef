/**
 * DirectSource is the "direct" entry of the GOPROXY list: it answers the questions a module
 * proxy answers (@v/list, @latest, .info, .mod, .zip) for one module path, from the module's
 * own repository, as the go command's lookupDirect + codeRepo do.
 *
 * Why a proxy-shaped seam: the fetcher and repository above already speak the proxy protocol
 * (caching, go.sum checks, GOPROXY fallback and error ranking), so direct mode plugs in as one
 * more entry of the list and everything above it — list -m all, graph, -versions, get — works
 * through it unchanged.
 */
import { TooNewError } from '../../core/modload/summary';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goCompare } from '../../core/gover/gover';
import { parseModFile } from '../../core/modfile/rules';
import { checkPath } from '../../core/modpath/module-path';
import { isPseudoVersion, pseudoVersionBase } from '../../core/semver/pseudo';
import { FileNotExistError, NotExistError } from '../../core/vcs/code-host';
import { CodeRepo, cleanJoin, hasPathPrefix, moduleLayout, revToRev, statReadsTags } from '../../core/vcs/code-repo';
import { MAX_LICENSE, MAX_ZIP_FILE, selectZipFiles, type TreeFile } from '../../core/vcs/zip-files';
import { readZipEntries, writeStoredZip } from '../module-zip';
import { getProxyFile, type ProxyRequestOptions } from '../proxy-client';
import { GitCodeHost, type FetchHints } from './git-code-host';
import { GitRunError, GitRunner, type GitCall } from './git-runner';
import { makePageGetter, type PageGetter } from './import-page';
import { RepoRootError, RepoRootResolver, type Resolved } from './repo-root-resolver';

/** DirectRequest is one proxy-protocol question about a module path. */
export type DirectRequest = { readonly kind: 'list' } | { readonly kind: 'latest' } | { readonly kind: 'info' | 'mod' | 'zip'; readonly version: string };

/** DirectSourceOptions configures direct mode. */
export interface DirectSourceOptions {
  /** The go settings that matter here. */
  readonly goprivate: string;
  readonly govcs: string;
  readonly goinsecure: string;
  /** cacheDir is $GOMODX_CACHE (repositories go to its vcs/ folder). */
  readonly cacheDir: string;
  /** env is the user's environment, given to git. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** localGo is the Go version whose rules apply ("module requires go >= ..."). */
  readonly localGo: string;
  /** toolchainExplain is what a TooNewError adds after "running go V" ("; GOTOOLCHAIN=local"). */
  readonly toolchainExplain?: string;
  /** recorded lists the module versions go.sum records (hints for batched fetching). */
  readonly recorded?: () => Iterable<{ readonly path: string; readonly version: string }>;
  readonly onGit?: (call: GitCall) => void;
  readonly getPage?: PageGetter;
  /** gitTimeoutMs is how long a git command may print nothing before it is killed. */
  readonly gitTimeoutMs?: number;
  readonly request?: ProxyRequestOptions;
}

/** DirectError is a direct-mode failure worded as go words it; notFound as go's errors.Is. */
class DirectError extends Error {
  /** lookup marks an error of modfetch.Lookup: go reports it as it is, without path@version. */
  readonly lookup = true;
  constructor(
    message: string,
    readonly notFound: boolean,
  ) {
    super(message);
    this.name = 'DirectError';
  }
}

/** DirectSource answers proxy-protocol questions from version control. */
export class DirectSource {
  private readonly runner: GitRunner;
  private readonly resolver: RepoRootResolver;
  private readonly roots = new Map<string, Promise<Resolved>>();
  private readonly hosts = new Map<string, GitCodeHost>();
  private readonly repos = new Map<string, Promise<CodeRepo>>();

  constructor(private readonly opts: DirectSourceOptions) {
    this.runner = new GitRunner({ env: opts.env, ...(opts.gitTimeoutMs ? { timeoutMs: opts.gitTimeoutMs } : {}), ...(opts.onGit ? { onCall: opts.onGit } : {}) });
    const getPage = opts.getPage ?? makePageGetter({ env: opts.env });
    this.resolver = new RepoRootResolver({
      goprivate: opts.goprivate,
      govcs: opts.govcs,
      goinsecure: opts.goinsecure,
      ...(opts.env.GIT_ALLOW_PROTOCOL ? { gitAllowProtocol: opts.env.GIT_ALLOW_PROTOCOL } : {}),
      getPage,
      ping: (url, signal) => this.ping(url, signal),
    });
  }

  private get vcsDir(): string {
    return join(this.opts.cacheDir, 'vcs');
  }

  /** ping is vcs.Ping for git: does `git ls-remote <url>` work? */
  private async ping(url: string, signal?: AbortSignal): Promise<boolean> {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(this.vcsDir, { recursive: true });
    try {
      await this.runner.run(this.vcsDir, ['ls-remote', '--end-of-options', url], { network: true, ...(signal ? { signal } : {}) });
      return true;
    } catch {
      signal?.throwIfAborted();
      return false;
    }
  }

  private root(path: string, signal?: AbortSignal): Promise<Resolved> {
    let p = this.roots.get(path);
    if (!p) {
      p = this.resolver.resolve(path, signal);
      this.roots.set(path, p);
      p.catch((e: Error) => {
        if (e.name === 'AbortError' || e.name === 'TimeoutError') this.roots.delete(path);
      });
    }
    return p;
  }

  /** host returns the one GitCodeHost of a repository URL. */
  private host(r: Resolved & { kind: 'vcs' }): GitCodeHost {
    let h = this.hosts.get(r.repo);
    if (!h) {
      h = new GitCodeHost({
        runner: this.runner,
        remote: r.repo,
        cacheRoot: this.vcsDir,
        hints: (tagNames) => this.hintsFor(r, tagNames),
      });
      this.hosts.set(r.repo, h);
    }
    return h;
  }

  /**
   * hintsFor lists the revisions a resolve will read from repository r: every version go.sum
   * records for a module of r, and for each such module (and each one asked about so far) the
   * tags a stat reads for retractions and "+incompatible" checks.
   */
  private hintsFor(r: Resolved & { kind: 'vcs' }, tagNames: readonly string[]): FetchHints {
    const revs = new Set<string>();
    const modules = new Set<string>();
    let history = false;
    for (const { path, version } of this.opts.recorded?.() ?? []) {
      if (!hasPathPrefix(path, r.root)) continue;
      try {
        const layout = moduleLayout(r.root, r.subdir, path);
        const v = version.replace(/\/go\.mod$/, '');
        revs.add(revToRev(layout, v));
        modules.add(path);
        // Validating a pseudo-version with a base tag walks the history back to that tag.
        if (isPseudoVersion(v) && pseudoVersionBase(v.replace(/\+incompatible$/, '')) !== '') history = true;
      } catch {
        // not a module of this repository
      }
    }
    for (const path of this.repos.keys()) if (hasPathPrefix(path, r.root)) modules.add(path);
    for (const path of modules) {
      try {
        for (const t of statReadsTags(moduleLayout(r.root, r.subdir, path), tagNames)) revs.add(t);
      } catch {
        // not a module of this repository
      }
    }
    return { revs: [...revs], history };
  }

  private async repo(path: string, signal?: AbortSignal): Promise<CodeRepo | { proxy: string }> {
    try {
      checkPath(path);
    } catch (e) {
      throw new DirectError((e as Error).message, true);
    }
    const r = await this.root(path, signal);
    if (r.kind === 'mod') return { proxy: r.proxy };
    if (r.vcs !== 'git') throw new DirectError(`${r.root}: ${r.vcs} repositories are not supported (only git)`, false);
    let p = this.repos.get(path);
    if (!p) {
      p = (async () => new CodeRepo(this.host(r), r.root, r.subdir, path))();
      this.repos.set(path, p);
    }
    return p;
  }

  /**
   * answer returns what a proxy would serve for req about path: list lines, info JSON, go.mod
   * bytes or a zip. Errors carry go's text; notFound where go's would be fs.ErrNotExist.
   */
  async answer(path: string, req: DirectRequest, signal?: AbortSignal): Promise<Buffer> {
    if (this.opts.env.GOMODX_GIT_TRACE === '1') process.stderr.write(`# direct ${path} ${req.kind}${'version' in req ? ' ' + req.version : ''}\n`);
    let repo: CodeRepo | { proxy: string };
    try {
      repo = await this.repo(path, signal);
    } catch (e) {
      signal?.throwIfAborted();
      if (e instanceof RepoRootError || e instanceof DirectError) throw e;
      throw new DirectError((e as Error).message, false);
    }
    if (!(repo instanceof CodeRepo)) return this.viaModProxy(repo.proxy, path, req, signal);
    const call = signal ? { signal } : undefined;
    try {
      switch (req.kind) {
        case 'list':
          return Buffer.from((await repo.versions('', call)).map((v) => v + '\n').join(''));
        case 'latest':
          return infoJson(await repo.latest(call));
        case 'info':
          return infoJson(await repo.stat(req.version, call));
        case 'mod':
          return Buffer.from(await repo.goMod(req.version, call));
        case 'zip':
          return await this.zip(repo, req.version, signal);
      }
    } catch (e) {
      signal?.throwIfAborted();
      throw e;
    }
  }

  /** viaModProxy serves a path whose go-import page names a module proxy ("mod"). */
  private async viaModProxy(base: string, path: string, req: DirectRequest, signal?: AbortSignal): Promise<Buffer> {
    const { escapePath, escapeVersion } = await import('../../core/modpath/escape');
    const p = escapePath(path);
    const rel = req.kind === 'list' ? `${p}/@v/list` : req.kind === 'latest' ? `${p}/@latest` : `${p}/@v/${escapeVersion(req.version)}.${req.kind}`;
    return getProxyFile(base, rel, signal, { env: this.opts.env, ...this.opts.request });
  }

  /**
   * zip builds the module zip of version as codeRepo.Zip does: git archive of the module's
   * directory, the root LICENSE added to a module in a subdirectory, x/mod's file rules.
   */
  private async zip(repo: CodeRepo, version: string, signal?: AbortSignal): Promise<Buffer> {
    const call = signal ? { signal } : undefined;
    const found = await repo.zipSource(version, call);
    const host = this.host((await this.root(repo.modPath, signal)) as Resolved & { kind: 'vcs' });
    try {
      const gomod = await host.readFile(found.rev, cleanJoin(found.dir, 'go.mod'), call);
      const go = goLine(gomod);
      if (go !== '' && goCompare(go, this.opts.localGo) > 0) {
        // codeRepo.Zip's gover.TooNewError: go prints it as it is, not as an error about path@version.
        throw new TooNewError(`${repo.modPath}@${version}`, go, this.opts.localGo, this.opts.toolchainExplain ?? '');
      }
    } catch (e) {
      if (!(e instanceof FileNotExistError)) throw e;
    }
    const tmp = await mkdtemp(join(tmpdir(), 'gomodx-archive-'));
    try {
      const file = join(tmp, 'archive.zip');
      try {
        await host.archiveZip(found.rev, found.dir, file, call);
      } catch (e) {
        if (e instanceof GitRunError && e.stderr.includes('did not match any files')) throw new NotExistError('file does not exist');
        throw e;
      }
      if ((await stat(file)).size > MAX_ZIP_FILE) throw new Error('downloaded zip file too large');
      const entries = readZipEntries(await readFile(file));
      const sub = found.dir === '' ? '' : found.dir.replace(/^\/+|\/+$/g, '') + '/';
      const tree: (TreeFile & { data: Uint8Array })[] = [];
      let haveLicense = false;
      for (const e of entries) {
        if (!e.name.startsWith('prefix/')) throw new Error('zip file contains more than one top-level directory');
        let name = e.name.slice('prefix/'.length);
        if (!name.startsWith(sub)) continue;
        name = name.slice(sub.length);
        if (name === '' || name.endsWith('/')) continue;
        const type = (e.mode ?? 0) & 0o170000;
        const kind = type === 0o120000 ? 'symlink' : type === 0 || type === 0o100000 ? 'file' : 'other';
        tree.push({ path: name, kind, size: e.data.length, data: e.data });
        if (name === 'LICENSE') haveLicense = true;
      }
      if (!haveLicense && sub !== '') {
        try {
          const lic = await host.readFile(found.rev, 'LICENSE', call);
          if (lic.length <= MAX_LICENSE) tree.push({ path: 'LICENSE', kind: 'file', size: lic.length, data: lic });
        } catch {
          signal?.throwIfAborted();
          // no LICENSE at the root either
        }
      }
      const valid = selectZipFiles(tree) as (TreeFile & { data: Uint8Array })[];
      return writeStoredZip(valid.map((f) => ({ name: `${repo.modPath}@${version}/${f.path}`, data: f.data })));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}

function goLine(gomod: Uint8Array): string {
  try {
    return parseModFile('go.mod', gomod, { lax: true }).go?.version ?? '';
  } catch {
    return '';
  }
}

/** infoJson is the .info a proxy serves: {"Version":...,"Time":...} with an RFC 3339 UTC time. */
function infoJson(info: { version: string; time: Date }): Buffer {
  const time = info.time.toISOString().replace(/\.000Z$/, 'Z');
  return Buffer.from(JSON.stringify({ Version: info.version, Time: time }) + '\n');
}
