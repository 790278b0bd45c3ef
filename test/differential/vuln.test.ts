// Differential suite for `gomodx vuln -json` and `gomodx vuln fix`: on random single-module
// universes served as a file:// GOPROXY, whose main package imports the root package of a random
// part of its build list (written here, then `go mod tidy`: generated packages that follow the
// requirement graph can form import cycles, which govulncheck refuses to load), with a generated OSV database in govulncheck's layout (file://
// GOVULNDB):
// - for every module govulncheck -scan module scans (the modules whose packages the code
//   imports, and stdlib), gomodx must find exactly what govulncheck finds: the same entry IDs,
//   module versions and fixed versions (gomodx also answers for every other selected module,
//   and for the toolchain, which a source scan leaves out);
// - the fix plan's go.mod and go.sum are byte for byte what `go get <plan args>` writes;
// - after `gomodx vuln fix`, govulncheck finds none of the findings the plan fixes.
//
// GOMODX_VULN_COUNT universes (default 60) from GOMODX_VULN_SEED.
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, localGoVersion, runGo, type GoRun } from '../helpers/go-oracle';
import { readOrAbsent } from '../helpers/go-output';
import { govulncheck } from '../helpers/govulncheck';
import { generateUniverse } from '../helpers/universe/generate-universe';
import { createPrng } from '../helpers/universe/prng';
import { goEnvFor, settleUniverse } from '../helpers/universe/settle-universe';
import type { Universe } from '../helpers/universe/universe-model';
import { generateOsvDb } from '../helpers/vulndb/generate-osv-db';
import { writeOsvDb } from '../helpers/vulndb/write-osv-db';
import { lineDiff, loadRunCli, mapWithConcurrency, runGomodx, type RunCli } from './differential-harness';
import { parseJsonStream } from './universe-report';

const COUNT = Number(process.env.GOMODX_VULN_COUNT ?? 60);
const SEED = Number(process.env.GOMODX_VULN_SEED ?? 16_016);
const KEEP = process.env.GOMODX_DIFF_KEEP === '1';

const runCli: RunCli | undefined = await loadRunCli();
const gvc = hasGo() ? govulncheck() : { reason: 'no go command' };

interface Message {
  config?: unknown;
  SBOM?: { modules?: { path: string; version?: string }[] };
  osv?: { id: string };
  finding?: { osv: string; fixed_version?: string; trace: { module: string; version?: string }[] };
}

interface Outcome {
  readonly problems: string[];
  readonly skipped?: string;
  readonly root: string;
  readonly compared: number;
  readonly gomodxOnly: number;
  readonly fixArgs: number;
  readonly fixedFindings: number;
  readonly unfixable: number;
  readonly collided?: number;
}

function findingKey(f: NonNullable<Message['finding']>): string {
  const fr = f.trace[0]!;
  return `${f.osv} ${fr.module}@${fr.version ?? ''} fixed:${f.fixed_version ?? ''}`;
}

function universes(): Universe[] {
  const out: Universe[] = [];
  for (let s = SEED; out.length < COUNT; s++) {
    const u = generateUniverse(s >>> 0);
    if (u.files['go.work'] === undefined && u.intent !== 'error' && u.runDir === '.') out.push(u);
  }
  return out;
}

/** checkUniverse is checkOne, with the universe's directory removed unless something differed (or GOMODX_DIFF_KEEP=1). */
async function checkUniverse(u: Universe, base: string): Promise<Outcome> {
  const out = await checkOne(u, base);
  if (out.problems.length === 0 && !KEEP) await rm(path.join(base, u.name), { recursive: true, force: true });
  return out;
}

