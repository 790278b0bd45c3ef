// Differential suite for `gomodx get`: random go get argument lists run through the go command
// and through gomodx (in-process) in two copies of the same settled project, comparing exit
// status, stderr (go's warnings, refusals and change report; "go: downloading" lines dropped),
// the bytes of go.mod and go.sum, and `go list -m all` afterwards. Each case is also run with
// --dry-run first, which must print the same stderr and write nothing. Every other case starts
// from a go.sum stripped of its go.mod hashes, so that the ones go get adds are compared too.
//
// GOMODX_GET_COUNT universes (default 30) with GOMODX_GET_CASES cases each (default 8), seeds
// from GOMODX_GET_SEED; a failure prints the seed and case to replay alone.
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, runGo, type GoRun } from '../helpers/go-oracle';
import { generateUniverse } from '../helpers/universe/generate-universe';
import { withPackages } from '../helpers/universe/generate-packages';
import { goEnvFor, settleUniverse } from '../helpers/universe/settle-universe';
import type { Universe } from '../helpers/universe/universe-model';
import { lineDiff, loadRunCli, mapWithConcurrency, type RunCli } from './differential-harness';
import { getCases, type GetCase } from './get-arguments';
import { readOrAbsent, withoutDownloads } from '../helpers/go-output';
import { openGetProject, previewGet } from '../../src/main/services/get-modules';
import type { UpgradeFlag } from '../../src/main/core/modget/go-get';

const COUNT = Number(process.env.GOMODX_GET_COUNT ?? 30);
const CASES = Number(process.env.GOMODX_GET_CASES ?? 8);
const SEED = Number(process.env.GOMODX_GET_SEED ?? 31_337);
const KEEP = process.env.GOMODX_DIFF_KEEP === '1';

const runCli: RunCli | undefined = await loadRunCli();

/** Single-module universes only: go get never works on a workspace as a whole. */
function universes(): Universe[] {
  const out: Universe[] = [];
  for (let s = SEED; out.length < COUNT; s++) {
    const u = generateUniverse(s >>> 0);
    if (u.files['go.work'] === undefined) out.push(withPackages(u));
  }
  return out;
}

function mainPathOf(u: Universe): string {
  return /^module\s+(\S+)/m.exec(u.files['go.mod'] ?? '')?.[1] ?? '';
}

