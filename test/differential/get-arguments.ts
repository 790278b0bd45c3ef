// Random `go get` argument lists for a universe: exact versions (tags, prereleases,
// pseudo-versions, +incompatible), @none, @latest/@upgrade/@patch, prefix and range queries,
// plain paths, versions that do not exist, -u and -u=patch, go@ and toolchain@, several
// arguments at once, and package patterns (./..., all, ., the main module's packages, a
// dependency's subpackage), with or without -u. A list is a pure function of the universe and
// the PRNG.
import { createPrng, type Prng } from '../helpers/universe/prng';
import type { Universe, UniverseModule } from '../helpers/universe/universe-model';

/** GetCase is one go get invocation: flags then arguments. */
export interface GetCase {
  readonly args: readonly string[];
  /** cwd is the directory (relative to the main module) where go get runs; the module root if absent. */
  readonly cwd?: string;
  /** kinds describes what the case exercises, for the report. */
  readonly kinds: readonly string[];
}

function semverParts(v: string): { major: string; minor: string } | undefined {
  const m = /^v(\d+)\.(\d+)\.\d+/.exec(v);
  return m ? { major: m[1]!, minor: m[2]! } : undefined;
}

/** wildcardArgument draws a module path pattern with "...": one module's tree, a host, a prefix. */
function wildcardArgument(r: Prng, u: Universe, mainPath: string, kinds: string[]): string {
  const mods = u.modules.filter((m) => m.path !== mainPath);
  const m: UniverseModule = r.pick(mods);
  const roll = r.float();
  let pattern: string;
  if (roll < 0.6) pattern = `${m.path}/...`;
  else if (roll < 0.75) pattern = `${m.path.split('/')[0]}/...`;
  else if (roll < 0.9) pattern = `${m.path}...`;
  else pattern = `${mainPath}/...`;
  const v = r.float();
  if (v < 0.5) {
    kinds.push('wildcard');
    return pattern;
  }
  if (v < 0.7) {
    kinds.push('wildcard@none');
    return `${pattern}@none`;
  }
  if (v < 0.85) {
    kinds.push('wildcard@version');
    return `${pattern}@${r.pick(m.versions).version}`;
  }
  kinds.push('wildcard@query');
  return `${pattern}@${r.pick(['latest', 'patch', 'upgrade'])}`;
}

function oneArgument(r: Prng, u: Universe, mainPath: string, kinds: string[]): string {
  if (u.tags.includes('packages') && r.chance(0.07)) return wildcardArgument(r, u, mainPath, kinds);
  const mods = u.modules.filter((m) => m.path !== mainPath);
  const m: UniverseModule = r.pick(mods);
  const v = r.pick(m.versions).version;
  const roll = r.float();
  if (roll < 0.35) {
    kinds.push(v.includes('+incompatible') ? 'exact:incompatible' : /\d{14}-[0-9a-f]{12}/.test(v) ? 'exact:pseudo' : v.includes('-') ? 'exact:prerelease' : 'exact');
    return `${m.path}@${v}`;
  }
  if (roll < 0.47) {
    kinds.push('none');
    return `${m.path}@none`;
  }
  if (roll < 0.57) {
    const q = r.pick(['latest', 'upgrade', 'patch']);
    kinds.push(q);
    return `${m.path}@${q}`;
  }
  if (roll < 0.63) {
    kinds.push('plain');
    return m.path;
  }
  if (roll < 0.82) {
    const p = semverParts(v);
    const q = r.pick(['prefix-major', 'prefix-minor', '<', '<=', '>', '>=']);
    kinds.push(`query:${q}`);
    if (q === 'prefix-major' && p) return `${m.path}@v${p.major}`;
    if (q === 'prefix-minor' && p) return `${m.path}@v${p.major}.${p.minor}`;
    const canon = v.replace(/\+incompatible$/, '');
    return `${m.path}@${q.startsWith('prefix') ? '>=' : q}${canon}`;
  }
  if (roll < 0.845) {
    kinds.push('missing-version');
    return `${m.path}@v9.9.9`;
  }
  if (roll < 0.895) {
    // go@ below the dependencies' go lines makes go step every module down version by version
    // (minutes per run in both tools): only raise it.
    const g = r.pick(['1.21.0', '1.22.0', '1.23.4', '1.24.0']);
    kinds.push('go@');
    return `go@${g}`;
  }
  if (roll < 0.91) {
    kinds.push('unknown-module');
    return `example.com/nosuch${r.int(1, 9)}@v1.0.0`;
  }
  if (roll < 0.925) {
    kinds.push('main-module');
    return `${mainPath}@v1.0.0`;
  }
  // A retracted target, when the universe has one.
  const retracted = mods.flatMap((x) => x.versions.filter((vv) => vv.goMod?.includes('retract')).map((vv) => ({ path: x.path, version: vv.version })));
  if (retracted.length > 0) {
    const t = r.pick(retracted);
    kinds.push('retracted-target');
    return `${t.path}@${t.version}`;
  }
  kinds.push('exact');
  return `${m.path}@${v}`;
}

