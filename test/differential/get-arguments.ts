// Random `go get` argument lists for a universe: exact versions (tags, prereleases,
// pseudo-versions, +incompatible), @none, @latest/@upgrade/@patch, prefix and range queries,
// plain paths, versions that do not exist, -u and -u=patch, go@ and toolchain@, and several
// arguments at once. A list is a pure function of the universe and the PRNG.
import { createPrng, type Prng } from '../helpers/universe/prng';
import type { Universe, UniverseModule } from '../helpers/universe/universe-model';

/** GetCase is one go get invocation: flags then arguments. */
export interface GetCase {
  readonly args: readonly string[];
  /** kinds describes what the case exercises, for the report. */
  readonly kinds: readonly string[];
}

function semverParts(v: string): { major: string; minor: string } | undefined {
  const m = /^v(\d+)\.(\d+)\.\d+/.exec(v);
  return m ? { major: m[1]!, minor: m[2]! } : undefined;
}

function oneArgument(r: Prng, u: Universe, mainPath: string, kinds: string[]): string {
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

/** getCases draws count argument lists for u (whose main module path is mainPath). */
export function getCases(u: Universe, mainPath: string, count: number, seed: number): GetCase[] {
  const r = createPrng(seed ^ 0x5eed);
  const out: GetCase[] = [];
  for (let i = 0; i < count; i++) {
    const kinds: string[] = [];
    const flags: string[] = [];
    const n = r.pick([1, 1, 1, 1, 2, 2, 3]);
    const args: string[] = [];
    for (let k = 0; k < n; k++) args.push(oneArgument(r, u, mainPath, kinds));
    if (r.chance(0.2)) {
      // -u only where go's answer is module-determined: the universe's packages import nothing,
      // so -u changes only the default query of arguments without a version.
      flags.push(r.pick(['-u', '-u=patch']));
      kinds.push(flags[0]!);
      args.push(r.pick(u.modules.filter((m) => m.path !== mainPath)).path);
    }
    if (n > 1) kinds.push('multi');
    out.push({ args: [...flags, ...args], kinds });
  }
  return out;
}
