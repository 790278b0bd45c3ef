// codeRepo's rules over an in-memory code host: which tags are versions, major subdirectories
// and branches, +incompatible, pseudo-versions made and validated, retractions, go.mod lookup.
import { describe, expect, it } from 'vitest';
import { FileNotExistError, NoCommitsError, UnknownRevisionError, type CodeHost, type CodeRevInfo, type TagRef } from './code-host';
import { CodeRepo, cleanJoin, moduleLayout, statReadsTags } from './code-repo';
import { compare } from '../semver/semver';

interface FakeCommit {
  readonly hash: string;
  readonly parent?: string;
  readonly time: string;
  readonly files: Record<string, string>;
}

/** FakeHost is a linear-or-branched history held in memory. */
class FakeHost implements CodeHost {
  readonly commits = new Map<string, FakeCommit>();
  readonly refs = new Map<string, string>();

  add(c: Omit<FakeCommit, 'hash'> & { id: number }): string {
    const hash = c.id.toString(16).padStart(2, '0').repeat(20);
    this.commits.set(hash, { hash, time: c.time, files: c.files, ...(c.parent ? { parent: c.parent } : {}) });
    return hash;
  }

  async tags(prefix: string): Promise<readonly TagRef[]> {
    return [...this.refs]
      .filter(([r]) => r.startsWith('refs/tags/' + prefix))
      .map(([r, hash]) => ({ name: r.slice(10), hash }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  private resolve(rev: string): string | undefined {
    for (const k of ['refs/tags/' + rev, 'refs/heads/' + rev, rev]) if (this.refs.has(k)) return this.refs.get(k);
    const matches = [...this.commits.keys()].filter((h) => rev.length >= 7 && h.startsWith(rev));
    return matches.length === 1 ? matches[0] : undefined;
  }

  async stat(rev: string): Promise<CodeRevInfo> {
    const hash = this.resolve(rev);
    if (!hash) throw new UnknownRevisionError(rev);
    const tags = [...this.refs].filter(([r, h]) => r.startsWith('refs/tags/') && h === hash).map(([r]) => r.slice(10)).sort();
    return { name: hash, short: hash.slice(0, 12), version: tags.includes(rev) ? rev : hash, time: new Date(this.commits.get(hash)!.time), tags };
  }

  async latest(): Promise<CodeRevInfo> {
    if (!this.refs.has('HEAD')) throw new NoCommitsError();
    return this.stat(this.refs.get('HEAD')!);
  }

  async readFile(rev: string, file: string): Promise<Uint8Array> {
    const info = await this.stat(rev);
    const data = this.commits.get(info.name)!.files[file];
    if (data === undefined) throw new FileNotExistError();
    return new TextEncoder().encode(data);
  }

  private ancestors(hash: string): string[] {
    const out: string[] = [];
    for (let h: string | undefined = hash; h; h = this.commits.get(h)?.parent) out.push(h);
    return out;
  }

  async recentTag(rev: string, prefix: string, allowed: (tag: string) => boolean): Promise<string> {
    const anc = new Set(this.ancestors((await this.stat(rev)).name));
    let best = '';
    for (const { name, hash } of await this.tags(prefix)) {
      if (!anc.has(hash) || !allowed(name)) continue;
      if (best === '' || compare(name.slice(prefix.length), best.slice(prefix.length)) > 0) best = name;
    }
    return best;
  }

  async descendsFrom(rev: string, tag: string): Promise<boolean> {
    const t = this.refs.get('refs/tags/' + tag);
    return !!t && this.ancestors((await this.stat(rev)).name).includes(t);
  }
}

const ROOT = 'github.com/acme/lib';
const mod = (path: string, extra = ''): string => `module ${path}\n${extra}`;

/** history: v1.0.0 (go.mod), untagged, v1.1.0 retracting v1.0.0, untagged; a v2 branch. */
function repo(): { host: FakeHost; c: string[] } {
  const host = new FakeHost();
  const c: string[] = [];
  c.push(host.add({ id: 1, time: '2021-01-01T00:00:00Z', files: { 'go.mod': mod(ROOT) } }));
  c.push(host.add({ id: 2, parent: c[0], time: '2021-02-01T10:20:30Z', files: { 'go.mod': mod(ROOT) } }));
  c.push(host.add({ id: 3, parent: c[1], time: '2021-03-01T00:00:00Z', files: { 'go.mod': mod(ROOT, 'retract v1.0.0\n'), 'sub/go.mod': mod(ROOT + '/sub') } }));
  c.push(host.add({ id: 4, parent: c[2], time: '2021-04-01T00:00:00Z', files: { 'go.mod': mod(ROOT, 'retract v1.0.0\n'), 'sub/go.mod': mod(ROOT + '/sub') } }));
  c.push(host.add({ id: 5, parent: c[3], time: '2021-05-01T00:00:00Z', files: { 'go.mod': mod(ROOT + '/v2') } }));
  host.refs.set('refs/tags/v1.0.0', c[0]!);
  host.refs.set('refs/tags/v1.1.0', c[2]!);
  host.refs.set('refs/tags/v1.1', c[2]!);
  host.refs.set('refs/tags/sub/v0.1.0', c[2]!);
  host.refs.set('refs/tags/v2.0.0', c[4]!);
  host.refs.set('refs/tags/v0.0.0-20200101000000-abcdefabcdef', c[1]!);
  host.refs.set('refs/heads/main', c[3]!);
  host.refs.set('refs/heads/v2', c[4]!);
  host.refs.set('HEAD', c[3]!);
  return { host, c };
}

describe('moduleLayout', () => {
  it('places modules in the repository', () => {
    expect(moduleLayout(ROOT, '', ROOT + '/sub/v2')).toMatchObject({ codeDir: 'sub', pathMajor: '/v2', pseudoMajor: 'v2' });
    expect(moduleLayout(ROOT, 'tools', ROOT + '/v3')).toMatchObject({ codeDir: 'tools', pathMajor: '/v3' });
    expect(() => moduleLayout(ROOT, '', 'github.com/other/x')).toThrow('mismatched repo: found github.com/acme/lib for github.com/other/x');
    expect(cleanJoin('a/../b', 'go.mod')).toBe('b/go.mod');
  });

  it('tells which tags a stat reads for retractions and +incompatible', () => {
    const tags = ['v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v2.0.0', 'v2.1.0', 'v3.0.0', 'sub/v0.1.0'];
    expect(statReadsTags(moduleLayout(ROOT, '', ROOT), tags).sort()).toEqual(['v1.1.0', 'v1.2.0-rc.1', 'v2.1.0', 'v3.0.0']);
    expect(statReadsTags(moduleLayout(ROOT, '', ROOT + '/sub'), tags)).toEqual(['sub/v0.1.0']);
  });
});

describe('CodeRepo', () => {
  it('lists canonical tags only; a major branch is not +incompatible', async () => {
    const { host } = repo();
    expect(await new CodeRepo(host, ROOT, '', ROOT).versions('')).toEqual(['v1.0.0', 'v1.1.0']);
    expect(await new CodeRepo(host, ROOT, '', ROOT + '/v2').versions('')).toEqual(['v2.0.0']);
    expect(await new CodeRepo(host, ROOT, '', ROOT + '/sub').versions('')).toEqual(['v0.1.0']);
  });

  it('names branches and hashes with pseudo-versions from the highest non-retracted base', async () => {
    const { host, c } = repo();
    const r = new CodeRepo(host, ROOT, '', ROOT);
    expect((await r.stat('main')).version).toBe('v1.1.1-0.20210401000000-040404040404');
    expect((await r.stat(c[1]!.slice(0, 12))).version).toBe('v0.0.0-20210201102030-020202020202');
    expect((await r.stat('v1.1')).version).toBe('v1.1.0');
    expect((await r.latest()).version).toBe('v1.1.1-0.20210401000000-040404040404');
    const v2 = new CodeRepo(host, ROOT, '', ROOT + '/v2');
    expect((await v2.stat('v2')).version).toBe('v2.0.0');
  });

  it('validates requested pseudo-versions', async () => {
    const { host } = repo();
    const r = new CodeRepo(host, ROOT, '', ROOT);
    expect((await r.stat('v1.1.1-0.20210401000000-040404040404')).version).toBe('v1.1.1-0.20210401000000-040404040404');
    await expect(r.stat('v1.1.1-0.20210401000001-040404040404')).rejects.toThrow(
      'github.com/acme/lib@v1.1.1-0.20210401000001-040404040404: invalid pseudo-version: does not match version-control timestamp (expected 20210401000000)',
    );
    await expect(r.stat('v1.1.1-0.20210401000000-0404040404')).rejects.toThrow('revision is shorter than canonical (expected 040404040404)');
    await expect(r.stat('v1.2.1-0.20210401000000-040404040404')).rejects.toThrow('preceding tag (v1.2.0) not found');
    await expect(r.stat('v1.0.0-20210401000000-040404040404')).rejects.toThrow('major version without preceding tag must be v0, not v1');
    await expect(r.stat('v1.1.1-0.20210301000000-030303030303')).rejects.toThrow('tag (v1.1.0) found on revision 030303030303 is already canonical');
  });

  it('finds go.mod files and refuses mismatched paths', async () => {
    const { host } = repo();
    const r = new CodeRepo(host, ROOT, '', ROOT);
    expect(new TextDecoder().decode(await r.goMod('v1.1.0'))).toBe(mod(ROOT, 'retract v1.0.0\n'));
    await expect(r.goMod('v2.0.0+incompatible')).rejects.toThrow('go.mod has post-v2 module path "github.com/acme/lib/v2" at revision v2.0.0');
    await expect(r.goMod('v1.9.9')).rejects.toThrow('reading github.com/acme/lib/go.mod at revision v1.9.9: unknown revision v1.9.9');
    await expect(r.stat('v2.0.0')).rejects.toThrow('github.com/acme/lib@v2.0.0: invalid version: go.mod has post-v2 module path');
    const sub = new CodeRepo(host, ROOT, '', ROOT + '/sub');
    await expect(sub.goMod('v0.0.0-20210201102030-020202020202')).rejects.toThrow('missing github.com/acme/lib/sub/go.mod at revision 020202020202');
  });

  it('makes +incompatible versions from repositories without go.mod', async () => {
    const host = new FakeHost();
    const a = host.add({ id: 1, time: '2020-01-01T00:00:00Z', files: { 'lib.go': 'package lib' } });
    const b = host.add({ id: 2, parent: a, time: '2020-02-01T00:00:00Z', files: { 'lib.go': 'package lib' } });
    const c = host.add({ id: 3, parent: b, time: '2020-03-01T00:00:00Z', files: { 'lib.go': 'package lib' } });
    host.refs.set('refs/tags/v1.0.0', a);
    host.refs.set('refs/tags/v2.0.0', b);
    host.refs.set('refs/heads/main', c);
    host.refs.set('HEAD', c);
    const r = new CodeRepo(host, ROOT, '', ROOT);
    expect(await r.versions('')).toEqual(['v1.0.0', 'v2.0.0+incompatible']);
    expect((await r.stat('main')).version).toBe('v2.0.1-0.20200301000000-030303030303+incompatible');
    expect((await r.stat('v2.0.0')).version).toBe('v2.0.0+incompatible');
    expect(new TextDecoder().decode(await r.goMod('v2.0.0+incompatible'))).toBe(`module ${ROOT}\n`);
    await expect(r.stat('v1.0.0+incompatible')).rejects.toThrow('+incompatible suffix not allowed: major version v1 is compatible');
  });
});
