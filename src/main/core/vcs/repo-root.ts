/**
 * From a module path to its repository (vcs.RepoRootForImportPath): the table of well-known
 * hosts, the generic "host/path.vcs" form, GOVCS, and the rules for <meta name="go-import">
 * pages. Fetching pages and probing schemes is the adapter's job; this file only decides.
 */
import { goQuote } from '../gostrings/go-quote';
import { matchPrefixPatterns } from '../modpath/module-path';
import { hasPathPrefix } from './code-repo';

/** VCS_COMMANDS are the version control tools go knows. Only git is supported here. */
export const VCS_COMMANDS = ['hg', 'git', 'svn', 'bzr', 'fossil'] as const;

/** The schemes go tries, in order, for the generic "host/path.git" form. */
export const GIT_SCHEMES = ['git', 'https', 'http', 'git+ssh', 'ssh'] as const;

/** RepoRoot is where a module path's code lives. */
export interface RepoRoot {
  /** root is the import path of the repository's root. */
  readonly root: string;
  readonly vcs: string;
  /** repo is the repository URL with its scheme. */
  readonly repo: string;
  /** subdir is the go-import page's fourth field ("" if none). */
  readonly subdir: string;
  /** isCustom tells a go-import answer from a table answer. */
  readonly isCustom: boolean;
}

/** StaticMatch is a table answer: a repository URL, or a schemeless one to probe. */
export type StaticMatch =
  | { readonly kind: 'repo'; readonly root: string; readonly vcs: string; readonly repo: string }
  | { readonly kind: 'probe'; readonly root: string; readonly vcs: string; readonly repo: string }
  | { readonly kind: 'unknown-site' };

/** ImportPathError carries go's text for a path that cannot be mapped to a repository. */
export class ImportPathError extends Error {
  constructor(
    readonly importPath: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportPathError';
  }
}

interface VcsPath {
  readonly pathPrefix: string;
  readonly regexp: RegExp;
  /** group names in order of the regexp's capturing groups (undefined for unnamed). */
  readonly names: readonly (string | undefined)[];
  readonly vcs?: string;
  readonly repo?: string;
  readonly noVcsSuffix?: boolean;
  readonly schemeless?: boolean;
}

const VCS_PATHS: readonly VcsPath[] = [
  {
    pathPrefix: 'github.com',
    regexp: /^(github\.com\/[\w.-]+\/[\w.-]+)(\/[\w.-]+)*$/,
    names: ['root', undefined],
    vcs: 'git',
    repo: 'https://{root}',
    noVcsSuffix: true,
  },
  {
    pathPrefix: 'bitbucket.org',
    regexp: /^(bitbucket\.org\/([\w.-]+\/[\w.-]+))(\/[\w.-]+)*$/,
    names: ['root', 'bitname', undefined],
    vcs: 'git',
    repo: 'https://{root}',
    noVcsSuffix: true,
  },
  {
    pathPrefix: 'hub.jazz.net/git',
    regexp: /^(hub\.jazz\.net\/git\/[a-z0-9]+\/[\w.-]+)(\/[\w.-]+)*$/,
    names: ['root', undefined],
    vcs: 'git',
    repo: 'https://{root}',
    noVcsSuffix: true,
  },
  {
    pathPrefix: 'git.apache.org',
    regexp: /^(git\.apache\.org\/[a-z0-9_.-]+\.git)(\/[\w.-]+)*$/,
    names: ['root', undefined],
    vcs: 'git',
    repo: 'https://{root}',
  },
  {
    pathPrefix: 'git.openstack.org',
    regexp: /^(git\.openstack\.org\/[\w.-]+\/[\w.-]+)(\.git)?(\/[\w.-]+)*$/,
    names: ['root', undefined, undefined],
    vcs: 'git',
    repo: 'https://{root}',
  },
  {
    pathPrefix: 'chiselapp.com',
    regexp: /^(chiselapp\.com\/user\/[A-Za-z0-9]+\/repository\/[\w.-]+)$/,
    names: ['root'],
    vcs: 'fossil',
    repo: 'https://{root}',
  },
  {
    // The general form for any server; it must come last, and (as in go) is not anchored at the start.
    pathPrefix: '',
    regexp: /(((?:[a-z0-9.-]+\.)+[a-z0-9.-]+(?::[0-9]+)?(?:\/~?[\w.-]+)+?)\.(bzr|fossil|git|hg|svn))(\/~?[\w.-]+)*$/,
    names: ['root', 'repo', 'vcs', undefined],
    schemeless: true,
  },
];

