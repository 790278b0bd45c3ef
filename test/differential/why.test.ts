// Differential suite for `gomodx why -m -json` (and `list -m -u/-versions`): on random
// universes (workspaces included),
// every answer is checked against what `go mod graph` prints and `go list -m all` selects:
// Requirers are exactly the printed edges into the module; every Reason asks for exactly the
// selected version through a printed edge; every Chain starts at a main module and walks
// printed edges to its requirer; the selected version is go's. `go list -m -u all`,
// `-versions [-retracted]`, `-u -json` and `path@latest` on the same universes must print
// exactly what go prints.
//
// GOMODX_WHY_COUNT universes (default 40) from GOMODX_WHY_SEED.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, runGo } from '../helpers/go-oracle';
import { generateUniverse } from '../helpers/universe/generate-universe';
import { goEnvFor, settleUniverse } from '../helpers/universe/settle-universe';
import type { Universe } from '../helpers/universe/universe-model';
import { loadRunCli, mapWithConcurrency, runGomodx, type RunCli } from './differential-harness';
import { parseJsonStream } from './universe-report';

const COUNT = Number(process.env.GOMODX_WHY_COUNT ?? 40);
const SEED = Number(process.env.GOMODX_WHY_SEED ?? 777);
const KEEP = process.env.GOMODX_DIFF_KEEP === '1';

const runCli: RunCli | undefined = await loadRunCli();

interface WhyJson {
  Path: string;
  Version: string;
  Reasons: { Requirer: string; Requires: string; Chain: string[] }[];
  Requirers: { Requirer: string; Requires: string }[];
  Unselected: { Version: string; Reason: string }[];
  Replace: unknown;
}

interface Checked {
  readonly problems: string[];
  readonly modules: number;
  readonly edges: number;
  readonly skipped?: string;
  readonly root: string;
  readonly listed?: number;
}

function splitNode(n: string): { path: string; version: string } {
  const at = n.indexOf('@');
  return at < 0 ? { path: n, version: '' } : { path: n.slice(0, at), version: n.slice(at + 1) };
}

