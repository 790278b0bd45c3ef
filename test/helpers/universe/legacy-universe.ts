// Module universes for the legacy-conversion suite (issue 15): a few modules with tagged and
// untagged commits, packages that come and go between versions, a nested module, a module
// without go.mod that has "+incompatible" v2 tags, a /v2 module, and the revision names a real
// proxy answers (full and short hashes, a branch); plus random lock-file entries that name them
// in every way a pre-module project did, known and unknown.
import type { Prng } from './prng';
import type { UniverseModule, UniverseVersion } from './universe-model';

/** LegacyEntry is one dependency as a lock file records it (before any format is chosen). */
export interface LegacyEntry {
  /** path is the package or repository path (dep's name). */
  readonly path: string;
  /** rev is a revision (hash, branch) or a version: what non-dep formats record. */
  readonly rev: string;
  /** depVersion is dep's `version` field (a tag, or a non-canonical one dep kept). */
  readonly depVersion?: string;
  /** source is dep's `source`: where the code really comes from. */
  readonly source?: string;
  /** kind says what this entry exercises, for the report. */
  readonly kind: string;
}

interface Commit {
  readonly hash: string;
  readonly version: string;
  readonly tagged: boolean;
  readonly time: string;
  /** packages (directories relative to the module root, "" = root) present at this commit. */
  readonly packages: readonly string[];
}

interface ModuleSpec {
  readonly path: string;
  readonly hasGoMod: boolean;
  readonly commits: Commit[];
  /** packages ever present, for entries that name a package. */
  readonly allPackages: readonly string[];
}

/** LegacyUniverse is the proxy's modules and what the entries may name. */
export interface LegacyUniverse {
  readonly modules: readonly UniverseModule[];
  readonly specs: readonly ModuleSpec[];
}

function timeOf(day: number): string {
  const d = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000 + 3_600_000 * (day % 7));
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

function pseudo(base: string, time: string, hash: string): string {
  const stamp = time.replace(/[-:TZ]/g, '');
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(base);
  if (!m) return `v0.0.0-${stamp}-${hash.slice(0, 12)}`;
  return `v${m[1]}.${m[2]}.${Number(m[3]) + 1}-0.${stamp}-${hash.slice(0, 12)}`;
}

/** specFor draws one module's history: tags in order, some untagged commits between them. */
function specFor(r: Prng, path: string, tags: readonly string[], packages: readonly string[], hasGoMod: boolean): ModuleSpec {
  const commits: Commit[] = [];
  let day = r.int(0, 50);
  let present = ['', ...packages.filter(() => r.chance(0.6))];
  let lastTag = '';
  for (const tag of tags) {
    if (r.chance(0.4) && lastTag !== '') {
      day += r.int(1, 20);
      const hash = r.hex(40);
      const time = timeOf(day);
      commits.push({ hash, version: pseudo(lastTag, time, hash), tagged: false, time, packages: present });
    }
    day += r.int(1, 30);
    // Packages come and go between tags: entries that name a package at the wrong version fail.
    if (r.chance(0.5)) present = ['', ...packages.filter(() => r.chance(0.7))];
    commits.push({ hash: r.hex(40), version: tag, tagged: true, time: timeOf(day), packages: present });
    lastTag = tag;
  }
  if (r.chance(0.6)) {
    day += r.int(1, 20);
    const hash = r.hex(40);
    const time = timeOf(day);
    commits.push({ hash, version: pseudo(lastTag, time, hash), tagged: false, time, packages: present });
  }
  return { path, hasGoMod, commits, allPackages: ['', ...packages] };
}

function goFile(dir: string, modPath: string): string {
  const name = (dir === '' ? modPath : dir).split('/').pop()!.replace(/\W/g, '_');
  return `package ${name}\n`;
}

function toModule(spec: ModuleSpec, nestedDirs: readonly string[], r: Prng): UniverseModule {
  const versions: UniverseVersion[] = [];
  const revisions: Record<string, string> = {};
  for (const c of spec.commits) {
    const files: Record<string, string> = {};
    for (const p of c.packages) files[(p === '' ? '' : p + '/') + 'doc.go'] = goFile(p, spec.path);
    // A nested module's directory is not part of the outer module's zip (as go builds zips).
    for (const n of nestedDirs) for (const f of Object.keys(files)) if (f.startsWith(n + '/')) delete files[f];
    const goMod = spec.hasGoMod ? `module ${spec.path}\n` : null;
    versions.push({ version: c.version, time: c.time, goMod, listed: c.tagged, files });
    revisions[c.hash] = c.version;
    if (r.chance(0.3)) revisions[c.hash.slice(0, 12)] = c.version;
    if (!spec.hasGoMod && c.version.endsWith('+incompatible')) revisions[c.version.replace(/\+incompatible$/, '')] = c.version;
  }
  revisions.master = spec.commits[spec.commits.length - 1]!.version;
  return { path: spec.path, versions, revisions };
}