async function checkOne(u: Universe, base: string): Promise<Outcome> {
  const root = path.join(base, u.name);
  const empty = { root, compared: 0, gomodxOnly: 0, fixArgs: 0, fixedFindings: 0, unfixable: 0 };
  const settled = await settleUniverse(u, root);
  const su = settled.universe;
  if (su.intent !== 'consistent') return { ...empty, problems: [], skipped: `universe is ${su.intent}` };
  const goEnv = { ...goEnvFor(su, settled.layout, path.join(root, 'go-modcache')), GOFLAGS: '-mod=mod' };
  const work = settled.layout.workDir;
  if (Object.keys(su.files).some((f) => /^[^/]+\.go$/.test(f))) return { ...empty, problems: [], skipped: 'the main module root has Go files' };
  // The main package: the root packages of some modules of the build list (not directory replacements).
  const listed = await runGo(['list', '-m', '-json', 'all'], { cwd: work, env: goEnv });
  if (listed.code !== 0) return { ...empty, problems: [], skipped: `go list -m -json all failed: ${listed.stderr.split('\n')[0]}` };
  const r = createPrng((su.seed ^ 0x16) >>> 0);
  const all = parseJsonStream(listed.stdout) as { Path: string; Main?: boolean; Replace?: { Path: string; Version?: string } }[];
  // govulncheck keys its modules by path: where a replacement's path is also in the build list
  // (or two modules are replaced by one path), it keeps whichever it meets first and matches the
  // other's entries against the wrong module. gomodx matches each module version the build
  // uses; such paths are left out of the comparison (and counted).
  const seenPaths = new Map<string, number>();
  for (const m of all) for (const p of new Set([m.Path, m.Replace?.Path ?? m.Path])) seenPaths.set(p, (seenPaths.get(p) ?? 0) + 1);
  const collisions = new Set([...seenPaths].filter(([, n]) => n > 1).map(([p]) => p));
  const mods = all.filter((m) => !m.Main && m.Path !== 'go' && m.Path !== 'toolchain' && (!m.Replace || m.Replace.Version));
  const imports = mods.filter(() => r.chance(0.7)).map((m) => m.Path);
  if (imports.length === 0) return { ...empty, problems: [], skipped: 'no module to import' };
  await writeFile(path.join(work, 'main.go'), `package main\n\nimport (\n${imports.map((p) => `\t_ "${p}"\n`).join('')})\n\nfunc main() {}\n`);
  const tidy = await runGo(['mod', 'tidy'], { cwd: work, env: goEnv });
  if (tidy.code !== 0) return { ...empty, problems: [], skipped: `go mod tidy failed: ${tidy.stderr.trim().split('\n').slice(-1)[0]}` };
  const mains = new Set([/^module\s+(\S+)/m.exec(su.files['go.mod'] ?? '')?.[1] ?? '']);
  const dbUrl = await writeOsvDb(path.join(root, 'vulndb'), generateOsvDb(su, su.seed, localGoVersion(), mains), '2026-11-05T00:00:00Z');
  const gxEnv = { ...goEnv, GOVULNDB: dbUrl, GOMODCACHE: path.join(root, 'gomodx-modcache'), GOMODX_CACHE: path.join(root, 'gomodx-cache') };
  const copy = async (name: string): Promise<string> => {
    const d = path.join(root, name);
    await cp(work, d, { recursive: true });
    return d;
  };
  const scanDir = await copy('scan');
  const problems: string[] = [];

  const scan = async (dir: string): Promise<{ run: GoRun; messages: Message[] }> => {
    const run = await runGo(['-C', dir, '-scan', 'module', '-db', dbUrl, '-format', 'json'], { cwd: dir, env: goEnv, binary: gvc.path!, timeoutMs: 120_000 });
    return { run, messages: run.code === 0 ? (parseJsonStream(run.stdout) as Message[]) : [] };
  };
  const goModBefore = await readOrAbsent(path.join(scanDir, 'go.mod'));
  const g = await scan(scanDir);
  if (g.run.code !== 0) return { ...empty, problems: [], skipped: `govulncheck failed: ${g.run.stderr.trim().split('\n').slice(-1)[0]}` };
  if ((await readOrAbsent(path.join(scanDir, 'go.mod'))) !== goModBefore) return { ...empty, problems: [], skipped: 'loading packages changed go.mod (an import no requirement provides)' };

  const x = await runGomodx(runCli!, ['vuln', '-json'], { cwd: settled.layout.runDir, env: gxEnv, timeoutMs: 120_000 });
  if (x.code !== 0) return { ...empty, problems: [`gomodx vuln -json failed (exit ${x.code}):\n${x.stderr}`] };
  const xm = parseJsonStream(x.stdout) as Message[];
  const scanned = new Set((g.messages.find((m) => m.SBOM)?.SBOM?.modules ?? []).map((m) => m.path));
  const goFindings = g.messages.flatMap((m) => (m.finding && !collisions.has(m.finding.trace[0]!.module) ? [findingKey(m.finding)] : [])).sort();
  const xFindings = xm.flatMap((m) => (m.finding ? [m.finding] : []));
  const xCompared = xFindings.filter((f) => scanned.has(f.trace[0]!.module) && !collisions.has(f.trace[0]!.module)).map(findingKey).sort();
  if (goFindings.join('\n') !== xCompared.join('\n')) problems.push(`findings differ on the modules govulncheck scans:\n--- govulncheck\n+++ gomodx\n${lineDiff(goFindings.join('\n') + '\n', xCompared.join('\n') + '\n')}`);
  if (!xm[0]?.config) problems.push('gomodx vuln -json does not start with a config message');
  const osvIds = new Set(xm.flatMap((m) => (m.osv ? [m.osv.id] : [])));
  for (const f of xFindings) if (!osvIds.has(f.osv)) problems.push(`finding ${f.osv} has no osv message before it`);
  // The same kinds of message as govulncheck's, and an osv message for every entry it prints.
  // (findings are compared above; here the other kinds: config, SBOM, progress, osv)
  const kinds = (ms: Message[]): string => [...new Set(ms.flatMap((m) => Object.keys(m)))].filter((k) => k !== 'finding').sort().join(' ');
  if (kinds(g.messages) !== kinds(xm)) problems.push(`message kinds differ: govulncheck ${kinds(g.messages)}, gomodx ${kinds(xm)}`);
  for (const m of g.messages) if (m.osv && !osvIds.has(m.osv.id)) problems.push(`govulncheck prints entry ${m.osv.id}, gomodx does not`);

  // The fix: its plan, go get with the plan's arguments, and govulncheck afterwards.
  const plan = await runGomodx(runCli!, ['vuln', 'fix', '-json'], { cwd: settled.layout.runDir, env: gxEnv, timeoutMs: 120_000 });
  const out: Outcome = { ...empty, problems, compared: xCompared.length, gomodxOnly: xFindings.length - xCompared.length };
  if (plan.code !== 0 || !plan.stdout.includes('"args"')) {
    if (plan.code !== 0 && !/No go get fixes these|Nothing to fix/.test(plan.stdout)) problems.push(`gomodx vuln fix -json failed (exit ${plan.code}):\n${plan.stdout}${plan.stderr}`);
    return { ...out, unfixable: (plan.stdout.match(/not fixable by go get/g) ?? []).length, collided: collisions.size };
  }
  const p = JSON.parse(plan.stdout.slice(plan.stdout.indexOf('{\n'))) as { args: string[]; steps: { kind: string; module: string; ids: string[] }[] };
  if (p.args.length === 0) return { ...out, unfixable: p.steps.length, collided: collisions.size };
  const goDir = await copy('go');
  const gxDir = await copy('gomodx');
  const rel = path.relative(work, settled.layout.runDir);
  const gg = await runGo(['get', ...p.args], { cwd: path.join(goDir, rel), env: goEnv, timeoutMs: 60_000 });
  const gx = await runGomodx(runCli!, ['vuln', 'fix'], { cwd: path.join(gxDir, rel), env: gxEnv, timeoutMs: 120_000 });
  if ((gg.code === 0) !== (gx.code === 0)) problems.push(`go get ${p.args.join(' ')}: go exit ${gg.code}, gomodx vuln fix exit ${gx.code}\n${gg.stderr}\n${gx.stdout}${gx.stderr}`);
  for (const f of ['go.mod', 'go.sum']) {
    const a = await readOrAbsent(path.join(goDir, rel, f));
    const b = await readOrAbsent(path.join(gxDir, rel, f));
    if (a !== b) problems.push(`${f} after go get ${p.args.join(' ')} differs:\n--- go\n+++ gomodx\n${lineDiff(a, b)}`);
  }
  const fixed = new Set(p.steps.filter((s) => s.kind !== 'unfixable').flatMap((s) => s.ids.map((id) => `${id} ${s.module}`)));
  const after = await scan(path.join(gxDir, rel));
  if (after.run.code !== 0) problems.push(`govulncheck after the fix failed:\n${after.run.stderr}`);
  const remaining = after.messages.flatMap((m) => (m.finding && fixed.has(`${m.finding.osv} ${m.finding.trace[0]!.module}`) ? [findingKey(m.finding)] : []));
  if (remaining.length > 0) problems.push(`after gomodx vuln fix, govulncheck still finds what the plan fixes:\n${remaining.join('\n')}`);
  return { ...out, collided: collisions.size, fixArgs: p.args.length, fixedFindings: fixed.size, unfixable: p.steps.filter((s) => s.kind === 'unfixable').length };
}