const LAUNCHPAD = /^(launchpad\.net\/(([\w.-]+)(\/[\w.-]+)?|~[\w.-]+\/(\+junk|[\w.-]+)\/[\w.-]+))(\/[\w.-]+)*$/;

/** strHasPathPrefix is cmd/go/internal/str.HasPathPrefix: an empty prefix matches everything. */
function strHasPathPrefix(s: string, prefix: string): boolean {
  if (prefix === '') return true;
  return hasPathPrefix(s, prefix);
}

function expand(match: Record<string, string>, s: string): string {
  return s.replace(/\{(\w+)\}/g, (all, k: string) => match[k] ?? all);
}

/**
 * matchStaticPaths is repoRootFromVCSPaths up to the point where go would run a VCS: the table
 * answer for importPath, or unknown-site when only a go-import page can tell. govcsCheck is
 * called with the tool and root before anything is returned.
 */
export function matchStaticPaths(importPath: string, govcsCheck: (vcs: string, root: string) => void): StaticMatch {
  if (strHasPathPrefix(importPath, 'example.net')) throw new ImportPathError(importPath, 'no modules on example.net');
  if (importPath === 'rsc.io') throw new ImportPathError(importPath, 'rsc.io is not a module');
  for (const prefix of ['http:', 'https:']) {
    if (importPath.startsWith(prefix)) throw new ImportPathError(importPath, `${goQuote(prefix + '//')} not allowed in import path`);
  }
  for (const srv of VCS_PATHS) {
    if (!strHasPathPrefix(importPath, srv.pathPrefix)) continue;
    const m = srv.regexp.exec(importPath);
    if (!m) {
      if (srv.pathPrefix !== '') throw new ImportPathError(importPath, `invalid ${srv.pathPrefix} import path ${goQuote(importPath)}`);
      continue;
    }
    const match: Record<string, string> = { prefix: srv.pathPrefix + '/', import: importPath };
    srv.names.forEach((name, i) => {
      if (name && (match[name] ?? '') === '') match[name] = m[i + 1] ?? '';
    });
    if (srv.vcs) match.vcs = expand(match, srv.vcs);
    if (srv.repo) match.repo = expand(match, srv.repo);
    if (srv.noVcsSuffix) {
      for (const v of VCS_COMMANDS) {
        if (match.repo!.endsWith('.' + v)) throw new ImportPathError(importPath, `invalid version control suffix in ${match.prefix} path`);
      }
    }
    const vcs = match.vcs!;
    if (!(VCS_COMMANDS as readonly string[]).includes(vcs)) throw new ImportPathError(importPath, `unknown version control system ${goQuote(vcs)}`);
    govcsCheck(vcs, match.root!);
    if (srv.schemeless) return { kind: 'probe', root: match.root!, vcs, repo: match.repo! };
    return { kind: 'repo', root: match.root!, vcs, repo: match.repo! };
  }
  return { kind: 'unknown-site' };
}

/** launchpadRoot is the root go tries for launchpad.net paths after dynamic discovery failed. */
export function launchpadRoot(importPath: string): string | undefined {
  const m = LAUNCHPAD.exec(importPath);
  return m ? m[1] : undefined;
}

