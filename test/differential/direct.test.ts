// Differential suite for direct mode: modules kept in real Git repositories (built by
// test/helpers/git-universe), reached by both tools through git with a private
// GIT_CONFIG_GLOBAL whose url.insteadOf maps https://github.com/ to local bare repositories.
// gomodx must print exactly what go prints for `list -m all`, `mod graph`, `list -m -versions`
// (with and without -retracted) and `list -m path@query` (branches, hashes, latest, prefixes,
// wrong pseudo-versions, missing tags), with GOPROXY=direct and, for every third universe,
// with GOPRIVATE=github.com/<owner> and the other owners' modules in a file:// proxy, and
// through GOPROXY=file://proxy,direct with one owner's modules missing from the proxy.
//
// For each universe the test also counts the git processes gomodx starts and the network round
// trips (ls-remote and fetch) per repository for the whole cold `list -m all`: at most two.
//
// GOMODX_DIRECT_COUNT (default 32) and GOMODX_DIRECT_SEED choose the universes; universe i has
// seed SEED + i, so GOMODX_DIRECT_SEED=S GOMODX_DIRECT_COUNT=1 replays one. GOMODX_DIFF_KEEP=1
// keeps the directories.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoSum } from '../../src/main/core/gosum/go-sum';
import { observeGitCalls, type GitCall } from '../../src/main/sources/git/git-runner';
import { readGoEnv } from '../../src/main/sources/go-env';
import { ProxyModuleFetcher } from '../../src/main/sources/module-fetcher';
import { ProxyModuleRepository } from '../../src/main/sources/module-repository';
import { hasGo, runGo, type GoRun } from '../helpers/go-oracle';
import { NO_GO_COMMAND } from '../helpers/go-command';
import { generateGitUniverse, type GitUniverse } from '../helpers/git-universe/generate-git-universe';
import { directEnv, setUpGitUniverse, type DirectMode, type SettledGitUniverse } from '../helpers/git-universe/settle-git-universe';
import { compareRuns, envInteger, lineDiff, loadRunCli, mapWithConcurrency, runGomodx, type RunCli, type Verdict } from './differential-harness';

const COUNT = envInteger('GOMODX_DIRECT_COUNT', 32);
const SEED = envInteger('GOMODX_DIRECT_SEED', 4_040_404);
const KEEP = process.env.GOMODX_DIFF_KEEP === '1';
const hasGit = spawnSync('git', ['--version']).status === 0;
const skipReason = !hasGo() ? NO_GO_COMMAND : !hasGit ? 'no git command' : '';
if (skipReason) console.log(`direct-mode differential suite skipped: ${skipReason}`);

const runCli: RunCli | undefined = skipReason ? undefined : await loadRunCli();

interface CommandOutcome {
  readonly args: readonly string[];
  readonly go: GoRun;
  readonly gomodx: GoRun;
  readonly verdict: Verdict;
}

interface ZipCheck {
  readonly module: string;
  readonly go: string;
  readonly gomodx: string;
}

interface Outcome {
  readonly s: SettledGitUniverse;
  /** zips compares go.sum's h1: hash of module zips made from the repositories. */
  readonly zips: readonly ZipCheck[];
  readonly results: readonly CommandOutcome[];
  /** Per repository (cache directory): git processes and network round trips of the cold list -m all. */
  readonly perRepo: ReadonlyMap<string, { processes: number; network: number }>;
  readonly processes: number;
}

const universes: { u: GitUniverse; mode: DirectMode }[] = Array.from({ length: COUNT }, (_, i) => ({
  u: generateGitUniverse((SEED + i) >>> 0),
  mode: (['direct', 'direct', 'private', 'fallback'] as const)[i % 4]!,
}));

const calls: GitCall[] = [];