describe.skipIf(!hasGo() || !runCli || !gvc.path)('differential: gomodx vuln vs govulncheck -scan module, vuln fix vs go get', () => {
  const list = universes();
  const results = new Map<Universe, Outcome>();
  let base = '';

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-vuln-'));
    const t0 = performance.now();
    const out = await mapWithConcurrency(list, 2, (u) => checkUniverse(u, base).catch((e: Error) => ({ problems: [`threw: ${e.stack}`], root: path.join(base, u.name), compared: 0, gomodxOnly: 0, fixArgs: 0, fixedFindings: 0, unfixable: 0 })));
    list.forEach((u, i) => results.set(u, out[i]!));
    const all = [...results.values()];
    const sum = (k: 'compared' | 'gomodxOnly' | 'fixArgs' | 'fixedFindings' | 'unfixable'): number => all.reduce((n, r) => n + r[k], 0);
    console.log(
      `vuln differential: ${all.length} universes (${all.filter((r) => r.skipped).length} skipped: ${[...new Set(all.flatMap((r) => (r.skipped ? [r.skipped] : [])))].join('; ')}), ` +
        `${sum('compared')} findings compared with govulncheck, ${sum('gomodxOnly')} more on modules no package imports or toolchain, ${all.reduce((n, r) => n + (r.collided ?? 0), 0)} paths left out (replacement path collisions), ` +
        `${all.filter((r) => r.fixArgs > 0).length} fix plans (${sum('fixArgs')} go get arguments, ${sum('fixedFindings')} findings fixed, ${sum('unfixable')} modules not fixable), ` +
        `${all.filter((r) => r.problems.length > 0).length} mismatching, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  afterAll(async () => {
    if (base !== '' && (await readdir(base)).length === 0) await rm(base, { recursive: true, force: true });
    else if (base !== '') console.log(`universe directories kept under ${base}`);
  });

  it('compares something', () => {
    expect([...results.values()].reduce((n, r) => n + r.compared, 0)).toBeGreaterThan(0);
  });

  for (const u of list) {
    it(u.name, () => {
      const r = results.get(u);
      expect(r, 'universe did not run').toBeDefined();
      if (r!.problems.length > 0) {
        throw new Error(`${r!.problems.join('\n\n')}\n\ndirectory kept: ${r!.root}\nreproduce: GOMODX_VULN_SEED=${u.seed} GOMODX_VULN_COUNT=1 npx vitest run --config test/vitest.config.ts test/differential/vuln.test.ts`);
      }
    });
  }
});

// Registered only when govulncheck cannot run, so that the run says why nothing was compared.
if (hasGo() && !gvc.path) {
  describe('differential: gomodx vuln vs govulncheck', () => {
    it.skip(`skipped: ${gvc.reason ?? 'govulncheck unavailable'}`, () => {});
  });
}
