// Real pre-module projects through the real Go module proxy (outside npm test): for each, the
// release's lock file (and its root .go files, for import comments) is copied into an empty
// folder, then `go mod init` of Go 1.21.13 (the last go that converted) and `gomodx mod init`
// run side by side. Compared: go.mod without its go line, the set of `go: converting` lines,
// the other stderr lines, the exit status. Prints a table and the differences.
//   node scripts/legacy-real.mjs [--only dep,etcd] [--keep]
// Needs go1.21.13 (GOTOOLCHAIN=go1.21.13 go version fetches it) and the network to the proxy.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GO, WORK, baseEnv, buildCli, gomodxCommand, run } from './lib/real-world.mjs';

/** Releases that carry a lock file, served by proxy.golang.org (checked 2026-12-07). */
const LEGACY = [
  { name: 'dep', module: 'github.com/golang/dep', version: 'v0.5.4', file: 'Gopkg.lock' },
  { name: 'cockroach', module: 'github.com/cockroachdb/cockroach', version: 'v2.0.0+incompatible', file: 'Gopkg.lock' },
  { name: 'mattermost', module: 'github.com/mattermost/mattermost-server', version: 'v5.0.0+incompatible', file: 'Gopkg.lock' },
  { name: 'etcd', module: 'github.com/coreos/etcd', version: 'v3.3.10+incompatible', file: 'glide.lock' },
  { name: 'distribution', module: 'github.com/docker/distribution', version: 'v2.6.2+incompatible', file: 'Godeps/Godeps.json' },
  { name: 'prometheus', module: 'github.com/prometheus/prometheus', version: 'v2.3.0+incompatible', file: 'vendor/vendor.json' },
  { name: 'consul', module: 'github.com/hashicorp/consul', version: 'v1.2.0', file: 'vendor/vendor.json' },
  { name: 'terraform', module: 'github.com/hashicorp/terraform', version: 'v0.11.0', file: 'vendor/vendor.json' },
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const keep = args.includes('--keep');

function go121() {
  const env = baseEnv();
  const bin = join(env.GOMODCACHE, 'golang.org', 'toolchain@v0.0.1-go1.21.13.linux-amd64', 'bin', 'go');
  if (existsSync(bin)) return bin;
  const home = join(process.env.HOME ?? '/root', 'go', 'pkg', 'mod', 'golang.org', 'toolchain@v0.0.1-go1.21.13.linux-amd64', 'bin', 'go');
  if (existsSync(home)) return home;
  const r = run(GO, ['version'], { cwd: WORK, env: { ...env, GOTOOLCHAIN: 'go1.21.13', GOSUMDB: 'sum.golang.org' } });
  if (r.code !== 0 || !existsSync(bin)) throw new Error(`cannot fetch go1.21.13: ${r.stderr}`);
  return bin;
}

function sourceDir(p) {
  const env = baseEnv();
  const r = run(GO, ['mod', 'download', '-json', `${p.module}@${p.version}`], { cwd: WORK, env });
  const info = JSON.parse(r.stdout || '{}');
  if (!info.Dir) throw new Error(`${p.module}@${p.version}: ${info.Error ?? r.stderr}`);
  return info.Dir;
}

/** stage makes a folder holding the lock file and the root .go files (their import comments name the module). */
function stage(p, src, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(dir, p.file, '..'), { recursive: true });
  cpSync(join(src, p.file), join(dir, p.file));
  for (const f of readdirSync(src)) if (f.endsWith('.go')) cpSync(join(src, f), join(dir, f));
}

function split(stderr) {
  // A message's own continuation lines (a tab first: "\tserver response: …") stay with it.
  const lines = [];
  for (const l of stderr.split('\n')) {
    if (l === '') continue;
    if (l.startsWith('\t') && lines.length > 0) lines[lines.length - 1] += '\n' + l;
    else lines.push(l);
  }
  const converting = lines.filter((l) => l.startsWith('go: converting ')).sort();
  const other = lines.filter((l) => !l.startsWith('go: converting ') && !l.startsWith('go: downloading ') && !l.startsWith('go: finding '));
  return { converting, other };
}

const withoutGoLine = (s) => s.replace(/^go \d+\.\d+(\.\d+)?\n\n?/m, '');