/** generateLegacyUniverse draws the proxy's modules for one seed. */
export function generateLegacyUniverse(r: Prng): LegacyUniverse {
  const specs: ModuleSpec[] = [];
  const pick = (tags: string[]): string[] => tags.filter((_, i) => i === 0 || r.chance(0.75));
  specs.push(specFor(r, 'example.com/alpha', pick(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1']), ['util', 'util/inner', 'cmd/tool', 'nested'], r.chance(0.7)));
  specs.push(specFor(r, 'example.com/alpha/nested', pick(['v0.1.0', 'v0.2.0']), ['deep'], true));
  specs.push(specFor(r, 'example.com/beta', pick(['v0.1.0', 'v0.2.0', 'v2.0.0+incompatible', 'v2.1.0+incompatible']), ['codec', 'internal/x'], false));
  specs.push(specFor(r, 'github.com/org/gamma', pick(['v1.0.0', 'v1.3.0']), ['client'], true));
  specs.push(specFor(r, 'github.com/org/gamma/v2', pick(['v2.0.0', 'v2.0.1']), ['client'], true));
  specs.push(specFor(r, 'gopkg.in/yaml.v2', pick(['v2.2.1', 'v2.2.2', 'v2.3.0']), [], r.chance(0.5)));
  // An upper-case path (escaped as !sirupsen by the proxy), as dep projects pinned logrus.
  if (r.chance(0.5)) specs.push(specFor(r, 'github.com/Sirupsen/logrus', pick(['v1.0.0', 'v1.0.5', 'v1.1.0']), ['hooks/syslog'], r.chance(0.5)));
  if (r.chance(0.5)) specs.push(specFor(r, 'golang.org/x/text', pick(['v0.3.0', 'v0.3.2']), ['unicode/norm', 'transform'], r.chance(0.5)));
  const modules = specs.map((s) => toModule(s, s.path === 'example.com/alpha' ? ['nested'] : [], r));
  return { modules, specs };
}

function pkgPath(spec: ModuleSpec, dir: string): string {
  return dir === '' ? spec.path : `${spec.path}/${dir}`;
}

/** randomEntry draws one lock-file entry naming something in (or missing from) the universe. */
export function randomEntry(r: Prng, u: LegacyUniverse): LegacyEntry {
  const spec = r.pick(u.specs);
  const commit = r.pick(spec.commits);
  const tagged = spec.commits.filter((c) => c.tagged);
  const tag = r.pick(tagged);
  const path = r.chance(0.5) ? spec.path : pkgPath(spec, r.pick(spec.allPackages));
  const roll = r.int(0, 15);
  switch (roll) {
    case 0:
    case 1:
      // The other formats record the tag itself half of the time (dep then has it as its revision too).
      return { path, rev: r.chance(0.5) ? tag.version : tag.hash, depVersion: tag.version, kind: 'canonical-version' };
    case 2:
      return { path, rev: tag.hash, kind: 'hash-of-tag' };
    case 3: {
      const untagged = spec.commits.filter((c) => !c.tagged);
      const c = untagged.length > 0 ? r.pick(untagged) : commit;
      return { path, rev: c.hash, kind: 'untagged-commit' };
    }
    case 4:
      return { path, rev: commit.hash.slice(0, 12), kind: 'short-hash' };
    case 5:
      return { path, rev: 'master', kind: 'branch' };
    case 6:
      return { path, rev: r.hex(40), kind: 'unknown-revision' };
    case 7: {
      // Non-canonical versions: dep keeps its revision; the other formats ask for the string itself.
      const odd = r.pick([tag.version.replace(/^v/, ''), tag.version.replace(/\.\d+$/, ''), tag.version + '+meta', tag.version.replace(/\.\d+\.\d+$/, '')]);
      return { path, rev: r.chance(0.5) ? odd : tag.hash, depVersion: odd, kind: 'non-canonical-version' };
    }
    case 8:
      return { path: `${spec.path}/nosuchpkg`, rev: tag.version, depVersion: tag.version, kind: 'package-not-in-module' };
    case 9:
      return { path: r.pick(['nothere.example/x', 'github.com/nobody/nothing', 'example.com/alpha2']), rev: r.chance(0.5) ? 'v1.0.0' : r.hex(40), kind: 'no-such-module' };
    case 10: {
      const fork = `fork.example/${spec.path.split('/').pop()!.replace(/\W/g, '')}`;
      const host = spec.path.split('/')[0]!;
      const rest = spec.path.slice(host.length + 1);
      const source = r.pick([spec.path, `https://${spec.path}.git`, `git@${host}:${rest}.git`, `ssh://git@${spec.path}`]);
      return r.chance(0.5)
        ? { path: fork, rev: tag.hash, depVersion: tag.version, source, kind: 'source-fork' }
        : { path: fork, rev: commit.hash, source, kind: 'source-fork-revision' };
    }
    case 11:
      return { path: 'example.com/alpha/nested/deep', rev: r.pick(u.specs.find((s) => s.path === 'example.com/alpha/nested')!.commits).hash, kind: 'nested-module-package' };
    case 12:
      return { path: tag.version.startsWith('v2') ? spec.path : path, rev: tag.version.replace(/\+incompatible$/, ''), depVersion: tag.version.replace(/\+incompatible$/, ''), kind: 'tag' };
    default:
      return { path, rev: commit.hash, depVersion: commit.tagged ? commit.version : undefined, kind: commit.tagged ? 'canonical-version' : 'untagged-commit' };
  }
}
