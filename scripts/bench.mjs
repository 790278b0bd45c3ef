// Benchmark of gomodx against the go command on the largest real project that
// scripts/real-projects.mjs prepared (npm run bench; needs the Go module proxy for the cold runs).
//
//   node scripts/bench.mjs [--project DIR] [--only abcd] [--warm-runs N] [--cold-runs N]
//                          [--in-process-runs N] [--skip-cold] [--strict]
//
// (a) warm `list -m all` wall time, (b) cold (empty caches, both fetch from the proxy),
// (c) in-process re-resolution from the in-memory summaries, (d) warm `graph` vs `go mod graph`.
// --strict exits 1 when a figure misses its target.
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { GO, ROOT, WORK, baseEnv, buildCli, gomodxCommand, loadPreparedProjects, median, percentile, prepareProject, run } from './lib/real-world.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const warmRuns = Number(opt('--warm-runs', '7'));
const coldRuns = Number(opt('--cold-runs', '3'));
const inProcessRuns = Number(opt('--in-process-runs', '50'));
const skipCold = argv.includes('--skip-cold');
// --only abcd picks figures by letter, e.g. --only b for the cold runs alone.
const only = opt('--only', 'abcd');
const strict = argv.includes('--strict');

const results = [];
function report(name, value, target, pass, command) {
  results.push({ name, value, target, pass });
  process.stdout.write(`${pass ? 'PASS' : 'MISS'}  ${name}: ${value}  (target ${target})\n      ${command}\n`);
}

function fmt(ms) {
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

function lines(s) {
  return s.split('\n').filter(Boolean).length;
}

/** pickProject returns the prepared project with the largest build list. */
async function pickProject() {
  const given = opt('--project');
  if (given) return { dir: given, size: lines(run(GO, ['list', '-m', 'all'], { cwd: given, env: baseEnv() }).stdout) };
  let prepared = loadPreparedProjects();
  if (prepared.length === 0) {
    process.stdout.write('no prepared projects; preparing github.com/hashicorp/vault (run npm run real-projects for all)\n');
    await prepareProject('github.com/hashicorp/vault', { log: (l) => process.stdout.write(l + '\n') });
    prepared = loadPreparedProjects();
  }
  let best;
  for (const p of prepared) {
    const r = run(GO, ['list', '-m', 'all'], { cwd: p.dir, env: baseEnv() });
    if (r.code !== 0) continue;
    const size = lines(r.stdout);
    if (!best || size > best.size) best = { ...p, size };
  }
  if (!best) throw new Error('no prepared project works; run npm run real-projects');
  return best;
}

/** timeBoth alternates go and gomodx runs and returns their wall times. */
function timeBoth(dir, goArgs, gxArgs, runs, envFor) {
  const [node, gx] = gomodxCommand();
  const goMs = [];
  const gxMs = [];
  for (let i = 0; i < runs; i++) {
    const env = envFor(i);
    const g = run(GO, goArgs, { cwd: dir, env: env.go });
    const x = run(node, [gx, ...gxArgs], { cwd: dir, env: env.gomodx });
    if (g.code !== 0) throw new Error(`go ${goArgs.join(' ')} failed: ${g.stderr}`);
    if (x.code !== 0) throw new Error(`gomodx ${gxArgs.join(' ')} failed: ${x.stderr}`);
    if (g.stdout !== x.stdout) throw new Error(`gomodx ${gxArgs.join(' ')} printed something else than go ${goArgs.join(' ')}`);
    goMs.push(g.ms);
    gxMs.push(x.ms);
  }
  return { go: median(goMs), gomodx: median(gxMs), goMs, gxMs };
}

function removeTree(dir) {
  // The module cache is read-only on purpose; make it writable so it can be removed.
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    chmodSync(d, 0o755);
    for (const e of entries) if (e.isDirectory()) walk(join(d, e.name));
  };
  try {
    statSync(dir);
  } catch {
    return;
  }
  walk(dir);
  rmSync(dir, { recursive: true, force: true });
}