mkdirSync(WORK, { recursive: true });
buildCli();
const goBin = go121();
const [node, cli] = gomodxCommand();
const rows = [];
let bad = 0;
for (const p of LEGACY) {
  if (only && !only.includes(p.name)) continue;
  let src;
  try {
    src = sourceDir(p);
  } catch (e) {
    rows.push({ name: p.name, note: `not served: ${e.message.split('\n')[0]}` });
    continue;
  }
  const base = join(WORK, 'legacy', p.name);
  const goDir = join(base, 'go');
  const gxDir = join(base, 'gomodx');
  stage(p, src, goDir);
  stage(p, src, gxDir);
  // go 1.21 resolves through the proxy as any go does; GOFLAGS=-mod=mod keeps it from refusing a stale vendor dir.
  const env = baseEnv({ GOFLAGS: '-mod=mod', GO111MODULE: 'on' });
  const g = run(goBin, ['mod', 'init', p.module], { cwd: goDir, env, timeoutMs: 1_800_000 });
  const x = run(node, [cli, 'mod', 'init', p.module], { cwd: gxDir, env, timeoutMs: 1_800_000 });
  const gm = existsSync(join(goDir, 'go.mod')) ? readFileSync(join(goDir, 'go.mod'), 'utf8') : '';
  const xm = existsSync(join(gxDir, 'go.mod')) ? readFileSync(join(gxDir, 'go.mod'), 'utf8') : '';
  const gs = split(g.stderr);
  const xs = split(x.stderr);
  const sameMod = withoutGoLine(gm) === withoutGoLine(xm);
  const sameConv = JSON.stringify(gs.converting) === JSON.stringify(xs.converting);
  const sameOther = JSON.stringify(gs.other) === JSON.stringify(xs.other);
  const sameCode = (g.code === 0) === (x.code === 0);
  const ok = sameMod && sameConv && sameOther && sameCode;
  if (!ok) bad++;
  const reqs = (gm.match(/^\t\S+ v\S+/gm) ?? []).length;
  rows.push({ name: p.name, file: p.file, reqs, dropped: gs.converting.length, go: `${(g.ms / 1000).toFixed(1)} s`, gomodx: `${(x.ms / 1000).toFixed(1)} s`, ok: ok ? 'same' : 'DIFFERENT' });
  if (!ok) {
    writeFileSync(join(base, 'diff.json'), JSON.stringify({ go: { code: g.code, mod: gm, stderr: g.stderr }, gomodx: { code: x.code, mod: xm, stderr: x.stderr } }, null, 2));
    console.log(`\n## ${p.name}: go.mod ${sameMod ? 'same' : 'differs'}, converting ${sameConv ? 'same' : 'differs'}, other stderr ${sameOther ? 'same' : 'differs'}, exit ${g.code}/${x.code} (details: ${join(base, 'diff.json')})`);
    if (!sameConv) {
      const gset = new Set(gs.converting);
      const xset = new Set(xs.converting);
      for (const l of gs.converting) if (!xset.has(l)) console.log(`  go only:     ${l}`);
      for (const l of xs.converting) if (!gset.has(l)) console.log(`  gomodx only: ${l}`);
    }
    if (!sameMod) {
      const gl = withoutGoLine(gm).split('\n');
      const xl = new Set(withoutGoLine(xm).split('\n'));
      const gls = new Set(gl);
      for (const l of gl) if (!xl.has(l)) console.log(`  go.mod go only:     ${l}`);
      for (const l of withoutGoLine(xm).split('\n')) if (!gls.has(l)) console.log(`  go.mod gomodx only: ${l}`);
    }
    if (!sameOther) console.log(`  go stderr:\n${gs.other.map((l) => '    ' + l).join('\n')}\n  gomodx stderr:\n${xs.other.map((l) => '    ' + l).join('\n')}`);
  }
  if (!keep && ok) rmSync(base, { recursive: true, force: true });
}
console.log('\n| project | lock file | requirements | entries dropped | go 1.21.13 | gomodx | result |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r.note ? `| ${r.name} | ${r.note} |||||| ` : `| ${r.name} | ${r.file} | ${r.reqs} | ${r.dropped} | ${r.go} | ${r.gomodx} | ${r.ok} |`);
process.exit(bad === 0 ? 0 : 1);
