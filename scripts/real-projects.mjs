// Real-world check (npm run real-projects; needs the Go module proxy, so it is not part of npm test):
// for large real modules, make a temp project from the go.mod of a recent version, let the go
// command write a complete go.sum, then compare gomodx with go byte for byte on
// `list -m all`, `list -m -json all` and `mod graph`. Exits non-zero on any difference.
//
//   node scripts/real-projects.mjs [--refresh] [--only SUBSTRING]... [--no-build]
//
// Work dir: $GOMODX_REAL_DIR or $TMPDIR/gomodx-real-projects (kept, so reruns are warm).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECTS, PROXY, WORK, GO, baseEnv, buildCli, gomodxCommand, prepareProject, run, toolchainEnv } from './lib/real-world.mjs';

const argv = process.argv.slice(2);
const refresh = argv.includes('--refresh');
const only = argv.flatMap((a, i) => (a === '--only' ? [argv[i + 1]] : []));
const noBuild = argv.includes('--no-build');

const CHECKS = [
  { name: 'list', go: ['list', '-m', 'all'], gomodx: ['list', '-m', 'all'] },
  { name: 'json', go: ['list', '-m', '-json', 'all'], gomodx: ['list', '-m', '-json', 'all'] },
  { name: 'graph', go: ['mod', 'graph'], gomodx: ['graph'] },
];

function lineCount(s) {
  return s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0);
}

function showDiff(a, b, label) {
  const r = spawnSync('diff', ['-u', '--label', `go ${label}`, '--label', `gomodx ${label}`, a, b], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const lines = (r.stdout || r.stderr || '').split('\n');
  const shown = lines.slice(0, 80).join('\n');
  return lines.length > 80 ? `${shown}\n... (${lines.length - 80} more diff lines; full outputs in ${a} and ${b})` : shown;
}

async function main() {
  mkdirSync(WORK, { recursive: true });
  process.stdout.write(`work dir ${WORK}\nproxy ${PROXY}\ngo ${GO}\n`);
  if (!noBuild) buildCli();
  const [node, gx] = gomodxCommand();
  const rows = [];
  const failures = [];
  const selected = PROJECTS.filter((p) => only.length === 0 || only.some((o) => `${p.module}@${p.version ?? ''}${p.toolchain ? '+toolchain-' + p.toolchain : ''}`.includes(o)));
  for (const p of selected) {
    process.stdout.write(`\n== ${p.module}${p.version ? '@' + p.version : ''} (${p.note})\n`);
    let prep;
    try {
      prep = await prepareProject(p.module, { version: p.version, toolchain: p.toolchain, refresh, log: (l) => process.stdout.write(l + '\n') });
    } catch (e) {
      prep = { ok: false, module: p.module, error: e.message, notes: [] };
    }
    for (const n of prep.notes ?? []) process.stdout.write(`  note: ${n}\n`);
    if (!prep.ok) {
      process.stdout.write(`  ${prep.skipped ? 'SKIPPED' : 'NOT PREPARED'}: ${prep.error.trim()}\n`);
      rows.push({ module: p.module, version: '-', size: '-', edges: '-', list: 'skip', json: 'skip', graph: 'skip' });
      continue;
    }
    process.stdout.write(`  project ${prep.dir} (${prep.module}@${prep.version})\n`);
    const env = baseEnv(toolchainEnv(p.toolchain));
    const row = { module: p.module, version: prep.version, size: 0, edges: 0 };
    for (const c of CHECKS) {
      const g = run(GO, c.go, { cwd: prep.dir, env });
      const x = run(node, [gx, ...c.gomodx], { cwd: prep.dir, env });
      if (c.name === 'list') row.size = lineCount(g.stdout);
      if (c.name === 'graph') row.edges = lineCount(g.stdout);
      const same = g.code === x.code && g.stdout === x.stdout && g.stderr === x.stderr;
      row[c.name] = same ? 'yes' : 'NO';
      process.stdout.write(`  ${c.name.padEnd(5)} go ${g.ms.toFixed(0).padStart(6)} ms  gomodx ${x.ms.toFixed(0).padStart(6)} ms  ${same ? 'same' : 'DIFFERENT'}\n`);
      if (!same) {
        const base = join(prep.dir, `mismatch-${c.name}`);
        const files = {};
        for (const [who, r] of [['go', g], ['gomodx', x]]) {
          files[who] = `${base}.${who}.stdout`;
          writeFileSync(files[who], r.stdout);
          writeFileSync(`${base}.${who}.stderr`, r.stderr);
        }
        let detail = `  exit: go ${g.code}, gomodx ${x.code}\n`;
        if (g.stderr !== x.stderr) detail += `  stderr go:     ${JSON.stringify(g.stderr.slice(0, 2000))}\n  stderr gomodx: ${JSON.stringify(x.stderr.slice(0, 2000))}\n`;
        if (g.stdout !== x.stdout) detail += showDiff(files.go, files.gomodx, `${c.go.join(' ')}`) + '\n';
        process.stdout.write(detail);
        failures.push(`${p.module} ${c.name}`);
      }
    }
    rows.push(row);
  }

  const header = ['module', 'version', 'build list', 'graph edges', 'list -m all', 'list -m -json all', 'mod graph'];
  const table = [header, ...rows.map((r) => [r.module, r.version, String(r.size), String(r.edges), r.list, r.json, r.graph])];
  const widths = header.map((_, i) => Math.max(...table.map((t) => t[i].length)));
  process.stdout.write('\n');
  table.forEach((t, i) => {
    process.stdout.write(t.map((c, j) => (j >= 2 && j <= 3 ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ') + '\n');
    if (i === 0) process.stdout.write(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  });
  const compared = rows.filter((r) => r.list !== 'skip').length;
  process.stdout.write(`\n${compared} projects compared, ${rows.length - compared} skipped, ${failures.length} mismatches\n`);
  if (failures.length > 0) {
    process.stdout.write(`MISMATCH: ${failures.join(', ')}\n`);
    process.exit(1);
  }
  if (compared === 0) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`real-projects: ${e.stack ?? e}\n`);
  process.exit(2);
});
