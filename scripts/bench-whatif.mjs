// Benchmark of the what-if preview (`gomodx get --dry-run`) in-process: on the largest real
// project that scripts/real-projects.mjs prepared (or --project DIR), preview `go get M@none`
// ("what would it take to remove M") for every module M of its build list, once to warm the
// caches and once timed, and report the median and p95 latency (target: p95 under 20 ms).
//
//   node scripts/bench-whatif.mjs [--project DIR] [--query none|latest|upgrade|...] [--limit N] [--strict] [--check-taint]
//
// --query latest downloads the zip of every module's latest version (go get reads packages).
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { GO, ROOT, WORK, baseEnv, loadPreparedProjects, median, percentile, prepareProject, run } from './lib/real-world.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const query = opt('--query', 'none');
const limit = Number(opt('--limit', '0'));
const strict = argv.includes('--strict');
const check = argv.includes('--check-taint');

function lines(s) {
  return s.split('\n').filter(Boolean).length;
}

/** pickProject returns the given project, or the prepared project with the largest build list. */
async function pickProject() {
  const given = opt('--project');
  if (given) return { dir: given };
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

async function main() {
  const project = await pickProject();
  const outfile = join(WORK, 'bench', 'whatif.cjs');
  await build({
    entryPoints: [join(ROOT, 'scripts', 'bench', 'whatif-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
  const { benchWhatIf } = createRequire(import.meta.url)(outfile);
  process.stdout.write(`project ${project.dir}\nnode ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  const r = await benchWhatIf(project.dir, baseEnv(), query, limit, (l) => process.stdout.write(l + '\n'), check);
  const ms = r.runs.map((x) => x.ms);
  const med = median(ms);
  const p95 = percentile(ms, 95);
  const slowest = [...r.runs].sort((a, b) => b.ms - a.ms).slice(0, 5);
  process.stdout.write(
    `build list: ${r.buildListSize} modules; previews of get M@${query}: ${r.runs.length} (${r.runs.filter((x) => x.ok).length} ok, ${r.runs.filter((x) => !x.ok).length} refused as go refuses)\n` +
      `open + first load ${r.openMs.toFixed(0)} ms; warm pass ${r.warmMs.toFixed(0)} ms\n` +
      `preview latency: median ${med.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...ms).toFixed(2)} ms\n` +
      `slowest: ${slowest.map((x) => `${x.module} ${x.ms.toFixed(1)} ms (${x.changes} changes)`).join('; ')}\n` +
      `${p95 < 20 ? 'PASS' : 'MISS'}  p95 ${p95.toFixed(2)} ms (target < 20 ms)\n` +
      `load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`,
  );
  if (strict && p95 >= 20) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`bench-whatif: ${e.stack ?? e}\n`);
  process.exit(2);
});
