// Direct mode's failures, compared with the go command's messages where go answers: a
// repository that is gone, a tag that moved since go.sum was written (a SECURITY ERROR), a
// repository that needs credentials (no prompt may block), GOVCS refusing git. Both tools run
// with the same GIT_CONFIG_GLOBAL; the only difference allowed is where each keeps its clones
// (go: $GOMODCACHE/cache/vcs/<hash>, gomodx: $GOMODX_CACHE/vcs/<same hash>).
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, runGo } from '../helpers/go-oracle';
import { BareRepo } from '../helpers/git-universe/git-objects';
import { gitConfigText } from '../helpers/git-universe/settle-git-universe';
import { goModSum } from '../helpers/universe/go-sum-hash';
import { loadRunCli, runGomodx, type RunCli } from './differential-harness';
import { GO_BINARY } from '../helpers/go-oracle';

const hasGit = spawnSync('git', ['--version']).status === 0;
const skip = !hasGo() || !hasGit;
if (skip) console.log('direct-mode failure tests skipped: no go or no git command');
const runCli: RunCli | undefined = skip ? undefined : await loadRunCli();

let base = '';
let server: Server | undefined;
let port = 0;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'gomodx-direct-fail-'));
  // A git server that wants credentials for everything: git must fail at once, not prompt.
  server = createServer((_req, res) => {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="private"', 'Content-Type': 'text/plain' });
    res.end('credentials required\n');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (base) await rm(base, { recursive: true, force: true });
});

interface World {
  readonly root: string;
  readonly work: string;
  readonly reposDir: string;
  env(tool: 'go' | 'gomodx', extra?: Record<string, string>): Record<string, string | undefined>;
}

async function world(name: string, goMod: string, goSum: string, extraGitConfig = ''): Promise<World> {
  const root = path.join(base, name);
  const work = path.join(root, 'work');
  const reposDir = path.join(root, 'repos');
  await mkdir(work, { recursive: true });
  await mkdir(reposDir, { recursive: true });
  await writeFile(path.join(work, 'go.mod'), goMod);
  await writeFile(path.join(work, 'go.sum'), goSum);
  await writeFile(path.join(root, 'gitconfig'), extraGitConfig + gitConfigText(reposDir));
  return {
    root,
    work,
    reposDir,
    env: (tool, extra = {}) => ({
      PATH: `${path.dirname(GO_BINARY)}:/usr/bin:/bin`,
      HOME: path.join(root, 'home'),
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOENV: 'off',
      GOPROXY: 'direct',
      GOSUMDB: 'off',
      GOPRIVATE: '',
      GONOPROXY: '',
      GONOSUMDB: '',
      GOINSECURE: '',
      GOVCS: '',
      GOWORK: 'off',
      GOPATH: path.join(root, 'gopath'),
      GOCACHE: path.join(root, 'gocache'),
      GOMODCACHE: path.join(root, `${tool}-modcache`),
      GOMODX_CACHE: path.join(root, 'gomodx-cache'),
      GOMODX_RESULT_CACHE: 'off',
      GIT_CONFIG_GLOBAL: path.join(root, 'gitconfig'),
      GIT_CONFIG_NOSYSTEM: '1',
      // go asks https://github.com/<repo> whether a failing repository exists: keep that on loopback.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '',
      ...extra,
    }),
  };
}

/** normalize hides where each tool keeps its clones (the hash is the same for both). */
function normalize(s: string, w: World): string {
  return s.split(path.join(w.root, 'go-modcache', 'cache', 'vcs')).join('<vcs>').split(path.join(w.root, 'gomodx-cache', 'vcs')).join('<vcs>');
}

async function both(w: World, args: string[], extra: Record<string, string> = {}): Promise<{ go: string; gomodx: string; goCode: number; gomodxCode: number }> {
  const go = await runGo(args, { cwd: w.work, env: w.env('go', extra), timeoutMs: 60_000 });
  const mine = await runGomodx(runCli!, args, { cwd: w.work, env: w.env('gomodx', extra), timeoutMs: 60_000 });
  return { go: normalize(go.stderr, w), gomodx: normalize(mine.stderr, w), goCode: go.code, gomodxCode: mine.code };
}

function libGoMod(version: string): string {
  return `module github.com/acme/lib\n\ngo 1.21\n// ${version}\n`;
}

