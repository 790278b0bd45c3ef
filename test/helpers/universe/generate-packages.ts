// Go packages for a generated universe, so that commands which read packages (go get with -u,
// ./..., all, or any package argument) have imports to follow. withPackages is a pure function
// of the universe and its seed, and changes nothing but Go files: module zips get a root
// package (and sometimes a "sub" package) whose imports follow the version's go.mod (usually a
// subset of the requirements, sometimes a subpackage, now and then a module it does not
// require), and the main module gets packages that import its requirements, sometimes a module
// it reaches only through another one, plus directories that ./... must skip.
import { createPrng, type Prng } from './prng';
import type { Universe, UniverseModule, UniverseVersion } from './universe-model';

interface Req {
  readonly path: string;
  readonly version: string;
  readonly indirect: boolean;
}

/** requirementsOf reads the require directives of a go.mod file (enough for generated files). */
export function requirementsOf(goMod: string): Req[] {
  const out: Req[] = [];
  let block = '';
  for (const raw of goMod.split('\n')) {
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    if (block !== '') {
      if (line === ')') {
        block = '';
        continue;
      }
      if (block === 'require') {
        const f = line.split(/\s+/);
        if (f.length >= 2) out.push({ path: f[0]!, version: f[1]!, indirect });
      }
      continue;
    }
    const m = /^(\w+)\s*\($/.exec(line);
    if (m) {
      block = m[1]!;
      continue;
    }
    const r = /^require\s+(\S+)\s+(\S+)/.exec(line);
    if (r) out.push({ path: r[1]!, version: r[2]!, indirect });
  }
  return out;
}

/** moduleOf reads the module path of a go.mod file. */
function moduleOf(goMod: string): string | undefined {
  return /^module\s+(\S+)/m.exec(goMod)?.[1];
}

const STD = ['fmt', 'strings', 'errors', 'sort', 'io'] as const;

/** goFile prints a Go file of package name importing paths (blank imports, one block). */
function goFile(name: string, imports: readonly string[], r: Prng, header = ''): string {
  let s = header;
  s += `package ${name}\n`;
  const all = [...imports];
  if (r.chance(0.3)) all.push(r.pick(STD));
  if (all.length === 1 && r.chance(0.5)) return s + `\nimport _ "${all[0]}"\n`;
  if (all.length > 0) s += `\nimport (\n${all.map((p) => `\t_ "${p}"\n`).join('')})\n`;
  return s;
}

interface ModuleShape {
  /** sub tells whether the module has a "sub" package (in most of its versions). */
  readonly sub: boolean;
}

/** importTarget is the package of module path a dependent imports: its root, or its sub package. */
function importTarget(r: Prng, path: string, shapes: ReadonlyMap<string, ModuleShape>): string {
  return shapes.get(path)?.sub && r.chance(0.35) ? `${path}/sub` : path;
}

/**
 * CONSTRAINED are files that only some builds read: go get's resolver reads them all (any
 * tags), its final check only those of the host (linux/amd64 here), and no build reads an
 * "ignore" file.
 */
const CONSTRAINED: readonly { name: string; header: string }[] = [
  { name: 'lib_windows.go', header: '' },
  { name: 'lib_linux.go', header: '' },
  { name: 'lib_darwin_arm64.go', header: '' },
  { name: 'lib_other.go', header: '//go:build !linux && !windows\n\n' },
  { name: 'lib_unix.go', header: '//go:build unix\n\n' },
  { name: 'lib_cgo.go', header: '//go:build cgo\n\n' },
  { name: 'lib_old.go', header: '// +build darwin freebsd\n\n' },
  { name: 'lib_new.go', header: '//go:build go1.21\n\n' },
];

/** constrainedFile adds a file that imports path under a build constraint (or none for "ignore"). */
function constrainedFile(r: Prng, files: Record<string, string>, pkg: string, path: string): void {
  if (r.chance(0.2)) {
    files['gen_ignored.go'] = goFile(pkg, ['example.net/nowhere/gen'], r, '//go:build ignore\n\n');
    return;
  }
  const c = r.pick(CONSTRAINED);
  files[c.name] = goFile(pkg, [path], r, c.header);
}

/** packagesOf writes the Go files of one module version. */
function packagesOf(r: Prng, m: UniverseModule, v: UniverseVersion, shapes: ReadonlyMap<string, ModuleShape>, all: readonly string[]): Record<string, string> {
  const reqs = v.goMod ? requirementsOf(v.goMod).filter((q) => q.path !== m.path) : [];
  const imported = reqs.filter((q) => r.chance(q.indirect ? 0.2 : 0.8)).map((q) => importTarget(r, q.path, shapes));
  if (r.chance(0.03)) {
    // A sloppy module: it imports a module its go.mod does not require.
    const other = all.filter((p) => p !== m.path && !reqs.some((q) => q.path === p));
    if (other.length > 0) imported.push(r.pick(other));
  }
  const files: Record<string, string> = { 'lib.go': goFile('lib', [...new Set(imported)], r) };
  if (reqs.length > 0 && r.chance(0.12)) constrainedFile(r, files, 'lib', importTarget(r, r.pick(reqs).path, shapes));
  if (shapes.get(m.path)?.sub && !r.chance(0.08)) {
    const subImports: string[] = [];
    if (reqs.length > 0 && r.chance(0.5)) subImports.push(r.pick(reqs).path);
    if (r.chance(0.3)) subImports.push(m.path);
    files['sub/sub.go'] = goFile('sub', [...new Set(subImports)], r);
  }
  return files;
}

/**
 * mainPackages writes the main module's packages: a root package importing its requirements
 * (and sometimes a module only another module requires), a command and an internal package,
 * a test file, and directories that package patterns skip (testdata, _tools, .hidden, a file
 * that no build includes).
 */
function mainPackages(r: Prng, u: Universe, mainPath: string, shapes: ReadonlyMap<string, ModuleShape>): Record<string, string> {
  const goMod = u.files['go.mod'] ?? '';
  const reqs = requirementsOf(goMod);
  const files: Record<string, string> = {};
  const rootImports = reqs.filter((q) => r.chance(q.indirect ? 0.2 : 0.7)).map((q) => importTarget(r, q.path, shapes));
  if (r.chance(0.35)) {
    // A module the main module reaches only through one of its dependencies.
    const required = new Set(reqs.map((q) => q.path));
    const through = new Set<string>();
    for (const q of reqs) {
      const m = u.modules.find((x) => x.path === q.path);
      const v = m?.versions.find((x) => x.version === q.version);
      for (const t of v?.goMod ? requirementsOf(v.goMod) : []) if (!required.has(t.path) && t.path !== mainPath) through.add(t.path);
    }
    if (through.size > 0) rootImports.push(r.pick([...through].sort()));
  }
  files['app.go'] = goFile('app', [...new Set(rootImports)], r);
  if (reqs.length > 0 && r.chance(0.25)) {
    const extra: Record<string, string> = {};
    constrainedFile(r, extra, 'app', importTarget(r, r.pick(reqs).path, shapes));
    for (const [name, text] of Object.entries(extra)) files[name.replace(/^lib/, 'app')] = text;
  }
  if (r.chance(0.6)) {
    const imports = [mainPath, ...r.sample(reqs, r.int(0, 2)).map((q) => q.path)];
    files['cmd/tool/main.go'] = goFile('main', [...new Set(imports)], r);
  }
  if (r.chance(0.4) && reqs.length > 0) files['internal/util/util.go'] = goFile('util', [r.pick(reqs).path], r);
  if (r.chance(0.3) && reqs.length > 0) {
    // A dependency only the tests import: it counts for "all", not for ./...
    files['app_test.go'] = goFile('app', [r.pick(reqs).path], r);
  }
  if (r.chance(0.5)) {
    // Trees and files that package patterns must not see: their imports exist nowhere.
    const ghost = 'example.net/nowhere/pkg';
    files[r.pick(['testdata/x/x.go', '_tools/x.go', '.hidden/x.go'])] = goFile('x', [ghost], r);
    if (r.chance(0.5)) files['gen/gen.go'] = goFile('main', [ghost], r, '//go:build ignore\n\n');
  }
  if (r.chance(0.15)) files['docs/README.md'] = 'No Go files here.\n';
  // Local replacement directories (modules with their own go.mod) get a package too.
  for (const [rel, text] of Object.entries(u.files)) {
    if (!rel.endsWith('/go.mod')) continue;
    const dir = rel.slice(0, -'/go.mod'.length);
    const own = moduleOf(text) ?? '';
    const imports = requirementsOf(text)
      .filter((q) => q.path !== own && r.chance(0.7))
      .map((q) => q.path);
    files[`${dir}/lib.go`] = goFile('lib', imports, r);
    // The module it stands in for may be imported through its sub package.
    if (shapes.get(own)?.sub) files[`${dir}/sub/sub.go`] = goFile('sub', [], r);
  }
  return files;
}

/**
 * withPackages returns u with Go packages in every module zip and in the main module (single
 * module universes; a workspace is returned unchanged).
 */
export function withPackages(u: Universe): Universe {
  if (u.files['go.work'] !== undefined) return u;
  const r = createPrng((u.seed ^ 0x7ac4a9e5) >>> 0);
  const mainPath = moduleOf(u.files['go.mod'] ?? '') ?? '';
  const shapes = new Map<string, ModuleShape>();
  for (const m of u.modules) shapes.set(m.path, { sub: r.chance(0.4) });
  const paths = u.modules.map((m) => m.path).filter((p) => p !== mainPath);
  const modules = u.modules.map(
    (m): UniverseModule => ({
      path: m.path,
      versions: m.versions.map((v) => ({ ...v, files: packagesOf(r, m, v, shapes, paths) })),
    }),
  );
  const files = { ...u.files, ...mainPackages(r, u, mainPath, shapes) };
  // Tool directives (always in "all", the "tool" pattern) and ignore directives (./... skips).
  const reqs = requirementsOf(files['go.mod'] ?? '');
  let extra = '';
  if (reqs.length > 0 && r.chance(0.15)) extra += `\ntool ${importTarget(r, r.pick(reqs).path, shapes)}\n`;
  if (r.chance(0.1)) extra += `\nignore ${r.pick(['./internal', 'util', './cmd/tool', 'local'])}\n`;
  if (extra !== '') files['go.mod'] = files['go.mod'] + extra;
  return { ...u, modules, files, tags: [...new Set([...u.tags, 'packages'])].sort() };
}
