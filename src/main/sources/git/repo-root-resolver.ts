/**
 * RepoRootResolver maps a module path to its repository as vcs.RepoRootForImportPath does:
 * the static table, scheme probing for "host/path.git" paths, and go-import pages, with GOVCS
 * and GOINSECURE. Only repository URLs with the schemes allowed here ever reach git.
 */
import { matchPrefixPatterns } from '../../core/modpath/module-path';
import { goQuote } from '../../core/gostrings/go-quote';
import {
  checkGovcs,
  GIT_SCHEMES,
  ImportPathError,
  importPageUrl,
  launchpadRoot,
  matchGoImport,
  matchStaticPaths,
  parseGovcs,
  parseMetaGoImports,
  sameMetaImport,
  urlScheme,
  validateRepoRoot,
  validateRepoSubDir,
  ImportMismatchError,
  type MetaImport,
  type RepoRoot,
} from '../../core/vcs/repo-root';
import type { Page, PageGetter } from './import-page';

/** Resolved is where a module path's code is: a repository, or a module proxy ("mod" entries). */
export type Resolved = ({ readonly kind: 'vcs' } & RepoRoot) | { readonly kind: 'mod'; readonly root: string; readonly proxy: string };

/** ResolverOptions are the settings the resolver reads (GOPRIVATE, GOVCS, GOINSECURE). */
export interface ResolverOptions {
  readonly goprivate: string;
  readonly govcs: string;
  readonly goinsecure: string;
  /** gitAllowProtocol is GIT_ALLOW_PROTOCOL: when set, the schemes git considers secure. */
  readonly gitAllowProtocol?: string;
  readonly getPage: PageGetter;
  /** ping checks that git can reach url (git ls-remote) for scheme probing. */
  readonly ping: (url: string, signal?: AbortSignal) => Promise<boolean>;
}

const SECURE_SCHEMES = new Set(['https', 'git+ssh', 'bzr+ssh', 'svn+ssh', 'ssh']);

/** Schemes a repository URL may have when it reaches git. http needs GOINSECURE. */
const REMOTE_SCHEMES = new Set(['https', 'ssh', 'git+ssh', 'git', 'http']);

/** RepoRootError is a failure to find a module's repository; it counts as "not found". */
export class RepoRootError extends Error {
  readonly notFound = true;
  /** lookup marks an error of modfetch.Lookup: go reports it as it is, without path@version. */
  readonly lookup = true;
  constructor(message: string) {
    super(message);
    this.name = 'RepoRootError';
  }
}

/** RepoRootResolver answers and remembers repository roots for module paths. */
export class RepoRootResolver {
  private readonly pages = new Map<string, Promise<{ url: string; imports: MetaImport[] }>>();

  constructor(private readonly opts: ResolverOptions) {}

  private isSecureScheme(scheme: string): boolean {
    if (this.opts.gitAllowProtocol) return this.opts.gitAllowProtocol.split(':').includes(scheme);
    return SECURE_SCHEMES.has(scheme);
  }

  private govcs(vcs: string, root: string): void {
    checkGovcs(parseGovcs(this.opts.govcs), this.opts.goprivate, vcs, root);
  }

  /**
   * resolve returns the repository of path. Every failure is a RepoRootError carrying go's text
   * (lookupDirect wraps them all as "not found").
   */
  async resolve(path: string, signal?: AbortSignal): Promise<Resolved> {
    const insecure = matchPrefixPatterns(this.opts.goinsecure, path);
    try {
      return await this.resolveInner(path, insecure, signal);
    } catch (e) {
      signal?.throwIfAborted();
      if (e instanceof RepoRootError) throw e;
      throw new RepoRootError((e as Error).message);
    }
  }

