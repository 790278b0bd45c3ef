// Writes the bundled example project (resources/example) and its file:// module proxy, then
// asks the real go command for go.sum and checks that `go list -m all` and `go mod graph`
// accept it. Run it after changing the module table below: node scripts/make-example.mjs
//
// The table is chosen so that one small graph shows every mark the explorer draws: an exclude,
// a module replacement and a directory replacement, a /v2 twin beside v1, pruned (go >= 1.17)
// and unpruned (go < 1.17) go.mod files, versions that lose to higher ones, and a
// +incompatible version.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'example');
const proxy = join(root, 'proxy');
const GO = process.env.GOMODX_GO ?? '/usr/local/go/bin/go';

/** Each published module version: its go line (or none) and its requirements. */
const modules = {
  'example.com/web@v1.4.0': { go: '1.21', require: ['example.com/log v1.3.0', 'example.com/color v1.2.0', 'example.com/text v0.3.0'] },
  'example.com/web@v1.3.0': { go: '1.21', require: ['example.com/log v1.1.0'] },
  'example.com/db@v1.2.0': { go: '1.20', require: ['example.com/log v1.1.0', 'example.com/sqldriver v1.0.0'] },
  'example.com/sqldriver@v1.0.0': { go: '1.19', require: ['example.com/net v0.1.0'] },
  'example.com/net@v0.1.0': { go: '1.19', require: [] },
  'example.com/log@v1.0.0': { go: null, require: [] },
  'example.com/log@v1.1.0': { go: '1.18', require: [] },
  'example.com/log@v1.3.0': { go: '1.21', require: ['example.com/color v1.1.0'] },
  'example.com/color@v1.1.0': { go: '1.18', require: [] },
  'example.com/color@v1.2.0': { go: '1.21', require: [] },
  'example.com/text@v0.2.0': { go: '1.16', require: [] },
  'example.com/text@v0.3.0': { go: '1.21', require: [] },
  'example.com/yaml@v1.4.0': { go: '1.18', require: [] },
  'example.com/yaml@v1.5.0': { go: '1.18', require: [] },
  'example.com/yaml/v2@v2.1.0': { go: '1.21', require: ['example.com/yaml v1.4.0'] },
  'example.com/legacy@v1.0.0': { go: '1.16', require: ['example.com/util v1.0.0'] },
  'example.com/util@v1.0.0': { go: null, require: ['example.com/log v1.0.0', 'example.com/text v0.2.0'] },
  // A v3 tag in a repository without go.mod: the proxy serves a synthesized go.mod.
  'example.com/oldlib@v3.0.0+incompatible': { go: null, require: [], synthesized: true },
  'example.com/forked@v1.0.0': { go: '1.20', require: ['example.com/text v0.2.0'] },
  'example.com/forkfix@v1.0.1': { go: '1.21', require: ['example.com/text v0.2.0'], module: 'example.com/forked' },
};

const mainGoMod = `// The example project of Go Module Explorer: a small graph with every mark the
// explorer draws. Its modules come from ./proxy (a file:// GOPROXY), so it works offline.
module example.com/demo

go 1.22.0

toolchain go1.22.5

require (
	example.com/color v1.1.0
	example.com/db v1.2.0
	example.com/forked v1.0.0
	example.com/legacy v1.0.0
	example.com/localmod v0.0.0-00010101000000-000000000000
	example.com/oldlib v3.0.0+incompatible
	example.com/web v1.4.0
	example.com/yaml v1.5.0
	example.com/yaml/v2 v2.1.0
)

require (
	example.com/log v1.3.0 // indirect
	example.com/text v0.3.0 // indirect
	example.com/util v1.0.0 // indirect
)

// web v1.4.0 asks for color v1.2.0; this build refuses it.
exclude example.com/color v1.2.0

// A fork published under another path, and a module kept in a directory of this project.
replace example.com/forked v1.0.0 => example.com/forkfix v1.0.1

replace example.com/localmod => ./localmod
`;

const localGoMod = `module example.com/localmod

go 1.21

require example.com/yaml v1.4.0
`;

function goModText(path, spec) {
  if (spec.synthesized) return `module ${path}\n`;
  let s = `module ${spec.module ?? path}\n`;
  if (spec.go) s += `\ngo ${spec.go}\n`;
  if (spec.require.length === 1) s += `\nrequire ${spec.require[0]}\n`;
  else if (spec.require.length > 1) s += `\nrequire (\n${spec.require.map((r) => `\t${r}\n`).join('')})\n`;
  return s;
}

rmSync(proxy, { recursive: true, force: true });
const versions = new Map();
let day = 1;
for (const [key, spec] of Object.entries(modules)) {
  const at = key.lastIndexOf('@');
  const path = key.slice(0, at);
  const version = key.slice(at + 1);
  const dir = join(proxy, path, '@v');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${version}.mod`), goModText(path, spec));
  const time = `2024-0${1 + (day % 9)}-1${day % 10}T10:00:00Z`;
  day++;
  writeFileSync(join(dir, `${version}.info`), JSON.stringify({ Version: version, Time: time }) + '\n');
  if (!versions.has(path)) versions.set(path, []);
  versions.get(path).push(version);
}
for (const [path, list] of versions) writeFileSync(join(proxy, path, '@v', 'list'), list.join('\n') + '\n');

writeFileSync(join(root, 'go.mod'), mainGoMod);
mkdirSync(join(root, 'localmod'), { recursive: true });
writeFileSync(join(root, 'localmod', 'go.mod'), localGoMod);
rmSync(join(root, 'go.sum'), { force: true });

const tmp = mkdtempSync(join(tmpdir(), 'gomodx-example-'));
const env = {
  PATH: process.env.PATH,
  HOME: tmp,
  GOPATH: join(tmp, 'gopath'),
  GOMODCACHE: join(tmp, 'gopath', 'pkg', 'mod'),
  GOCACHE: join(tmp, 'cache'),
  GOENV: 'off',
  GOTOOLCHAIN: 'local',
  GOPROXY: pathToFileURL(proxy).href,
  GOSUMDB: 'off',
  GOWORK: 'off',
  GOFLAGS: '-mod=mod',
};
function go(args, extra = {}) {
  const r = spawnSync(GO, args, { cwd: root, env: { ...env, ...extra }, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`go ${args.join(' ')} failed:\n${r.stderr}`);
    process.exit(1);
  }
  return r.stdout;
}
try {
  go(['list', '-m', 'all']);
  if (!existsSync(join(root, 'go.sum'))) throw new Error('go did not write go.sum');
  if (readFileSync(join(root, 'go.mod'), 'utf8') !== mainGoMod) throw new Error('go rewrote go.mod: fix the table');
  // The same answers without -mod=mod prove that go.mod and go.sum are complete.
  const list = go(['list', '-m', 'all'], { GOFLAGS: '' });
  const graph = go(['mod', 'graph'], { GOFLAGS: '' });
  process.stdout.write(list);
  process.stdout.write(`${graph.split('\n').filter(Boolean).length} edges in go mod graph\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