/** packageCase draws a case that names packages: the patterns a Go developer types. */
function packageCase(r: Prng, u: Universe, mainPath: string, kinds: string[]): { args: string[]; cwd?: string } {
  const mods = u.modules.filter((m) => m.path !== mainPath);
  const flag = r.pick(['', '', '-u', '-u', '-u=patch']);
  const flags = flag === '' ? [] : [flag];
  if (flag !== '') kinds.push(flag);
  const roll = r.float();
  let args: string[];
  if (roll < 0.4) {
    kinds.push('pkg:./...');
    args = ['./...'];
  } else if (roll < 0.55) {
    kinds.push('pkg:all');
    args = ['all'];
  } else if (roll < 0.6) {
    kinds.push('pkg:none-given');
    args = [];
  } else if (roll < 0.65) {
    const p = r.pick(['tool', 'work']);
    kinds.push(`pkg:${p}`);
    args = [p];
  } else if (roll < 0.72) {
    const p = r.pick(['./cmd/...', './internal/...', './nosuch/...', '.', './cmd/tool']);
    kinds.push(`pkg:${p}`);
    args = [p];
  } else if (roll < 0.8) {
    kinds.push('pkg:main-path');
    args = [r.pick([mainPath, `${mainPath}/cmd/tool`, `${mainPath}/internal/util`])];
  } else if (roll < 0.9) {
    // A dependency's subpackage (which some versions lack), at some version or at the default.
    const m = r.pick(mods);
    const v = r.pick(m.versions).version;
    kinds.push('pkg:dep-sub');
    args = [r.chance(0.5) ? `${m.path}/sub@${v}` : `${m.path}/sub`];
  } else {
    kinds.push('pkg:./...+module');
    const extra = oneArgument(r, u, mainPath, kinds);
    args = ['./...', extra];
  }
  if (u.files['cmd/tool/main.go'] !== undefined && r.chance(0.15)) {
    // From a subdirectory, local patterns are relative to it.
    kinds.push('cwd:cmd/tool');
    const local = args.map((a) => (a === './...' ? r.pick(['./...', '../...', '../../...']) : a));
    return { args: [...flags, ...local], cwd: 'cmd/tool' };
  }
  return { args: [...flags, ...args] };
}

/** getCases draws count argument lists for u (whose main module path is mainPath). */
export function getCases(u: Universe, mainPath: string, count: number, seed: number): GetCase[] {
  const r = createPrng(seed ^ 0x5eed);
  const withPackages = u.tags.includes('packages');
  const out: GetCase[] = [];
  for (let i = 0; i < count; i++) {
    const kinds: string[] = [];
    if (withPackages && r.chance(0.4)) {
      out.push({ ...packageCase(r, u, mainPath, kinds), kinds });
      continue;
    }
    const flags: string[] = [];
    const n = r.pick([1, 1, 1, 1, 2, 2, 3]);
    const args: string[] = [];
    for (let k = 0; k < n; k++) args.push(oneArgument(r, u, mainPath, kinds));
    if (r.chance(0.2)) {
      // -u with a module argument: its package's imports (when it has packages) are upgraded too.
      flags.push(r.pick(['-u', '-u=patch']));
      kinds.push(flags[0]!);
      args.push(r.pick(u.modules.filter((m) => m.path !== mainPath)).path);
    }
    if (n > 1) kinds.push('multi');
    out.push({ args: [...flags, ...args], kinds });
  }
  return out;
}