/** GovcsRule is one GOVCS entry, pattern:vcs|vcs. */
interface GovcsRule {
  readonly pattern: string;
  readonly allowed: readonly string[];
}

const DEFAULT_GOVCS: readonly GovcsRule[] = [
  { pattern: 'private', allowed: ['all'] },
  { pattern: 'public', allowed: ['git', 'hg'] },
];

function isRelativePattern(p: string): boolean {
  return p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../');
}

/** parseGovcs parses GOVCS (vcs.parseGOVCS) and appends go's defaults. */
export function parseGovcs(s: string): readonly GovcsRule[] {
  const text = s.trim();
  const rules: GovcsRule[] = [];
  if (text !== '') {
    const have = new Map<string, string>();
    for (const raw of text.split(',')) {
      const item = raw.trim();
      if (item === '') throw new Error('empty entry in GOVCS');
      const colon = item.indexOf(':');
      if (colon < 0) throw new Error(`malformed entry in GOVCS (missing colon): ${goQuote(item)}`);
      const pattern = item.slice(0, colon).trim();
      const list = item.slice(colon + 1).trim();
      if (pattern === '') throw new Error(`empty pattern in GOVCS: ${goQuote(item)}`);
      if (list === '') throw new Error(`empty VCS list in GOVCS: ${goQuote(item)}`);
      if (isRelativePattern(pattern)) throw new Error(`relative pattern not allowed in GOVCS: ${goQuote(pattern)}`);
      const old = have.get(pattern);
      if (old !== undefined) throw new Error(`unreachable pattern in GOVCS: ${goQuote(item)} after ${goQuote(old)}`);
      have.set(pattern, item);
      const allowed = list.split('|').map((a) => a.trim());
      if (allowed.some((a) => a === '')) throw new Error(`empty VCS name in GOVCS: ${goQuote(item)}`);
      rules.push({ pattern, allowed });
    }
  }
  return [...rules, ...DEFAULT_GOVCS];
}

/**
 * checkGovcs throws go's error when the GOVCS policy does not allow tool vcs for the repository
 * root (private when GOPRIVATE matches it).
 */
export function checkGovcs(rules: readonly GovcsRule[], goprivate: string, vcs: string, root: string): void {
  if (vcs === 'mod') return;
  const isPrivate = matchPrefixPatterns(goprivate, root);
  for (const rule of rules) {
    const match = rule.pattern === 'private' ? isPrivate : rule.pattern === 'public' ? !isPrivate : matchPrefixPatterns(rule.pattern, root);
    if (!match) continue;
    if (rule.allowed.some((a) => a === vcs || a === 'all')) return;
    break;
  }
  throw new Error(`GOVCS disallows using ${vcs} for ${isPrivate ? 'private' : 'public'} ${root}; see 'go help vcs'`);
}

/** MetaImport is one <meta name="go-import" content="prefix vcs repo [subdir]">. */
export interface MetaImport {
  readonly prefix: string;
  readonly vcs: string;
  readonly repoRoot: string;
  readonly subDir: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (all, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? all;
  });
}

function parseAttributes(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const key = m[1]!.toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? m[1]!;
    if (!attrs.has(key)) attrs.set(key, unescapeEntities(value));
  }
  return attrs;
}

/**
 * parseMetaGoImports reads the go-import meta tags of an HTML page up to the end of <head> or
 * the start of <body> (vcs.parseMetaGoImports, with encoding/xml's lenient tokenizer replaced
 * by a tag scanner). With preferMod, "mod" entries come first and hide other entries with the
 * same prefix.
 */