async function checkUniverse(u: Universe, base: string): Promise<Checked> {
  const root = path.join(base, u.name);
  const settled = await settleUniverse(u, root);
  const su = settled.universe;
  const env = goEnvFor(su, settled.layout, path.join(root, 'go-modcache'));
  const cwd = settled.layout.runDir;
  const graph = await runGo(['mod', 'graph'], { cwd, env });
  if (graph.code !== 0) return { problems: [], modules: 0, edges: 0, skipped: `go mod graph failed: ${graph.stderr.split('\n')[0]}`, root };
  const list = await runGo(['list', '-m', 'all'], { cwd, env });

  const edges = graph.stdout.split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]);
  const edgeSet = new Set(edges.map(([a, b]) => `${a} ${b}`));
  const mains = new Set(edges.map(([a]) => a).filter((a) => !a.includes('@')));
  const paths = new Set<string>();
  for (const [a, b] of edges) {
    paths.add(splitNode(a).path);
    paths.add(splitNode(b).path);
  }
  const selected = new Map<string, string>();
  if (list.code === 0) {
    for (const line of list.stdout.split('\n').filter(Boolean)) {
      const f = line.split(' ');
      selected.set(f[0]!, f.length > 1 ? f[1]! : '');
    }
  }
  const absent = ['example.com/not-in-any-graph', 'golang.test/absent/v2'];
  const asked = [...paths, ...absent];
  const gx = await runGomodx(runCli!, ['why', '-m', '-json', ...asked], { cwd, env: { ...env, GOMODCACHE: path.join(root, 'gomodx-modcache'), GOMODX_CACHE: path.join(root, 'gomodx-cache') } });
  const problems: string[] = [];
  let listed = 0;
  if (gx.code !== 0) {
    problems.push(`gomodx why failed (exit ${gx.code}):\n${gx.stderr}`);
    return { problems, modules: 0, edges: edges.length, root };
  }
  const answers = parseJsonStream(gx.stdout) as WhyJson[];
  if (answers.length !== asked.length) problems.push(`asked ${asked.length} modules, got ${answers.length} answers`);
  for (const a of answers) {
    const p = a.Path;
    const into = edges.filter(([, b]) => splitNode(b).path === p).map(([x, b]) => `${x} ${splitNode(b).version}`).sort();
    const got = a.Requirers.map((r) => `${r.Requirer} ${r.Requires}`).sort();
    if (into.join('\n') !== got.join('\n')) problems.push(`${p}: Requirers differ from the edges go mod graph prints into it:\n  go:     ${into.join(', ')}\n  gomodx: ${got.join(', ')}`);
    if (mains.has(p)) {
      if (a.Version !== '') problems.push(`${p}: a main module is selected as itself, got Version ${JSON.stringify(a.Version)}`);
    } else if (absent.includes(p)) {
      if (a.Version !== 'none' || a.Reasons.length > 0) problems.push(`${p}: absent module answered as present (${a.Version})`);
    } else {
      if (selected.size > 0 && p !== 'go' && p !== 'toolchain' && selected.get(p) !== a.Version) {
        problems.push(`${p}: Version ${a.Version}, go list -m all selects ${selected.get(p) ?? '(absent)'}`);
      }
      // In a workspace, go.work's go and toolchain lines are roots of the graph: no edge asks for them.
      const workspaceRoot = su.files['go.work'] !== undefined && (p === 'go' || p === 'toolchain');
      if (a.Reasons.length === 0 && !workspaceRoot) problems.push(`${p}: selected ${a.Version} but no Reason asks for it`);
    }
    for (const r of a.Reasons) {
      if (r.Requires !== a.Version) problems.push(`${p}: Reason ${r.Requirer} asks for ${r.Requires}, not the selected ${a.Version}`);
      if (!edgeSet.has(`${r.Requirer} ${p}@${r.Requires}`)) problems.push(`${p}: Reason edge ${r.Requirer} -> ${p}@${r.Requires} is not printed by go mod graph`);
      const c = r.Chain;
      if (c.length === 0 || c[c.length - 1] !== r.Requirer) problems.push(`${p}: Chain ${c.join(' -> ')} does not end at ${r.Requirer}`);
      const start = c[0] ?? '';
      // In a workspace, the go and toolchain roots are reached from no main module.
      const rootOk = mains.has(start) || (mains.size > 1 && /^(go|toolchain)@/.test(start)) || (su.files['go.work'] !== undefined && /^(go|toolchain)@/.test(start));
      if (!rootOk) problems.push(`${p}: Chain ${c.join(' -> ')} does not start at a main module`);
      for (let i = 0; i + 1 < c.length; i++) {
        if (!edgeSet.has(`${c[i]} ${c[i + 1]}`)) problems.push(`${p}: Chain step ${c[i]} -> ${c[i + 1]} is not printed by go mod graph`);
      }
    }
  }
  // go list -m with the query flags, on the same universe: byte for byte.
  const some = [...paths].filter((x) => !mains.has(x) && x !== 'go' && x !== 'toolchain').slice(0, 4);
  const listCommands: string[][] = [
    ['list', '-m', '-u', 'all'],
    ['list', '-m', '-versions', ...some, 'example.com/not-in-any-graph'],
    ['list', '-m', '-versions', '-retracted', ...some],
    ['list', '-m', '-u', '-json', ...some],
    ...some.slice(0, 2).map((x) => ['list', '-m', `${x}@latest`]),
  ];
  for (const args of listCommands) {
    const g = await runGo(args, { cwd, env });
    // The module cache go has just filled, so that -json's GoMod paths can agree.
    const x = await runGomodx(runCli!, args, { cwd, env: { ...env, GOMODX_CACHE: path.join(root, 'gomodx-cache') } });
    const gErr = g.stderr.split('\n').filter((l) => !l.startsWith('go: downloading')).join('\n');
    if ((g.code === 0) !== (x.code === 0) || g.stdout !== x.stdout || (g.code !== 0 && gErr !== x.stderr)) {
      problems.push(`go ${args.join(' ')} differs (go exit ${g.code}, gomodx exit ${x.code}):\n--- go\n${g.stdout}${gErr}\n+++ gomodx\n${x.stdout}${x.stderr}`);
    }
  }
  listed += listCommands.length;

  // The text form must work on the same modules.
  const text = await runGomodx(runCli!, ['why', '-m', ...[...paths].slice(0, 5)], { cwd, env: { ...env, GOMODCACHE: path.join(root, 'gomodx-modcache'), GOMODX_CACHE: path.join(root, 'gomodx-cache') } });
  if (text.code !== 0) problems.push(`gomodx why (text) failed: ${text.stderr}`);
  if (problems.length === 0 && !KEEP) await rm(root, { recursive: true, force: true });
  return { problems, modules: answers.length, edges: edges.length, root, listed };
}

describe.skipIf(!hasGo() || !runCli)('differential: gomodx why -m -json vs go mod graph', () => {
  const list = Array.from({ length: COUNT }, (_, i) => generateUniverse((SEED + i) >>> 0));
  const results = new Map<Universe, Checked>();
  let base = '';

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-why-'));
    const out = await mapWithConcurrency(list, 2, (u) => checkUniverse(u, base));
    list.forEach((u, i) => results.set(u, out[i]!));
  }, 600_000);

  afterAll(async () => {
    const all = [...results.values()];
    console.log(
      `why differential: ${all.length} universes, ${all.reduce((n, c) => n + c.modules, 0)} answers over ${all.reduce((n, c) => n + c.edges, 0)} printed edges, ` +
        `${all.reduce((n, c) => n + (c.listed ?? 0), 0)} go list -m query commands compared, ${all.filter((c) => c.skipped).length} skipped (go mod graph failed)`,
    );
    if (base !== '' && (await readdir(base)).length === 0) await rm(base, { recursive: true, force: true });
    else if (base !== '') console.log(`universe directories kept under ${base}`);
  });

  for (const u of list) {
    it(`${u.name}${u.files['go.work'] !== undefined ? ' [workspace]' : ''}`, () => {
      const r = results.get(u);
      expect(r, 'universe did not run').toBeDefined();
      if (r!.problems.length > 0) {
        throw new Error(`${r!.problems.join('\n')}\ndirectory kept: ${r!.root}\nreproduce: GOMODX_WHY_SEED=${u.seed} GOMODX_WHY_COUNT=1 npx vitest run --config test/vitest.config.ts test/differential/why.test.ts`);
      }
    });
  }
});