function warmFigure(label, project, goArgs, gxArgs, gxExtraEnv = {}) {
  const warmEnv = () => ({ go: baseEnv(), gomodx: baseEnv(gxExtraEnv) });
  timeBoth(project.dir, goArgs, gxArgs, 1, warmEnv);
  const t = timeBoth(project.dir, goArgs, gxArgs, warmRuns, warmEnv);
  const ratio = t.gomodx / t.go;
  report(
    `${label} warm ratio gomodx/go`,
    `${ratio.toFixed(2)} (gomodx ${fmt(t.gomodx)}, go ${fmt(t.go)}; median of ${warmRuns})`,
    '<= 1.0',
    ratio <= 1.0,
    `cd ${project.dir} && ${Object.entries(gxExtraEnv).map(([k, v]) => `${k}=${v} `).join('')}node ${join(ROOT, 'bin', 'gomodx.js')} ${gxArgs.join(' ')}  vs  go ${goArgs.join(' ')}`,
  );
}

async function inProcessFigure(project) {
  const outfile = join(WORK, 'bench', 'in-process.cjs');
  await build({
    entryPoints: [join(ROOT, 'scripts', 'bench', 'in-process-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
  const { benchReResolve } = createRequire(import.meta.url)(outfile);
  const r = await benchReResolve(project.dir, baseEnv(), inProcessRuns);
  const med = median(r.runs);
  const p95 = percentile(r.runs, 95);
  const command = `openProject + loader.expandGraph once (${fmt(r.loadMs)}), then ${inProcessRuns}x new Requirements(...).graph(loader) + buildList() on ${r.buildListSize} modules`;
  report('(c) in-process re-resolution median', fmt(med), '< 10 ms', med < 10, command);
  report('(c) in-process re-resolution p95', fmt(p95), '< 10 ms', p95 < 10, command);
}

function coldFigure(project) {
  const base = join(WORK, 'bench-cold');
  const envFor = (i) => {
    const goCache = join(base, `go-modcache-${i}`);
    const gxModCache = join(base, `gomodx-empty-modcache-${i}`);
    const gxCache = join(base, `gomodx-cache-${i}`);
    for (const d of [goCache, gxModCache, gxCache]) {
      removeTree(d);
      mkdirSync(d, { recursive: true });
    }
    return {
      go: baseEnv({ GOMODCACHE: goCache }),
      gomodx: baseEnv({ GOMODCACHE: gxModCache, GOMODX_CACHE: gxCache }),
    };
  };
  const t = timeBoth(project.dir, ['list', '-m', 'all'], ['list', '-m', 'all'], coldRuns, envFor);
  removeTree(base);
  const ratio = t.gomodx / t.go;
  report(
    '(b) list -m all cold ratio gomodx/go',
    `${ratio.toFixed(2)} (gomodx ${fmt(t.gomodx)}, go ${fmt(t.go)}; median of ${coldRuns}; runs go ${t.goMs.map(fmt).join(', ')}; gomodx ${t.gxMs.map(fmt).join(', ')})`,
    '<= 1.0',
    ratio <= 1.0,
    `empty GOMODCACHE for go; empty GOMODCACHE and GOMODX_CACHE for gomodx; GOPROXY=${baseEnv().GOPROXY}`,
  );
}

async function main() {
  buildCli();
  const project = await pickProject();
  process.stdout.write(`project ${project.dir}: ${project.size} modules in the build list\ngo ${GO}, node ${process.version}\n`);
  // Wall times on a shared machine follow its load: say what it was.
  process.stdout.write(`load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n\n`);
  if (only.includes('a')) {
    warmFigure('(a) list -m all', project, ['list', '-m', 'all'], ['list', '-m', 'all']);
    // The same with remembered answers off: every run recomputes the build list from the
    // summary index, as a first run after a go.mod edit does.
    warmFigure('(a2) list -m all, recomputed', project, ['list', '-m', 'all'], ['list', '-m', 'all'], { GOMODX_RESULT_CACHE: 'off' });
  }
  if (only.includes('b')) {
    if (skipCold) process.stdout.write('(b) cold runs skipped (--skip-cold)\n');
    else coldFigure(project);
  }
  if (only.includes('c')) await inProcessFigure(project);
  if (only.includes('d')) {
    warmFigure('(d) graph', project, ['mod', 'graph'], ['graph']);
    warmFigure('(d2) graph, recomputed', project, ['mod', 'graph'], ['graph'], { GOMODX_RESULT_CACHE: 'off' });
  }
  process.stdout.write(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  const missed = results.filter((r) => !r.pass);
  process.stdout.write(`\n${results.length - missed.length} of ${results.length} figures meet their targets\n`);
  if (strict && missed.length > 0) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(2);
});