/** gomodx runs the CLI in-process like runGomodx, but gives up after two minutes. */
async function gomodx(args: string[], cwd: string, env: Record<string, string | undefined>): Promise<GoRun> {
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = await (runCli as unknown as (argv: string[], io: object) => Promise<number>)(args, {
      cwd,
      env,
      stdout: (s: string) => (stdout += s),
      stderr: (s: string) => (stderr += s),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (e) {
    code = 70;
    stderr += `gomodx threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
  }
  return { code, stdout, stderr };
}

async function stripGoModHashes(file: string): Promise<void> {
  const text = await readOrAbsent(file);
  if (text === '<absent>') return;
  await writeFile(file, text.split('\n').filter((l) => !/\/go\.mod h1:/.test(l)).join('\n'));
}

interface CaseOutcome {
  readonly c: GetCase;
  readonly problems: string[];
  readonly goOk: boolean;
  /** loops: both tools agree that go get never ends (gomodx says so, go was still running). */
  readonly loops?: boolean;
  /** panics: go crashed with an internal error, and gomodx reported the same one. */
  readonly panics?: boolean;
}

/** LOOP_MESSAGE starts gomodx's refusal where go get would loop forever. */
const LOOP_MESSAGE = 'go: gomodx: go get would not terminate here';

async function runCase(root: string, workDir: string, goEnv: Record<string, string | undefined>, c: GetCase, i: number): Promise<CaseOutcome> {
  const goDir = path.join(root, `case${i}`, 'go');
  const gxDir = path.join(root, `case${i}`, 'gomodx');
  await cp(workDir, goDir, { recursive: true });
  await cp(workDir, gxDir, { recursive: true });
  // Every other case starts from a go.sum without go.mod hashes: both tools must then add the
  // ones the new graph needs (go get keeps a hash for every go.mod it had to read).
  if (i % 2 === 1) for (const dir of [goDir, gxDir]) await stripGoModHashes(path.join(dir, 'go.sum'));
  const gxEnv = { ...goEnv, GOMODCACHE: path.join(root, 'gomodx-modcache'), GOMODX_CACHE: path.join(root, 'gomodx-cache') };
  // Both engine paths are compared with go in every case at no extra go run: the dry run takes
  // one (accelerated or GOMODX_PLAIN_GRAPH=1, forced plain), the writing run the other,
  // alternating from case to case.
  const plainFirst = Math.floor(i / 2) % 2 === 1;
  const dryEnv = plainFirst ? { ...gxEnv, GOMODX_PLAIN_GRAPH: '1' } : gxEnv;
  const writeEnv = plainFirst ? gxEnv : { ...gxEnv, GOMODX_PLAIN_GRAPH: '1' };
  const problems: string[] = [];
  const before = { mod: await readOrAbsent(path.join(gxDir, 'go.mod')), sum: await readOrAbsent(path.join(gxDir, 'go.sum')) };
  const inWork = (r: GoRun): GoRun => ({ ...r, stderr: r.stderr.split(gxDir).join('$WORK') });
  const t0 = performance.now();
  const goCwd = path.join(goDir, c.cwd ?? '.');
  const gxCwd = path.join(gxDir, c.cwd ?? '.');
  const dry = inWork(await gomodx(['get', '--dry-run', ...c.args], gxCwd, dryEnv));
  if ((await readOrAbsent(path.join(gxDir, 'go.mod'))) !== before.mod || (await readOrAbsent(path.join(gxDir, 'go.sum'))) !== before.sum) {
    problems.push('--dry-run changed go.mod or go.sum');
  }
  // go get can loop forever (upgrades and downgrades chasing a package that only some versions
  // provide); gomodx stops with an error when its state repeats. There, go must still be
  // running after a few seconds; elsewhere it must finish well within its time limit.
  const loops = dry.stderr.includes(LOOP_MESSAGE);
  const t1 = performance.now();
  const go: GoRun = await runGo(['get', ...c.args], { cwd: goCwd, env: goEnv, timeoutMs: loops ? 5_000 : 30_000 });
  const t2 = performance.now();
  const killed = go.stderr.includes('[go killed by');
  if (process.env.GOMODX_GET_TIMING) {
    console.log(`TIMING ${path.basename(root)} case${i} gomodx-dry=${(t1 - t0).toFixed(0)} go=${(t2 - t1).toFixed(0)}${killed ? ' KILLED' : ''} ${c.args.join(' ')}`);
  }
  if (loops || killed) {
    if (!killed) problems.push(`gomodx says go loops forever, but go finished (exit ${go.code}):\n${go.stderr}`);
    else if (!loops) problems.push(`go did not finish within 30 s, gomodx did (exit ${dry.code}):\n${dry.stderr}`);
    return { c, problems, goOk: false, loops: loops && killed };
  }
  const gx = inWork(await gomodx(['get', ...c.args], gxCwd, writeEnv));
  // go panics on some inputs (e.g. "internal error: missing go root module" in editRequirements);
  // gomodx must then fail with the same internal error.
  const panic = /^panic: (?:go: )?(.*)$/m.exec(go.stderr);
  if (panic && go.code === 2) {
    if (gx.code === 0 || !gx.stderr.includes(panic[1]!)) problems.push(`go panicked (${panic[1]}), gomodx did not fail the same way (exit ${gx.code}):\n${gx.stderr}`);
    return { c, problems, goOk: false, panics: true };
  }
  // Messages about local directories name the copy each tool ran in.
  const goErr = withoutDownloads(go.stderr).split(goDir).join('$WORK');
  if ((go.code === 0) !== (gx.code === 0)) problems.push(`exit status: go ${go.code}, gomodx ${gx.code}`);
  if (goErr !== gx.stderr) problems.push(`stderr differs:\n--- go\n+++ gomodx\n${lineDiff(goErr, gx.stderr)}`);
  if ((go.code === 0) === (dry.code === 0) && goErr !== dry.stderr) problems.push(`--dry-run stderr differs:\n--- go\n+++ gomodx\n${lineDiff(goErr, dry.stderr)}`);
  for (const f of ['go.mod', 'go.sum']) {
    const a = await readOrAbsent(path.join(goDir, f));
    const b = await readOrAbsent(path.join(gxDir, f));
    if (a !== b) problems.push(`${f} differs:\n--- go\n+++ gomodx\n${lineDiff(a, b)}`);
  }
  if (go.code === 0) {
    const la = await runGo(['list', '-m', 'all'], { cwd: goDir, env: goEnv });
    const lb = await runGo(['list', '-m', 'all'], { cwd: gxDir, env: goEnv });
    if (la.stdout !== lb.stdout || la.code !== lb.code) problems.push(`go list -m all afterwards differs:\n${lineDiff(la.stdout + la.stderr, lb.stdout + lb.stderr)}`);
  }
  if (problems.length > 0) problems.push(`(engine: the dry run ${plainFirst ? 'forced plain' : 'accelerated'}, the writing run ${plainFirst ? 'accelerated' : 'forced plain'})`);
  return { c, problems, goOk: go.code === 0 };
}

interface UniverseResult {
  readonly u: Universe;
  readonly root: string;
  readonly cases: CaseOutcome[];
  readonly settleNote?: string;
  /** What one preview session (the window's what-if) got wrong against go's run of each case alone. */
  readonly sessionProblems: string[];
}

/** getOptionsOf splits a case's arguments as the get command does (flags first). */
function getOptionsOf(args: readonly string[]): { args: string[]; upgrade: UpgradeFlag } {
  let upgrade: UpgradeFlag = '';
  const rest: string[] = [];
  let done = false;
  for (const a of args) {
    if (done || !a.startsWith('-')) {
      rest.push(a);
      done = true;
    } else if (a === '--') done = true;
    else if (a === '-u' || a === '-u=upgrade' || a === '-u=true') upgrade = 'upgrade';
    else if (a === '-u=patch') upgrade = 'patch';
    else if (a === '-u=false') upgrade = '';
  }
  return { args: rest, upgrade };
}

/**
 * sessionCheck previews the cases one after another in one session, as the window's what-if
 * does, and compares each preview's go.mod and go.sum with what go wrote for that case alone:
 * what earlier previews read must not leak into a later one (go adds a go.sum line only for a
 * go.mod its own command read). Cases that start from the same files share a session.
 */
async function sessionCheck(root: string, workDir: string, goEnv: Record<string, string | undefined>, cases: readonly CaseOutcome[]): Promise<string[]> {
  const problems: string[] = [];
  for (const parity of [0, 1]) {
    const dir = path.join(root, `session${parity}`);
    await cp(workDir, dir, { recursive: true });
    if (parity === 1) await stripGoModHashes(path.join(dir, 'go.sum'));
    const env = { ...goEnv, GOMODCACHE: path.join(root, 'gomodx-modcache'), GOMODX_CACHE: path.join(root, 'gomodx-cache') };
    const project = await openGetProject({ dir, env, signal: AbortSignal.timeout(300_000) }).catch(() => undefined);
    if (!project) continue;
    for (let i = parity; i < cases.length; i += 2) {
      const c = cases[i]!;
      if (!c.goOk || c.loops || c.panics || c.problems.length > 0 || c.c.cwd) continue;
      const plan = await previewGet(project, getOptionsOf(c.c.args));
      const goDir = path.join(root, `case${i}`, 'go');
      for (const [f, got] of [
        ['go.mod', plan.goModAfter],
        ['go.sum', plan.goSumAfter],
      ] as const) {
        const want = await readOrAbsent(path.join(goDir, f));
        const have = got ?? (await readOrAbsent(path.join(dir, f)));
        if (want !== have) problems.push(`case ${i} (get ${c.c.args.join(' ')}), previewed after ${Math.floor(i / 2)} others in one session: ${f} differs:\n--- go\n+++ gomodx\n${lineDiff(want, have)}`);
      }
    }
  }
  return problems;
}

describe.skipIf(!hasGo() || !runCli)('differential: gomodx get vs go get', () => {
  const list = universes();
  const results = new Map<Universe, UniverseResult>();
  let base = '';

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-get-'));
    const out = await mapWithConcurrency(list, 2, async (u) => {
      const root = path.join(base, u.name);
      const settled = await settleUniverse(u, root);
      const su = settled.universe;
      const goEnv = goEnvFor(su, settled.layout, path.join(root, 'go-modcache'));
      const cases: CaseOutcome[] = [];
      const drawn = getCases(su, mainPathOf(su), CASES, su.seed);
      for (let i = 0; i < drawn.length; i++) cases.push(await runCase(root, settled.layout.workDir, goEnv, drawn[i]!, i));
      const sessionProblems = await sessionCheck(root, settled.layout.workDir, goEnv, cases);
      const failed = cases.some((c) => c.problems.length > 0) || sessionProblems.length > 0;
      if (!failed && !KEEP) await rm(root, { recursive: true, force: true });
      return { u: su, root, cases, settleNote: settled.note, sessionProblems };
    });
    list.forEach((u, i) => results.set(u, out[i]!));
  }, 900_000);

  afterAll(async () => {
    const all = [...results.values()].flatMap((r) => r.cases);
    const kinds = new Map<string, number>();
    for (const c of all) for (const k of c.c.kinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    console.log(
      `get differential: ${results.size} universes, ${all.length} cases (${all.filter((c) => c.goOk).length} where go succeeded, ` +
        `${all.filter((c) => c.loops).length} where go loops forever, ${all.filter((c) => c.panics).length} where go panics), ` +
        `${all.filter((c) => c.problems.length > 0).length} mismatching\nkinds: ${[...kinds].sort().map(([k, n]) => `${k}=${n}`).join(' ')}`,
    );
    if (base !== '' && (await readdir(base)).length === 0) await rm(base, { recursive: true, force: true });
    else if (base !== '') console.log(`universe directories kept under ${base}`);
  });

  for (const u of list) {
    it(`${u.name}`, () => {
      const r = results.get(u);
      expect(r, 'universe did not run').toBeDefined();
      const bad = r!.cases.map((c, i) => ({ c, i })).filter(({ c }) => c.problems.length > 0);
      if (bad.length > 0) {
        throw new Error(
          bad
            .map(({ c, i }) => `case${i}: ${c.c.cwd ? `(in ${c.c.cwd}) ` : ''}go get ${c.c.args.join(' ')}  [${c.c.kinds.join(' ')}]\n${c.problems.join('\n')}`)
            .join('\n\n') +
            `\n\ndirectory kept: ${r!.root}\nreproduce: GOMODX_GET_SEED=${u.seed} GOMODX_GET_COUNT=1 npx vitest run --config test/vitest.config.ts test/differential/get.test.ts`,
        );
      }
      if (r!.sessionProblems.length > 0) {
        throw new Error(`${r!.sessionProblems.join('\n\n')}\n\ndirectory kept: ${r!.root}\nreproduce: GOMODX_GET_SEED=${u.seed} GOMODX_GET_COUNT=1 npx vitest run --config test/vitest.config.ts test/differential/get.test.ts`);
      }
    });
  }
});