describe.skipIf(skip)('direct mode failures, as go reports them', () => {
  it('a repository that is gone', async () => {
    const w = await world('gone', 'module example.com/app\n\ngo 1.21\n\nrequire github.com/acme/gone v1.0.0\n', `github.com/acme/gone v1.0.0/go.mod ${goModSum('module github.com/acme/gone\n')}\n`);
    const r = await both(w, ['list', '-m', 'all']);
    expect(r.goCode).not.toBe(0);
    expect(r.go).toContain('does not appear to be a git repository');
    expect(r.gomodx).toBe(r.go);
    expect(r.gomodxCode).not.toBe(0);
  });

  it('a tag that moved after go.sum was written: SECURITY ERROR', async () => {
    const before = libGoMod('before');
    const w = await world('moved', 'module example.com/app\n\ngo 1.21\n\nrequire github.com/acme/lib v1.0.0\n', `github.com/acme/lib v1.0.0/go.mod ${goModSum(before)}\n`);
    const repo = new BareRepo(path.join(w.reposDir, 'acme', 'lib'));
    const t = Date.UTC(2021, 0, 1) / 1000;
    const first = repo.commit(repo.tree({ 'go.mod': before, 'lib.go': 'package lib\n' }), [], t, 'one');
    const second = repo.commit(repo.tree({ 'go.mod': libGoMod('after'), 'lib.go': 'package lib\n' }), [first], t + 60, 'two');
    repo.ref('refs/heads/main', second);
    // The tag was on the first commit when go.sum was written; it now names the second.
    repo.ref('refs/tags/v1.0.0', repo.annotatedTag(second, 'v1.0.0', t + 120));
    const r = await both(w, ['list', '-m', 'all']);
    expect(r.go).toContain('SECURITY ERROR');
    expect(r.gomodx).toBe(r.go);
    expect(r.gomodxCode).not.toBe(0);
  });

  it('a repository that needs credentials fails at once, naming the module', async () => {
    const extra = `[url "http://127.0.0.1:${port}/"]\n\tinsteadOf = https://github.com/acme/private\n`;
    const w = await world('credentials', 'module example.com/app\n\ngo 1.21\n\nrequire github.com/acme/private v1.0.0\n', `github.com/acme/private v1.0.0/go.mod ${goModSum('module github.com/acme/private\n')}\n`, extra);
    const started = Date.now();
    const r = await both(w, ['list', '-m', 'all']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.gomodx).toContain('github.com/acme/private@v1.0.0');
    expect(r.gomodx).toMatch(/could not read Username|terminal prompts disabled/);
    expect(r.gomodx).toBe(r.go);
  });

  it('GOVCS refusing git', async () => {
    const w = await world('govcs', 'module example.com/app\n\ngo 1.21\n\nrequire github.com/acme/lib v1.0.0\n', `github.com/acme/lib v1.0.0/go.mod ${goModSum(libGoMod('x'))}\n`);
    const r = await both(w, ['list', '-m', 'all'], { GOVCS: 'github.com:hg' });
    expect(r.go).toContain('GOVCS disallows using git for public github.com/acme/lib');
    expect(r.gomodx).toBe(r.go);
  });

  it('the host/path.git form: scheme probing, as go does it', async () => {
    const w = await world('vcs-suffix', 'module example.com/app\n\ngo 1.21\n\nrequire example.test/team/lib.git v1.1.0\n', '', '');
    await writeFile(path.join(w.root, 'gitconfig'), `[url "file://${w.reposDir}/"]\n\tinsteadOf = https://example.test/\n`);
    const repo = new BareRepo(path.join(w.reposDir, 'team', 'lib'));
    const t = Date.UTC(2021, 0, 1) / 1000;
    const gm = 'module example.test/team/lib.git\n\ngo 1.20\n';
    const a = repo.commit(repo.tree({ 'go.mod': gm, 'lib.go': 'package lib\n' }), [], t, 'one');
    const b = repo.commit(repo.tree({ 'go.mod': gm, 'lib.go': 'package lib // 2\n' }), [a], t + 86400, 'two');
    const c = repo.commit(repo.tree({ 'go.mod': gm, 'lib.go': 'package lib // 3\n' }), [b], t + 2 * 86400, 'three');
    repo.ref('refs/tags/v1.0.0', a);
    repo.ref('refs/tags/v1.1.0', b);
    repo.ref('refs/heads/main', c);
    await writeFile(path.join(w.work, 'go.sum'), `example.test/team/lib.git v1.1.0/go.mod ${goModSum(gm)}\n`);
    for (const args of [['list', '-m', 'all'], ['list', '-m', '-versions', 'example.test/team/lib.git'], ['list', '-m', 'example.test/team/lib.git@main']]) {
      const go = await runGo(args, { cwd: w.work, env: w.env('go'), timeoutMs: 60_000 });
      const mine = await runGomodx(runCli!, args, { cwd: w.work, env: w.env('gomodx'), timeoutMs: 60_000 });
      expect(go.code, go.stderr).toBe(0);
      expect(mine.stdout + mine.stderr, args.join(' ')).toBe(go.stdout + go.stderr);
    }
  });

  it('a query for a revision that does not exist, and for a module path no table knows', async () => {
    const w = await world('queries', 'module example.com/app\n\ngo 1.21\n', '');
    const repo = new BareRepo(path.join(w.reposDir, 'acme', 'lib'));
    const c = repo.commit(repo.tree({ 'go.mod': libGoMod('x') }), [], Date.UTC(2021, 0, 1) / 1000, 'one');
    repo.ref('refs/heads/main', c);
    repo.ref('refs/tags/v1.0.0', c);
    for (const q of ['github.com/acme/lib@v1.2.3', 'github.com/acme/lib@nosuchbranch', 'github.com/acme/lib@0123456789ab', 'example.net/x@v1.0.0', 'github.com/acme@latest', 'github.com/acme/lib.git@latest']) {
      const r = await both(w, ['list', '-m', q]);
      expect(r.goCode, q).not.toBe(0);
      expect(r.gomodx.split('\n')[0], q).toBe(r.go.split('\n')[0]);
    }
  });
});