async function runOne(u: GitUniverse, mode: DirectMode, root: string): Promise<Outcome> {
  const s = await setUpGitUniverse(u, root, mode);
  const goEnv = directEnv(s, { gomodcache: path.join(root, 'go-modcache'), gomodxCache: path.join(root, 'unused') });
  const results: CommandOutcome[] = [];
  const gomodxCache = path.join(root, 'gomodx-cache');
  let perRepo = new Map<string, { processes: number; network: number }>();
  let processes = 0;
  for (const [i, args] of s.commands.entries()) {
    const go = await runGo(args, { cwd: s.layout.workDir, env: goEnv, timeoutMs: 120_000 });
    // gomodx gets an empty module cache of its own: everything comes through git.
    const env = directEnv(s, { gomodcache: path.join(root, `gomodx-modcache-${i}`), gomodxCache });
    const before = calls.length;
    const gomodx = await runGomodx(runCli!, args, { cwd: s.layout.workDir, env, timeoutMs: 120_000 });
    if (i === 0) {
      const mine = calls.slice(before).filter((c) => c.dir.startsWith(gomodxCache));
      processes = mine.length;
      perRepo = new Map();
      for (const c of mine) {
        const e = perRepo.get(c.dir) ?? { processes: 0, network: 0 };
        e.processes++;
        if (c.network) e.network++;
        perRepo.set(c.dir, e);
      }
    }
    results.push({ args, go, gomodx, verdict: compareRuns(go, gomodx, 'first-line') });
  }
  // The same queries as JSON: Version, Query, Time (the commit time, as go prints it), GoVersion,
  // Retracted... must agree. Origin (not reported by gomodx yet) and the cache paths are left out.
  const strip = (text: string): string =>
    text.replace(/\n\t"(GoMod|Dir|Sum|GoModSum)": "[^"]*",?/g, '').replace(/,?\n\t"Origin": \{[^}]*\}/g, '').replace(/,\n\}/g, '\n}');
  for (const r of [...results]) {
    if (!(r.args.length === 3 && r.args[0] === 'list' && r.args[2]!.includes('@') && r.go.code === 0)) continue;
    const args = ['list', '-m', '-json', r.args[2]!];
    const go = await runGo(args, { cwd: s.layout.workDir, env: goEnv, timeoutMs: 120_000 });
    const env = directEnv(s, { gomodcache: path.join(root, 'json-modcache'), gomodxCache });
    const gx = await runGomodx(runCli!, args, { cwd: s.layout.workDir, env, timeoutMs: 120_000 });
    const a = { ...go, stdout: strip(go.stdout) };
    const b = { ...gx, stdout: strip(gx.stdout) };
    results.push({ args, go: a, gomodx: b, verdict: compareRuns(a, b, 'first-line') });
  }

  // One go get per universe (the first query go resolved), in two copies of the project: go get
  // there, gomodx get --dry-run (which must write nothing) then gomodx get here.
  const q = results.find((r) => r.args.length === 3 && r.args[2]!.includes('@') && r.go.code === 0);
  if (q) {
    const args = ['get', q.args[2]!];
    const goDir = path.join(root, 'get-go');
    const gxDir = path.join(root, 'get-gomodx');
    await cp(s.layout.workDir, goDir, { recursive: true });
    await cp(s.layout.workDir, gxDir, { recursive: true });
    const go = await runGo(args, { cwd: goDir, env: goEnv, timeoutMs: 120_000 });
    const env = directEnv(s, { gomodcache: path.join(root, 'get-modcache'), gomodxCache });
    const before = await readFile(path.join(gxDir, 'go.mod'), 'utf8');
    const dry = await runGomodx(runCli!, ['get', '--dry-run', q.args[2]!], { cwd: gxDir, env, timeoutMs: 120_000 });
    const wrote = (await readFile(path.join(gxDir, 'go.mod'), 'utf8')) !== before;
    const gx = await runGomodx(runCli!, args, { cwd: gxDir, env, timeoutMs: 120_000 });
    const goErr = go.stderr.split('\n').filter((l) => !l.startsWith('go: downloading ')).join('\n');
    const files = async (d: string): Promise<string> => `${await readFile(path.join(d, 'go.mod'), 'utf8')}--- go.sum\n${await readFile(path.join(d, 'go.sum'), 'utf8').catch(() => '')}`;
    const goOut = { code: go.code, stdout: await files(goDir), stderr: goErr };
    results.push({ args, go: goOut, gomodx: { code: gx.code, stdout: await files(gxDir), stderr: gx.stderr }, verdict: compareRuns(goOut, { code: gx.code, stdout: await files(gxDir), stderr: gx.stderr }, 'full') });
    const dryVerdict: Verdict = wrote ? { ok: false, reason: 'stdout' } : go.code === 0 && dry.stderr !== goErr ? { ok: false, reason: 'stderr' } : { ok: true };
    results.push({ args: ['get', '--dry-run', q.args[2]!], go: { ...goOut, stdout: '' }, gomodx: { ...dry, stdout: wrote ? 'wrote go.mod' : '' }, verdict: dryVerdict });
  }

  // Module zips made from the repositories must hash as go's do (go mod download -json's Sum).
  const zips: ZipCheck[] = [];
  const listed = results[0]!.go.stdout.split('\n').filter((l) => l.includes(' ')).map((l) => l.split(' ').slice(0, 2) as [string, string]);
  for (const [p, v] of listed.slice(0, 3)) {
    const module = `${p}@${v}`;
    const dl = await runGo(['mod', 'download', '-json', module], { cwd: root, env: goEnv, timeoutMs: 120_000 });
    let goSum = `go failed: ${dl.stderr}${dl.stdout}`;
    try {
      goSum = (JSON.parse(dl.stdout) as { Sum?: string; Error?: string }).Sum ?? goSum;
    } catch {
      // keep the failure text
    }
    let mine: string;
    try {
      const env = readGoEnv(directEnv(s, { gomodcache: path.join(root, 'zip-modcache'), gomodxCache }));
      const sums = new GoSum();
      const fetcher = new ProxyModuleFetcher({ env, sums });
      mine = await new ProxyModuleRepository({ fetcher, env, sums }).zipHash({ path: p, version: v });
    } catch (e) {
      mine = `gomodx failed: ${(e as Error).message}`;
    }
    zips.push({ module, go: goSum, gomodx: mine });
  }
  if (KEEP) {
    const text = results.map((r) => `$ ${r.args.join(' ')}\n[go exit ${r.go.code}]\n${r.go.stdout}${r.go.stderr}[gomodx exit ${r.gomodx.code}]\n${r.gomodx.stdout}${r.gomodx.stderr}`).join('\n');
    await writeFile(path.join(root, 'results.txt'), text);
  }
  return { s, results, perRepo, processes, zips };
}

