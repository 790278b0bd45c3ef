// Writes the bundled example project (resources/example) and its file:// module proxy, then
// asks the real go command for go.sum and checks that `go list -m all` and `go mod graph`
// accept it. Run it after changing the module table below: node scripts/make-example.mjs
//
// The table is chosen so that one small graph shows every mark the explorer draws: an exclude,
// a module replacement and a directory replacement, a /v2 twin beside v1, pruned (go >= 1.17)
// and unpruned (go < 1.17) go.mod files, versions that lose to higher ones, and a
// +incompatible version. Newer versions that nobody requires yet (a retracted one, a deprecated
// module, a patch release, a release that adds a module) give the what-if previews something to
// show; every version has a zip whose package imports what its go.mod requires, so `go get`
// (which reads packages) runs on it as on a real project.
import { zipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GO } from './lib/real-world.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'example');
const proxy = join(root, 'proxy');

/** Each published module version: its go line (or none) and its requirements. */
const modules = {
  'example.com/web@v1.4.0': { go: '1.21', require: ['example.com/log v1.3.0', 'example.com/color v1.2.0', 'example.com/text v0.3.0'] },
  'example.com/web@v1.3.0': { go: '1.21', require: ['example.com/log v1.1.0'] },
  'example.com/web@v1.5.0': { go: '1.22', require: ['example.com/log v1.4.1', 'example.com/color v1.1.0', 'example.com/text v0.3.0', 'example.com/metrics v0.1.0'] },
  'example.com/metrics@v0.1.0': { go: '1.21', require: ['example.com/log v1.3.0'] },
  // db's package does not import sqldriver (only its tests would), so the main module need not
  // list it and its go.mod stays out of the pruned graph.
  'example.com/db@v1.2.0': { go: '1.20', require: ['example.com/log v1.1.0', 'example.com/sqldriver v1.0.0'], imports: ['example.com/log'] },
  'example.com/db@v1.2.1': { go: '1.20', require: ['example.com/log v1.1.0', 'example.com/sqldriver v1.0.0'], imports: ['example.com/log'] },
  'example.com/sqldriver@v1.0.0': { go: '1.19', require: ['example.com/net v0.1.0'] },
  'example.com/net@v0.1.0': { go: '1.19', require: [] },
  'example.com/log@v1.0.0': { go: null, require: [] },
  'example.com/log@v1.1.0': { go: '1.18', require: [] },
  'example.com/log@v1.3.0': { go: '1.21', require: ['example.com/color v1.1.0'] },
  'example.com/log@v1.4.0': { go: '1.22', require: ['example.com/color v1.1.0'] },
  'example.com/log@v1.4.1': { go: '1.22', require: ['example.com/color v1.1.0'], extra: 'retract v1.4.0 // Writes timestamps in the wrong time zone.\n' },
  'example.com/color@v1.1.0': { go: '1.18', require: [] },
  'example.com/color@v1.2.0': { go: '1.21', require: [] },
  'example.com/text@v0.2.0': { go: '1.16', require: [] },
  'example.com/text@v0.3.0': { go: '1.21', require: [] },
  'example.com/yaml@v1.4.0': { go: '1.18', require: [] },
  'example.com/yaml@v1.5.0': { go: '1.18', require: [] },
  'example.com/yaml/v2@v2.1.0': { go: '1.21', require: ['example.com/yaml v1.4.0'] },
  'example.com/legacy@v1.0.0': { go: '1.16', require: ['example.com/util v1.0.0'] },
  'example.com/legacy@v1.1.0': { go: '1.16', require: ['example.com/util v1.0.0'], deprecated: 'use example.com/web instead.' },
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

const mainGo = `// Package main imports what the example requires directly, so that go get -u has packages to follow.
package main

import (
	_ "example.com/color"
	_ "example.com/db"
	_ "example.com/forked"
	_ "example.com/legacy"
	_ "example.com/localmod"
	_ "example.com/oldlib"
	_ "example.com/web"
	_ "example.com/yaml"
	_ "example.com/yaml/v2"
)

func main() {}
`;

const localGo = 'package localmod\n\nimport _ "example.com/yaml"\n';

const localGoMod = `module example.com/localmod

go 1.21

require example.com/yaml v1.4.0
`;

function goModText(path, spec) {
  if (spec.synthesized) return `module ${path}\n`;
  let s = spec.deprecated ? `// Deprecated: ${spec.deprecated}\nmodule ${spec.module ?? path}\n` : `module ${spec.module ?? path}\n`;
  if (spec.go) s += `\ngo ${spec.go}\n`;
  if (spec.require.length === 1) s += `\nrequire ${spec.require[0]}\n`;
  else if (spec.require.length > 1) s += `\nrequire (\n${spec.require.map((r) => `\t${r}\n`).join('')})\n`;
  if (spec.extra) s += `\n${spec.extra}`;
  return s;
}

/** packageName is the name of a module's root package: its last path element, major suffix dropped. */
function packageName(path) {
  const parts = path.split('/');
  const last = parts.pop();
  return /^v[0-9]+$/.test(last) ? parts.pop() : last;
}

/** goSource is the module's one package: it imports the root package of every module it requires (or spec.imports). */
function goSource(path, spec) {
  const name = packageName(spec.module ?? path);
  const imports = spec.imports ?? spec.require.map((r) => r.split(' ')[0]);
  if (imports.length === 0) return `package ${name}\n`;
  return `package ${name}\n\nimport (\n${imports.map((i) => `\t_ "${i}"\n`).join('')})\n`;
}

/** moduleZip is the zip the proxy serves: go.mod (unless the version has none) and the package. */
function moduleZip(path, version, spec) {
  const prefix = `${path}@${version}/`;
  const entry = (text) => [Buffer.from(text, 'utf8'), { level: 0, mtime: new Date(1980, 0, 1) }];
  const files = { [`${prefix}${packageName(spec.module ?? path)}.go`]: entry(goSource(path, spec)) };
  if (!spec.synthesized) files[`${prefix}go.mod`] = entry(goModText(path, spec));
  return zipSync(files);
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
  writeFileSync(join(dir, `${version}.zip`), moduleZip(path, version, spec));
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
writeFileSync(join(root, 'main.go'), mainGo);
writeFileSync(join(root, 'localmod', 'localmod.go'), localGo);
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
  // go mod tidy writes the go.sum a real project has (zip and go.mod hashes) and proves that
  // go.mod already says what the packages need.
  go(['mod', 'tidy']);
  if (!existsSync(join(root, 'go.sum'))) throw new Error('go did not write go.sum');
  if (readFileSync(join(root, 'go.mod'), 'utf8') !== mainGoMod) throw new Error('go mod tidy rewrote go.mod: fix the table');
  // The same answers without -mod=mod prove that go.mod and go.sum are complete.
  const list = go(['list', '-m', 'all'], { GOFLAGS: '' });
  const graph = go(['mod', 'graph'], { GOFLAGS: '' });
  process.stdout.write(list);
  process.stdout.write(`${graph.split('\n').filter(Boolean).length} edges in go mod graph\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
