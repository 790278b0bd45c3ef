// Records one prepared real project (npm run real-projects) into a compressed fixture under
// test/fixtures/real/, so that tests can open a real-shaped graph of hundreds of modules with no
// network (issue 18). Run by hand; it needs the prepared project and, for what the caches lack,
// the Go module proxy.
//
//   node scripts/record-fixture.mjs [--name hugo] [--project DIR] [--out FILE] [--get ARG[,ARG]]
//
// What is recorded is what the go command itself reads, found by running it: go.mod, go.sum and
// the commands run with an empty module cache behind a file:// proxy made of the prepared
// project's cache (with the real proxy after it for gaps), and every .mod/.info file that lands
// in that cache kept. The commands are the ones the tests run (`list -m all`, `mod graph`,
// `get ARG` for each --get argument, default golang.org/x/net@none) and `list -m -u -json all`
// (the .info of selected versions and the go.mod of each latest version, which retraction and
// deprecation marks read). The module cache's `list` files are go's lists of the versions it
// downloaded, not the proxy's answers, so `get` and `-u` run against the proxy itself: a
// removal steps roots down the proxy's version lists and reads the go.mod of each step. Each
// selected module's @v/list is recorded from the proxy. No zips: none of these commands reads
// one when go.sum is complete (checked: the recording fails if a zip was fetched). Previews
// other than the recorded `get` arguments may need go.mod files the fixture lacks.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { GO, PROXY, ROOT, WORK, baseEnv, escapeModulePath, localGoVersion, proxyGet, run } from './lib/real-world.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const name = opt('--name', 'hugo');
const projectDir = opt('--project', join(WORK, 'projects', 'github.com_gohugoio_hugo'));
const outFile = opt('--out', join(ROOT, 'test', 'fixtures', 'real', `${name}.json.gz`));
const gets = opt('--get', 'golang.org/x/net@none').split(',').filter(Boolean);
const realCache = join(WORK, 'gopath', 'pkg', 'mod', 'cache', 'download');

/** unescapeModulePath is module.UnescapePath for paths written by go. */
function unescapeModulePath(p) {
  return p.replace(/!([a-z])/g, (_, c) => c.toUpperCase());
}

function mustRun(args, cwd, env) {
  const r = run(GO, args, { cwd, env });
  if (r.code !== 0) throw new Error(`go ${args.join(' ')} in ${cwd} exited ${r.code}:\n${r.stderr}`);
  process.stdout.write(`  go ${args.join(' ')}: ${Math.round(r.ms)} ms\n`);
  return r;
}

/** walkDownloads yields [module path, file name, absolute file] for every file of a cache/download tree. */
function* walkDownloads(dir, base = dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === '@v') {
        const mod = unescapeModulePath(relative(base, dir));
        for (const f of readdirSync(p)) yield [mod, f, join(p, f)];
      } else if (!(dir === base && e.name === 'sumdb')) yield* walkDownloads(p, base);
    }
  }
}

/** unescapeVersion undoes the case-encoding of a version in a cache file name. */
function unescapeVersion(v) {
  return v.replace(/!([a-z])/g, (_, c) => c.toUpperCase());
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function main() {
  for (const f of ['go.mod', 'go.sum']) {
    if (!existsSync(join(projectDir, f))) throw new Error(`${join(projectDir, f)} is missing: prepare the project first (npm run real-projects -- --only ...)`);
  }
  if (!existsSync(realCache)) throw new Error(`no module cache at ${realCache}: run npm run real-projects first`);
  const meta = JSON.parse(readFileSync(join(projectDir, 'meta.json'), 'utf8'));
  const scratch = mkdtempSync(join(tmpdir(), 'gomodx-record-'));
  try {
    const gopath = join(scratch, 'gopath');
    const cache = join(gopath, 'pkg', 'mod', 'cache', 'download');
    const env = (proxy) =>
      baseEnv({ GOFLAGS: '-mod=mod', GOPROXY: proxy, GOPATH: gopath, GOMODCACHE: join(gopath, 'pkg', 'mod'), GOCACHE: join(scratch, 'gocache'), HOME: join(scratch, 'home') });
    const cached = env(`${pathToFileURL(realCache).href},${PROXY}`);
    const project = join(scratch, 'project');
    const getProjects = gets.map((_, i) => join(scratch, `get${i}`));
    for (const d of [project, ...getProjects]) {
      mkdirSync(d, { recursive: true });
      for (const f of ['go.mod', 'go.sum']) cpSync(join(projectDir, f), join(d, f));
    }
    process.stdout.write(`recording ${meta.module}@${meta.version} from ${projectDir}\n`);
    const list = mustRun(['list', '-m', 'all'], project, cached);
    mustRun(['mod', 'graph'], project, cached);
    gets.forEach((arg, i) => {
      const get = run(GO, ['get', arg], { cwd: getProjects[i], env: env(PROXY) });
      process.stdout.write(`  go get ${arg}: exit ${get.code}, ${Math.round(get.ms)} ms\n`);
      if (/reading file:|trying /.test(get.stderr)) throw new Error(`go get ${arg} missed files:\n${get.stderr}`);
    });
    mustRun(['list', '-m', '-u', '-json', 'all'], project, env(PROXY));
    for (const f of ['go.mod', 'go.sum']) {
      if (readFileSync(join(project, f), 'utf8') !== readFileSync(join(projectDir, f), 'utf8')) throw new Error(`go changed ${f} of ${projectDir}: prepare the project again`);
    }

    const modules = {};
    const entry = (mod) => (modules[mod] ??= { versions: {} });
    let modCount = 0;
    let infoCount = 0;
    for (const [mod, file, abs] of walkDownloads(cache)) {
      if (file.endsWith('.zip')) throw new Error(`go fetched a zip (${mod} ${file}): the fixture would need zips`);
      const m = /^(.+)\.(mod|info)$/.exec(file);
      if (!m) continue;
      const version = unescapeVersion(m[1]);
      (entry(mod).versions[version] ??= {})[m[2]] = readFileSync(abs, 'utf8');
      if (m[2] === 'mod') modCount++;
      else infoCount++;
    }
    const selected = list.stdout.trim().split('\n').slice(1).map((l) => l.split(' ')[0]);
    let listCount = 0;
    await mapLimit(selected, 16, async (mod) => {
      const text = await proxyGet(`${escapeModulePath(mod)}/@v/list`);
      if (text === undefined) return;
      entry(mod).list = text;
      listCount++;
    });
    const fixture = {
      format: 1,
      name,
      module: meta.module,
      version: meta.version,
      recordedWith: `go${localGoVersion()}`,
      recordedAt: new Date().toISOString().slice(0, 10),
      /** gets are the go get arguments whose files are recorded (the previews that work offline). */
      gets,
      goMod: readFileSync(join(projectDir, 'go.mod'), 'utf8'),
      goSum: readFileSync(join(projectDir, 'go.sum'), 'utf8'),
      modules: Object.fromEntries(Object.entries(modules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
    const json = JSON.stringify(fixture);
    const gz = gzipSync(json, { level: 9 });
    mkdirSync(join(outFile, '..'), { recursive: true });
    writeFileSync(outFile, gz);
    process.stdout.write(
      `wrote ${outFile}: ${Object.keys(modules).length} module paths, ${modCount} .mod, ${infoCount} .info, ${listCount} @v/list; ` +
        `${(json.length / 1e6).toFixed(2)} MB of JSON, ${(statSync(outFile).size / 1e6).toFixed(2)} MB gzipped\n`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`record-fixture: ${e.stack ?? e}\n`);
  process.exit(1);
});
