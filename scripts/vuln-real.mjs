#!/usr/bin/env node
// Known vulnerabilities of older releases of real projects (issue 16), checked against the real
// tools, outside npm test (it needs the Go module proxy):
//   1. the project's go.mod from the proxy, prepared as real-projects.mjs prepares projects
//      (directory replacements dropped, go.sum written by go);
//   2. `gomodx vuln -json --db=proxy`: every selected module, with golang.org/x/vulndb from the proxy;
//   3. govulncheck (golang.org/x/vuln, built once through the proxy) on the project's own source
//      (its module zip, with the prepared go.mod and go.sum): `-scan package ./...`, whose
//      module-level findings cover the modules whose packages the code imports; compared with
//      gomodx's on the intersection (the database is the same x/vulndb snapshot, written in
//      govulncheck's layout from its data/osv files);
//   4. the fix plan: `gomodx vuln fix -json` (a preview), then go get with the plan's arguments and
//      `gomodx vuln fix` in two copies: go.mod and go.sum must be byte-identical.
//
// Usage: node scripts/vuln-real.mjs [module@version ...]   (default: the four of issue 16)
// Environment: GOMODX_REAL_DIR (work directory), GOMODX_REAL_PROXY, GOMODX_GOVULNCHECK_DIR.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baseEnv, buildCli, GO, gomodxCommand, prepareProject, run, WORK } from './lib/real-world.mjs';

const DEFAULT = ['github.com/argoproj/argo-cd/v2@v2.4.0', 'github.com/caddyserver/caddy/v2@v2.5.0', 'github.com/prometheus/prometheus@v0.40.0', 'github.com/gohugoio/hugo@v0.100.0'];
const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT;
const GOVULNCHECK_VERSION = 'v1.10.0';