  private async resolveInner(path: string, insecure: boolean, signal?: AbortSignal): Promise<Resolved> {
    let found: Resolved | undefined;
    let err: Error | undefined;
    try {
      const m = matchStaticPaths(path, (vcs, root) => this.govcs(vcs, root));
      if (m.kind === 'repo') return { kind: 'vcs', root: m.root, vcs: m.vcs, repo: m.repo, subdir: '', isCustom: false };
      if (m.kind === 'probe') return { kind: 'vcs', root: m.root, vcs: m.vcs, repo: await this.probe(m.vcs, m.repo, insecure, signal), subdir: '', isCustom: false };
      try {
        found = await this.dynamic(path, insecure, signal);
      } catch (e) {
        signal?.throwIfAborted();
        err = new ImportPathError(path, `unrecognized import path ${goQuote(path)}: ${(e as Error).message}`);
      }
    } catch (e) {
      signal?.throwIfAborted();
      err = e as Error;
    }
    if (found) return found;
    // launchpad.net paths fall back to bzr after the dynamic lookup; only git is read here.
    const lp = launchpadRoot(path);
    if (lp) {
      try {
        this.govcs('bzr', lp);
        err = new Error(`${lp}: bzr repositories are not supported (only git)`);
      } catch {
        // GOVCS refuses bzr: go keeps the first error
      }
    }
    throw err!;
  }

  /** probe finds the first scheme git can reach the schemeless repository with (vcs.Ping). */
  private async probe(vcs: string, repo: string, insecure: boolean, signal?: AbortSignal): Promise<string> {
    if (vcs !== 'git') throw new Error(`${repo}: ${vcs} repositories are not supported (only git)`);
    for (const scheme of GIT_SCHEMES) {
      if (!insecure && !this.isSecureScheme(scheme)) continue;
      if (await this.opts.ping(`${scheme}://${repo}`, signal)) return `${scheme}://${repo}`;
    }
    throw new Error(`no ${insecure ? '' : 'secure '}protocol found for repository`);
  }

  /** get is web.Get: https first; plain http only when GOINSECURE allows it. */
  private async get(importPath: string, insecure: boolean, signal?: AbortSignal): Promise<Page> {
    const { host, path } = importPageUrl(importPath);
    const tail = `//${host}${encodeURI(path)}?go-get=1`;
    try {
      return await this.opts.getPage(new URL('https:' + tail), { insecure, ...(signal ? { signal } : {}) });
    } catch (e) {
      signal?.throwIfAborted();
      if (!insecure) throw e;
    }
    return this.opts.getPage(new URL('http:' + tail), { insecure, ...(signal ? { signal } : {}) });
  }

  /** pageError is Response.Err: "reading <url>: <status>", with a short text/plain body. */
  private pageError(page: Page): Error | undefined {
    if (page.status === 200) return undefined;
    const status = `${page.status} ${page.statusText}`.trim();
    const e = new Error(`reading ${page.url}: ${status}`) as Error & { notFound?: boolean };
    if (/^text\/plain\b/i.test(page.contentType)) {
      const detail = page.body.toString('utf8').slice(0, 8 * 81).split('\n').slice(0, 8).join('\n').trim();
      if (detail !== '' && /^[\P{C}\n\t]*$/u.test(detail)) {
        e.message = `reading ${page.url}: ${status}\n\tserver response:${detail.includes('\n') ? '\n\t' : ' '}${detail.split('\n').join('\n\t')}`;
      }
    }
    if (page.status === 404 || page.status === 410) e.notFound = true;
    return e;
  }

  private imports(page: Page, preferMod: boolean): MetaImport[] {
    return parseMetaGoImports(page.body.toString('utf8'), preferMod);
  }

