import { describe, expect, it } from 'vitest';
import {
  checkGovcs,
  importPageUrl,
  matchGoImport,
  matchStaticPaths,
  parseGovcs,
  parseMetaGoImports,
  validateRepoRoot,
  validateRepoSubDir,
} from './repo-root';

const allowAll = (): void => undefined;

describe('matchStaticPaths (vcs.vcsPaths)', () => {
  it.each([
    ['github.com/acme/lib', 'github.com/acme/lib', 'https://github.com/acme/lib', 'git'],
    ['github.com/acme/lib/sub/v2', 'github.com/acme/lib', 'https://github.com/acme/lib', 'git'],
    ['bitbucket.org/o/r/x', 'bitbucket.org/o/r', 'https://bitbucket.org/o/r', 'git'],
    ['hub.jazz.net/git/user/proj/pkg', 'hub.jazz.net/git/user/proj', 'https://hub.jazz.net/git/user/proj', 'git'],
    ['git.apache.org/thrift.git/lib/go', 'git.apache.org/thrift.git', 'https://git.apache.org/thrift.git', 'git'],
    // As in go, the greedy name takes ".git" into the root.
    ['git.openstack.org/openstack/swift.git/x', 'git.openstack.org/openstack/swift.git', 'https://git.openstack.org/openstack/swift.git', 'git'],
    ['git.openstack.org/openstack/swift/x', 'git.openstack.org/openstack/swift', 'https://git.openstack.org/openstack/swift', 'git'],
    ['chiselapp.com/user/kyle/repository/fossilgg', 'chiselapp.com/user/kyle/repository/fossilgg', 'https://chiselapp.com/user/kyle/repository/fossilgg', 'fossil'],
  ])('%s', (path, root, repo, vcs) => {
    expect(matchStaticPaths(path, allowAll)).toEqual({ kind: 'repo', root, repo, vcs });
  });

  it('probes schemes for host/path.vcs paths, keeping the suffix in the root only', () => {
    expect(matchStaticPaths('example.test/team/repo.git/sub', allowAll)).toEqual({ kind: 'probe', root: 'example.test/team/repo.git', repo: 'example.test/team/repo', vcs: 'git' });
    expect(matchStaticPaths('example.test:8080/repo.hg', allowAll)).toMatchObject({ kind: 'probe', vcs: 'hg' });
  });

  it('leaves everything else to go-import pages', () => {
    expect(matchStaticPaths('golang.org/x/mod', allowAll)).toEqual({ kind: 'unknown-site' });
  });

  it('refuses what go refuses, in go words', () => {
    expect(() => matchStaticPaths('github.com/acme', allowAll)).toThrow('invalid github.com import path "github.com/acme"');
    expect(() => matchStaticPaths('github.com/acme/lib.git', allowAll)).toThrow('invalid version control suffix in github.com/ path');
    expect(() => matchStaticPaths('example.net/x', allowAll)).toThrow('no modules on example.net');
    expect(() => matchStaticPaths('https://github.com/a/b', allowAll)).toThrow('"https://" not allowed in import path');
  });

  it('asks GOVCS before answering', () => {
    const seen: string[] = [];
    matchStaticPaths('github.com/acme/lib/x', (vcs, root) => seen.push(`${vcs} ${root}`));
    expect(seen).toEqual(['git github.com/acme/lib']);
  });
});

describe('GOVCS', () => {
  it('defaults to public:git|hg,private:all', () => {
    const rules = parseGovcs('');
    expect(() => checkGovcs(rules, '', 'git', 'github.com/a/b')).not.toThrow();
    expect(() => checkGovcs(rules, '', 'svn', 'github.com/a/b')).toThrow("GOVCS disallows using svn for public github.com/a/b; see 'go help vcs'");
    expect(() => checkGovcs(rules, 'github.com/a', 'svn', 'github.com/a/b')).not.toThrow();
    expect(() => checkGovcs(rules, '', 'fossil', 'chiselapp.com/user/k/repository/r')).toThrow('GOVCS disallows using fossil for public');
  });

  it('takes patterns first and the defaults after', () => {
    const rules = parseGovcs('github.com:hg, private:off');
    expect(() => checkGovcs(rules, '', 'git', 'github.com/a/b')).toThrow('public github.com/a/b');
    expect(() => checkGovcs(rules, 'corp.test', 'git', 'corp.test/x')).toThrow('private corp.test/x');
    expect(() => checkGovcs(rules, '', 'git', 'gitlab.test/x')).not.toThrow();
  });

  it('rejects malformed settings with go messages', () => {
    expect(() => parseGovcs('github.com')).toThrow('malformed entry in GOVCS (missing colon): "github.com"');
    expect(() => parseGovcs('a:git,,b:hg')).toThrow('empty entry in GOVCS');
    expect(() => parseGovcs('./x:git')).toThrow('relative pattern not allowed in GOVCS: "./x"');
    expect(() => parseGovcs('a:git,a:hg')).toThrow('unreachable pattern in GOVCS: "a:hg" after "a:git"');
    expect(() => parseGovcs('a:git|')).toThrow('empty VCS name in GOVCS: "a:git|"');
  });
});

describe('go-import meta tags', () => {
  it('reads the head only, mod entries first, with the optional subdirectory', () => {
    const html = `<!DOCTYPE html><html><head>
      <meta name="go-import" content="example.test/mod git https://git.example.test/mod">
      <META NAME="go-import" CONTENT='example.test/sub git https://git.example.test/mono  tools/sub'>
      <meta name="go-import" content="example.test/mod mod https://proxy.example.test">
      <meta name="go-source" content="ignored">
      <!-- <meta name="go-import" content="example.test/c git https://c"> -->
      </head><body><meta name="go-import" content="example.test/late git https://late"></body></html>`;
    expect(parseMetaGoImports(html, true)).toEqual([
      { prefix: 'example.test/mod', vcs: 'mod', repoRoot: 'https://proxy.example.test', subDir: '' },
      { prefix: 'example.test/sub', vcs: 'git', repoRoot: 'https://git.example.test/mono', subDir: 'tools/sub' },
    ]);
    expect(parseMetaGoImports(html, false).map((m) => m.vcs)).toEqual(['git', 'git']);
  });

  it('matches exactly one prefix', () => {
    const imports = parseMetaGoImports('<meta name="go-import" content="a.test/x git https://a"><meta name="go-import" content="a.test/x/y git https://b">', true);
    expect(() => matchGoImport(imports, 'a.test/x/y/z')).toThrow('multiple meta tags match import path "a.test/x/y/z"');
    expect(() => matchGoImport(imports, 'a.test/other')).toThrow('meta tag a.test/x did not match import path a.test/other, meta tag a.test/x/y did not match import path a.test/other');
    expect(matchGoImport(imports, 'a.test/x/q').repoRoot).toBe('https://a');
  });

  it('checks repository URLs and subdirectories as go does', () => {
    expect(() => validateRepoRoot('git.example.test/repo')).toThrow('no scheme');
    expect(() => validateRepoRoot('file:///etc')).toThrow('file scheme disallowed');
    expect(() => validateRepoRoot('https://x.test/r')).not.toThrow();
    expect(() => validateRepoSubDir('/abs')).toThrow('leading slash');
    expect(() => validateRepoSubDir('-x')).toThrow('leading hyphen');
  });

  it('needs a host name', () => {
    expect(importPageUrl('example.test/a/b')).toEqual({ host: 'example.test', path: '/a/b' });
    expect(() => importPageUrl('localhost/x')).toThrow('import path does not begin with hostname');
  });
});