function govulncheck() {
  const dir = process.env.GOMODX_GOVULNCHECK_DIR ?? join(tmpdir(), `gomodx-govulncheck-${GOVULNCHECK_VERSION}`);
  const bin = join(dir, 'govulncheck');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const r = run(GO, ['install', `golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}`], { cwd: dir, env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' } });
  if (r.code !== 0) throw new Error(`building govulncheck: ${r.stderr}`);
  return bin;
}

function jsonStream(text) {
  const out = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

/** vulndbLayout writes x/vulndb's data/osv files in govulncheck's layout (as its cmd/indexdb does). */
function vulndbLayout(env) {
  const r = run(GO, ['mod', 'download', '-json', 'golang.org/x/vulndb@latest'], { cwd: WORK, env });
  if (r.code !== 0) throw new Error(`go mod download golang.org/x/vulndb@latest: ${r.stderr}`);
  const { Dir, Version } = JSON.parse(r.stdout);
  const out = join(WORK, 'vulndb-layout', Version);
  if (existsSync(join(out, 'index', 'modules.json'))) return { url: pathToFileURL(out).href, version: Version };
  mkdirSync(join(out, 'index'), { recursive: true });
  mkdirSync(join(out, 'ID'), { recursive: true });
  const byPath = new Map();
  for (const f of readdirSync(join(Dir, 'data', 'osv'))) {
    const text = readFileSync(join(Dir, 'data', 'osv', f), 'utf8');
    const e = JSON.parse(text);
    writeFileSync(join(out, 'ID', `${e.id}.json`), text);
    for (const a of e.affected ?? []) {
      const l = byPath.get(a.package.name) ?? [];
      if (!l.some((v) => v.id === e.id)) l.push({ id: e.id, modified: e.modified });
      byPath.set(a.package.name, l);
    }
  }
  writeFileSync(join(out, 'index', 'db.json'), JSON.stringify({ modified: new Date().toISOString() }));
  writeFileSync(join(out, 'index', 'modules.json'), JSON.stringify([...byPath].sort().map(([path, vulns]) => ({ path, vulns }))));
  return { url: pathToFileURL(out).href, version: Version };
}

function key(f) {
  return `${f.osv} ${f.trace[0].module}@${f.trace[0].version ?? ''} fixed:${f.fixed_version ?? ''}`;
}

buildCli();
const [node, script] = gomodxCommand();
const gvc = govulncheck();
const env0 = baseEnv();
const db = vulndbLayout(env0);
console.log(`golang.org/x/vulndb@${db.version}; govulncheck ${GOVULNCHECK_VERSION}; layout ${db.url}\n`);
const rows = [];
for (const t of targets) {
  const [module, version] = t.split('@');
  const row = { project: t };
  rows.push(row);
  try {
    const p = await prepareProject(module, { version });
    if (!p.ok) throw new Error(p.error);
    const env = baseEnv();
    // 2. gomodx over the whole build list.
    const gx = run(node, [script, 'vuln', '-json', '--db=proxy'], { cwd: p.dir, env });
    if (gx.code !== 0) throw new Error(`gomodx vuln: ${gx.stderr}`);
    row.gomodxMs = Math.round(gx.ms);
    const xm = jsonStream(gx.stdout);
    const xf = xm.filter((m) => m.finding).map((m) => m.finding);
    row.findings = xf.length;
    row.entries = new Set(xf.map((f) => f.osv)).size;
    row.moduleEntries = new Set(xf.filter((f) => f.trace[0].module !== 'stdlib' && f.trace[0].module !== 'toolchain').map((f) => f.osv)).size;
    row.ageLine = gx.stderr.trim().split('\n').pop();
    // 3. govulncheck on the project's source with the prepared go.mod and go.sum.
    const dl = run(GO, ['mod', 'download', '-json', `${module}@${version}`], { cwd: p.dir, env });
    if (dl.code !== 0) throw new Error(`go mod download ${t}: ${dl.stderr}`);
    const src = join(WORK, 'vuln-src', `${module.replace(/\//g, '_')}@${version}`);
    rmSync(src, { recursive: true, force: true });
    cpSync(JSON.parse(dl.stdout).Dir, src, { recursive: true });
    run('chmod', ['-R', 'u+w', src], { cwd: src, env });
    for (const f of ['go.mod', 'go.sum']) cpSync(join(p.dir, f), join(src, f));
    const g = run(gvc, ['-C', src, '-scan', 'package', '-db', db.url, '-format', 'json', './...'], { cwd: src, env: { ...env, GOFLAGS: '-mod=mod' }, timeoutMs: 1_800_000 });
    row.govulncheckMs = Math.round(g.ms);
    const gm = jsonStream(g.stdout);
    if (!gm.some((m) => m.SBOM)) throw new Error(`govulncheck (exit ${g.code}): ${g.stderr.slice(-600)}`);
    const scanned = new Set(gm.find((m) => m.SBOM).SBOM.modules.map((m) => m.path));
    const gf = [...new Set(gm.filter((m) => m.finding && !m.finding.trace[0].package).map((m) => key(m.finding)))].sort();
    const xc = xf.filter((f) => scanned.has(f.trace[0].module) && f.trace[0].module !== 'toolchain').map(key).sort();
    row.scannedModules = scanned.size;
    row.govulncheckFindings = gf.length;
    row.gomodxOnScanned = xc.length;
    const gs = new Set(gf);
    const xs = new Set(xc);
    row.onlyGovulncheck = gf.filter((k) => !xs.has(k));
    row.onlyGomodx = xc.filter((k) => !gs.has(k));
    // 4. The fix plan, previewed, then written by go get and by gomodx.
    const plan = run(node, [script, 'vuln', 'fix', '-json', '--db=proxy'], { cwd: p.dir, env });
    row.fixPlanMs = Math.round(plan.ms);
    const j = plan.stdout.indexOf('{\n');
    if (j < 0) {
      row.fix = `no plan: ${plan.stdout.split('\n').slice(-3).join(' ')}`;
      continue;
    }
    const pl = JSON.parse(plan.stdout.slice(j));
    row.planArgs = pl.args.length;
    row.planSteps = { raise: 0, 'raise-direct': 0, unfixable: 0 };
    for (const s of pl.steps) row.planSteps[s.kind]++;
    const goDir = `${p.dir}-fix-go`;
    const gxDir = `${p.dir}-fix-gomodx`;
    for (const d of [goDir, gxDir]) {
      rmSync(d, { recursive: true, force: true });
      cpSync(p.dir, d, { recursive: true });
    }
    const gg = run(GO, ['get', ...pl.args], { cwd: goDir, env: { ...env, GOFLAGS: '-mod=mod' } });
    const gw = run(node, [script, 'vuln', 'fix', '--db=proxy'], { cwd: gxDir, env });
    row.goGetExit = gg.code;
    row.gomodxFixExit = gw.code;
    row.goModSame = readFileSync(join(goDir, 'go.mod'), 'utf8') === readFileSync(join(gxDir, 'go.mod'), 'utf8');
    row.goSumSame = readFileSync(join(goDir, 'go.sum'), 'utf8') === readFileSync(join(gxDir, 'go.sum'), 'utf8');
    const after = run(node, [script, 'vuln', '-json', '--db=proxy'], { cwd: gxDir, env });
    const left = jsonStream(after.stdout).filter((m) => m.finding && m.finding.trace[0].module !== 'stdlib' && m.finding.trace[0].module !== 'toolchain');
    row.moduleFindingsAfterFix = left.length;
    row.fixableAfterFix = left.filter((m) => m.finding.fixed_version).length;
  } catch (e) {
    row.error = String(e.message ?? e).slice(0, 800);
  } finally {
    console.log(JSON.stringify(row, null, 1));
  }
}
console.log('\nproject | entries (modules only) | findings | govulncheck scanned modules | module findings govulncheck / gomodx on them | differ | plan args (raise/direct/unfixable) | go.mod,go.sum = go get | module findings left (fixable)');
for (const r of rows) {
  if (r.error) console.log(`${r.project} | error: ${r.error.split('\n')[0]}`);
  else console.log(`${r.project} | ${r.entries} (${r.moduleEntries}) | ${r.findings} | ${r.scannedModules} | ${r.govulncheckFindings} / ${r.gomodxOnScanned} | ${r.onlyGovulncheck.length + r.onlyGomodx.length} | ${r.planArgs ?? '-'} (${r.planSteps ? Object.values(r.planSteps).join('/') : '-'}) | ${r.goModSame},${r.goSumSame} | ${r.moduleFindingsAfterFix ?? '-'} (${r.fixableAfterFix ?? '-'})`);
}