function report(o: Outcome): string {
  const parts: string[] = [];
  for (const r of o.results) {
    if (r.verdict.ok) continue;
    const body = r.verdict.reason === 'stdout' ? lineDiff(r.go.stdout, r.gomodx.stdout) : lineDiff(r.go.stderr, r.gomodx.stderr);
    parts.push(`$ ${r.args.join(' ')}  (${r.verdict.reason} differs; go exit ${r.go.code}, gomodx exit ${r.gomodx.code})\n--- go\n+++ gomodx\n${body}`);
  }
  for (const z of o.zips) if (z.go !== z.gomodx) parts.push(`zip hash of ${z.module}: go ${z.go}, gomodx ${z.gomodx}`);
  if (parts.length === 0) return '';
  const u = o.s.built.universe;
  return [
    `universe ${u.name} (seed ${u.seed}, ${o.s.mode}, settle ${o.s.settle}): gomodx differs from go`,
    `tags: ${u.tags.join(' ')}`,
    `directory: ${o.s.layout.root}`,
    `reproduce: GOMODX_DIRECT_SEED=${u.seed} GOMODX_DIRECT_COUNT=1 GOMODX_DIFF_KEEP=1 npx vitest run --config test/vitest.config.ts test/differential/direct.test.ts`,
    ...parts,
  ].join('\n');
}

describe.skipIf(skipReason !== '')('direct mode: gomodx vs the go command over real Git repositories', () => {
  const outcomes = new Map<string, Outcome>();
  let base = '';
  let stop: () => void = () => undefined;

  beforeAll(async () => {
    stop = observeGitCalls((c) => calls.push(c));
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-direct-'));
    const started = Date.now();
    await mapWithConcurrency(universes, 2, async ({ u, mode }) => {
      const root = path.join(base, u.name);
      const o = await runOne(u, mode, root);
      outcomes.set(u.name, o);
      if (!KEEP && report(o) === '' && o.s.settle !== 'unsettled') await rm(root, { recursive: true, force: true });
    });
    const counts = [...outcomes.values()].flatMap((o) => [...o.perRepo.values()]);
    const queries = [...outcomes.values()].flatMap((o) => o.results.filter((r) => r.args.length === 3 && r.args[0] === 'list' && r.args[2]!.includes('@')));
    const gets = [...outcomes.values()].flatMap((o) => o.results.filter((r) => r.args[0] === 'get' && r.args.length === 2));
    console.log(
      `direct-mode run: ${universes.length} universes from seed ${SEED} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${[...outcomes.values()].filter((o) => o.results.every((r) => r.verdict.ok)).length} agree with go on every command; ` +
        `cold list -m all per repository: max ${Math.max(0, ...counts.map((c) => c.network))} round trips, ` +
        `max ${Math.max(0, ...counts.map((c) => c.processes))} git processes (mean ${(counts.reduce((n, c) => n + c.processes, 0) / Math.max(1, counts.length)).toFixed(1)}); ` +
        `queries answered by go: ${queries.filter((r) => r.go.code === 0).length} resolved, ${queries.filter((r) => r.go.code !== 0).length} refused; ` +
        `go get: ${gets.filter((r) => r.verdict.ok).length} of ${gets.length} agree; ` +
        `module zips hashed: ${[...outcomes.values()].flatMap((o) => o.zips).filter((z) => z.go === z.gomodx).length} of ${[...outcomes.values()].flatMap((o) => o.zips).length} equal to go's`,
    );
  }, 900_000);

  afterAll(async () => {
    stop();
    if (base !== '' && (await readdir(base)).length === 0) await rm(base, { recursive: true, force: true });
    else if (base !== '') console.log(`direct-mode universe directories kept under ${base}`);
  });

  for (const { u, mode } of universes) {
    it(`${u.name} [${mode}; ${u.tags.join(' ')}]`, () => {
      const o = outcomes.get(u.name);
      expect(o, 'universe did not run').toBeDefined();
      expect(o!.s.settle, `go could not settle the universe:\n${o!.s.note ?? ''}`).not.toBe('unsettled');
      const listAll = o!.results[0]!;
      expect(listAll.go.code, `go list -m all failed:\n${listAll.go.stderr}`).toBe(0);
      const text = report(o!);
      expect(text, text).toBe('');
      for (const [dir, c] of o!.perRepo) expect(c.network, `round trips for ${dir}`).toBeLessThanOrEqual(2);
    });
  }
});