  /** dynamic is repoRootForImportDynamic: the go-import page of the path, checked at its prefix. */
  private async dynamic(importPath: string, insecure: boolean, signal?: AbortSignal): Promise<Resolved> {
    let page: Page;
    try {
      page = await this.get(importPath, insecure, signal);
    } catch (e) {
      signal?.throwIfAborted();
      throw new Error(`${insecure ? 'http/' : ''}https fetch: ${(e as Error).message}`);
    }
    const imports = this.imports(page, true);
    if (imports.length === 0) {
      const pe = this.pageError(page);
      if (pe) throw pe;
      if (page.truncated) throw new Error(`parsing ${importPath}: page larger than ${page.body.length} bytes without a complete <head>`);
    }
    let mmi: MetaImport;
    try {
      mmi = matchGoImport(imports, importPath);
    } catch (e) {
      if (e instanceof ImportMismatchError) throw new Error(`parse ${page.url}: no go-import meta tags (${e.message})`);
      throw new Error(`parse ${page.url}: ${(e as Error).message}`);
    }
    if (mmi.prefix !== importPath) {
      // Trust a prefix's claim only if the prefix's own page agrees (another site could lie).
      const other = await this.prefixImports(mmi.prefix, insecure, signal);
      let again: MetaImport | undefined;
      try {
        again = matchGoImport(other.imports, importPath);
      } catch {
        again = undefined;
      }
      if (!again || !sameMetaImport(mmi, again)) throw new Error(`${page.url} and ${other.url} disagree about go-import for ${mmi.prefix}`);
    }
    try {
      validateRepoSubDir(mmi.subDir);
    } catch (e) {
      throw new Error(`${page.url}: invalid subdirectory ${goQuote(mmi.subDir)}: ${(e as Error).message}`);
    }
    try {
      validateRepoRoot(mmi.repoRoot);
    } catch (e) {
      throw new Error(`${page.url}: invalid repo root ${goQuote(mmi.repoRoot)}: ${(e as Error).message}`);
    }
    if (mmi.vcs === 'mod') {
      const scheme = urlScheme(mmi.repoRoot);
      if (scheme !== 'https' && !(scheme === 'http' && insecure)) throw new Error(`${page.url}: invalid module proxy ${goQuote(mmi.repoRoot)}: scheme ${goQuote(scheme)} not allowed`);
      return { kind: 'mod', root: mmi.prefix, proxy: mmi.repoRoot };
    }
    if (!['hg', 'git', 'svn', 'bzr', 'fossil'].includes(mmi.vcs)) throw new Error(`${page.url}: unknown vcs ${goQuote(mmi.vcs)}`);
    this.govcs(mmi.vcs, mmi.prefix);
    if (mmi.vcs !== 'git') throw new Error(`${mmi.prefix}: ${mmi.vcs} repositories are not supported (only git)`);
    const scheme = urlScheme(mmi.repoRoot);
    if (!REMOTE_SCHEMES.has(scheme) || (scheme === 'http' && !insecure)) {
      throw new Error(`${page.url}: invalid repo root ${goQuote(mmi.repoRoot)}: scheme ${goQuote(scheme)} not allowed${scheme === 'http' ? ' (GOINSECURE does not match)' : ''}`);
    }
    return { kind: 'vcs', root: mmi.prefix, vcs: 'git', repo: mmi.repoRoot, subdir: mmi.subDir, isCustom: true };
  }

  /** prefixImports is metaImportsForPrefix: the go-import entries of a prefix's own page, cached. */
  private prefixImports(prefix: string, insecure: boolean, signal?: AbortSignal): Promise<{ url: string; imports: MetaImport[] }> {
    let p = this.pages.get(prefix);
    if (!p) {
      p = (async () => {
        let page: Page;
        try {
          page = await this.get(prefix, insecure, signal);
        } catch (e) {
          throw new Error(`fetching ${prefix}: ${(e as Error).message}`);
        }
        const imports = this.imports(page, true);
        if (imports.length === 0) {
          const pe = this.pageError(page);
          if (pe) throw pe;
          throw new Error(`fetching ${prefix}: no go-import meta tag found in ${page.url}`);
        }
        return { url: page.url, imports };
      })();
      this.pages.set(prefix, p);
    }
    return p;
  }
}