export function parseMetaGoImports(html: string, preferMod: boolean): MetaImport[] {
  const imports: MetaImport[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    // A tag ends at the first ">" outside quotes.
    let j = lt + 1;
    let quote = '';
    while (j < html.length) {
      const c = html[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
      j++;
    }
    const body = html.slice(lt + 1, j);
    i = j + 1;
    const tm = /^(\/?)([A-Za-z][^\s/>]*)([\s\S]*)$/.exec(body);
    if (!tm) continue;
    const closing = tm[1] === '/';
    const name = tm[2]!.toLowerCase();
    if (!closing && name === 'body') break;
    if (closing && name === 'head') break;
    if (closing || name !== 'meta') continue;
    const attrs = parseAttributes(tm[3]!);
    if (attrs.get('name') !== 'go-import') continue;
    const f = (attrs.get('content') ?? '').split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter(Boolean);
    if (f.length === 3 || f.length === 4) imports.push({ prefix: f[0]!, vcs: f[1]!, repoRoot: f[2]!, subDir: f[3] ?? '' });
  }
  const list: MetaImport[] = [];
  const have = new Set<string>();
  if (preferMod) {
    for (const m of imports) {
      if (m.vcs === 'mod') {
        have.add(m.prefix);
        list.push(m);
      }
    }
  }
  for (const m of imports) if (m.vcs !== 'mod' && !have.has(m.prefix)) list.push(m);
  return list;
}

/** ImportMismatchError: go-import tags exist, but none matches the path. */
export class ImportMismatchError extends Error {
  constructor(importPath: string, mismatches: readonly string[]) {
    super(mismatches.map((p) => `meta tag ${p} did not match import path ${importPath}`).join(', '));
    this.name = 'ImportMismatchError';
  }
}

/** matchGoImport picks the one go-import entry whose prefix is a path prefix of importPath. */
export function matchGoImport(imports: readonly MetaImport[], importPath: string): MetaImport {
  let match = -1;
  const mismatches: string[] = [];
  for (let i = 0; i < imports.length; i++) {
    const im = imports[i]!;
    if (!strHasPathPrefix(importPath, im.prefix)) {
      mismatches.push(im.prefix);
      continue;
    }
    if (match >= 0) {
      if (imports[match]!.vcs === 'mod' && im.vcs !== 'mod') break;
      throw new Error(`multiple meta tags match import path ${goQuote(importPath)}`);
    }
    match = i;
  }
  if (match < 0) throw new ImportMismatchError(importPath, mismatches);
  return imports[match]!;
}

/** sameMetaImport compares two entries field by field. */
export function sameMetaImport(a: MetaImport, b: MetaImport): boolean {
  return a.prefix === b.prefix && a.vcs === b.vcs && a.repoRoot === b.repoRoot && a.subDir === b.subDir;
}

/** validateRepoSubDir rejects a go-import subdirectory with a leading "/" or "-". */
export function validateRepoSubDir(subdir: string): void {
  if (subdir === '') return;
  if (subdir.startsWith('/')) throw new Error('leading slash');
  if (subdir.startsWith('-')) throw new Error('leading hyphen');
}

/** urlScheme returns the scheme of a URL-ish string as Go's url.Parse finds it ("" if none). */
export function urlScheme(raw: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw);
  return m ? m[1]!.toLowerCase() : '';
}

/** validateRepoRoot rejects a go-import repository without a scheme, or with file:. */
export function validateRepoRoot(repoRoot: string): void {
  if (/[\x00-\x20\x7f]/.test(repoRoot)) throw new Error('invalid character in URL');
  const scheme = urlScheme(repoRoot);
  if (scheme === '') throw new Error('no scheme');
  if (scheme === 'file') throw new Error('file scheme disallowed');
}

/**
 * importPageUrl is urlForImportPath: "https://<host><path>?go-get=1" parts for a path whose
 * first element is a host name.
 */
export function importPageUrl(importPath: string): { host: string; path: string } {
  let slash = importPath.indexOf('/');
  if (slash < 0) slash = importPath.length;
  const host = importPath.slice(0, slash);
  const path = importPath.slice(slash) || '/';
  if (!host.includes('.')) throw new Error('import path does not begin with hostname');
  return { host, path };
}
