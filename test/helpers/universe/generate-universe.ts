// Random module universes for the differential suite. A universe is a pure function of its seed:
// the same seed always gives the same modules, versions, go.mod files and working tree, so a
// mismatch can be replayed with GOMODX_DIFF_SEED=<seed> GOMODX_DIFF_COUNT=1.
//
// Every requirement names a version that exists in the universe, so that the go command never
// fails for a missing module; the hand-made error cases live in generate-error-cases.ts.
import { compareGoVersions, maxGoVersion } from './go-version-order';
import { createPrng, type Prng } from './prng';
import {
  renderGoMod,
  renderGoWork,
  type GoModSpec,
  type Replacement,
  type Requirement,
} from './render-go-mod';
import type { Universe, UniverseModule, UniverseVersion } from './universe-model';

interface DraftVersion {
  version: string;
  time: string;
  listed: boolean;
  /** spec is null for versions without a go.mod (+incompatible). */
  spec: (GoModSpec & { require: Requirement[] }) | null;
}

interface DraftModule {
  path: string;
  versions: DraftVersion[];
}

const HOSTS = ['example.com', 'golang.test', 'example.org'] as const;
const ORGS = ['Azure', 'acme', 'BurntSushi', 'x'] as const;
const NAMES = [
  'alpha', 'beta', 'gamma', 'delta', 'kit', 'log', 'yaml', 'net', 'util', 'proto', 'text', 'sys',
  'crypto', 'rpc', 'sdk', 'cli', 'retry', 'cache', 'Config', 'http',
] as const;
const PRERELEASES = ['alpha', 'alpha.1', 'beta.2', 'rc.1', 'rc.2', 'pre'] as const;

/** Go lines that dependencies may carry ("old" universes stay below 1.21, where go lines matter). */
const DEP_GO_OLD = [undefined, '1.12', '1.13', '1.16', '1.17'] as const;
const DEP_GO_MIXED = [
  undefined, undefined, '1.13', '1.16', '1.17', '1.17', '1.18', '1.20', '1.21', '1.21.0', '1.22.3',
  '1.23.0',
] as const;
const MAIN_GO = [undefined, '1.16', '1.16', '1.17', '1.17', '1.21', '1.21.0', '1.22', '1.22.3'] as const;
const LAX_GO_LINES = ['1.19.x', '1.18beta', '1.17-pre'] as const;
const LAX_ONLY_LINES = [
  'frobnicate example.com/some/thing',
  'future (\n\tsomething new\n)',
  'tool example.com/cmd/gen',
  'godebug asynctimerchan=1',
  'retract not-a-version',
  'retract v1.0.0 with-a-note',
] as const;
const TOOLCHAINS = ['go1.21.0', 'go1.22.5', 'go1.23.4', 'go1.25.0'] as const;

/** toolchainsFrom lists the toolchain lines not older than go line go. */
function toolchainsFrom(go: string): string[] {
  return [...TOOLCHAINS.filter((t) => compareGoVersions(t.slice(2), go) >= 0), 'go1.26.0'];
}

function pseudoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * versionLine invents the history of one major version: tags, prereleases and pseudo-versions of
 * all three forms (vX.0.0-t-h, vX.Y.Z-pre.0.t-h, vX.Y.(Z+1)-0.t-h), in time order.
 */
function versionLine(
  r: Prng,
  major: number,
  suffix: '' | '+incompatible',
  startMs: number,
): { version: string; time: string; listed: boolean }[] {
  const out: { version: string; time: string; listed: boolean }[] = [];
  const seen = new Set<string>();
  let release: [number, number, number] | null = null;
  let pre: { tag: string; base: [number, number, number] } | null = null;
  let preIsNewest = false;
  let t = startMs;
  const count = r.int(1, 5);
  for (let i = 0; i < count; i++) {
    t += r.int(1, 120) * 86_400_000 + r.int(0, 86_399) * 1000;
    const roll = r.float();
    let version: string;
    let listed = true;
    if (roll < 0.5 || (roll < 0.7 && release === null && pre === null && i === count - 1)) {
      let next: [number, number, number];
      if (pre && preIsNewest && r.chance(0.6)) next = pre.base;
      else if (release === null) next = [major, major === 0 ? r.int(0, 2) : 0, 0];
      else next = r.chance(0.6) ? [major, release[1], release[2] + 1] : [major, release[1] + 1, 0];
      version = `v${next.join('.')}`;
      release = next;
      preIsNewest = false;
    } else if (roll < 0.7) {
      const base: [number, number, number] =
        release === null ? [major, major === 0 ? 1 : 0, 0] : [major, release[1] + 1, 0];
      const name = r.chance(0.1) ? 'RC1' : r.pick(PRERELEASES);
      version = `v${base.join('.')}-${name}`;
      pre = { tag: version, base };
      preIsNewest = true;
    } else {
      const stamp = `${pseudoTimestamp(t)}-${r.hex(12)}`;
      if (pre && preIsNewest) version = `${pre.tag}.0.${stamp}`;
      else if (release) version = `v${release[0]}.${release[1]}.${release[2] + 1}-0.${stamp}`;
      else version = `v${major === 1 ? 0 : major}.0.0-${stamp}`;
      listed = false;
    }
    version += suffix;
    if (seen.has(version)) continue;
    seen.add(version);
    out.push({ version, time: isoTime(t), listed });
  }
  return out;
}

function randomStart(r: Prng): number {
  return Date.UTC(2019, 0, 1) + r.int(0, 4 * 365) * 86_400_000;
}

/** uniquePath draws a module path that is not used yet. */
function uniquePath(used: Set<string>, make: () => string): string {
  for (let i = 0; i < 50; i++) {
    const p = make();
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
  throw new Error('generate-universe: could not find an unused module path');
}

interface Families {
  modules: DraftModule[];
  tags: Set<string>;
}

function makeModules(r: Prng, used: Set<string>): Families {
  const modules: DraftModule[] = [];
  const tags = new Set<string>();
  const familyCount = r.int(4, 10);
  const withGoMod = (vs: { version: string; time: string; listed: boolean }[]): DraftVersion[] =>
    vs.map((v) => ({ ...v, spec: { module: '', require: [] } }));
  for (let f = 0; f < familyCount; f++) {
    if (r.chance(0.1)) {
      const major = r.int(1, 3);
      const path = uniquePath(used, () => `gopkg.in/${r.pick(NAMES).toLowerCase()}.v${major}`);
      modules.push({ path, versions: withGoMod(versionLine(r, major, '', randomStart(r))) });
      tags.add('gopkg.in');
      continue;
    }
    const base = uniquePath(used, () => {
      const host = r.pick(HOSTS);
      const name = r.pick(NAMES);
      return r.chance(0.3) ? `${host}/${r.pick(ORGS)}/${name}` : `${host}/${name}`;
    });
    if (/[A-Z]/.test(base)) tags.add('upper-case-path');
    const start = randomStart(r);
    const majors = r.pick([[0], [1], [0, 1], [0, 1]]);
    const versions: DraftVersion[] = [];
    for (const m of majors) versions.push(...withGoMod(versionLine(r, m, '', start + m * 200 * 86_400_000)));
    if (r.chance(0.2)) {
      // A path that reached v2+ before it had a go.mod: +incompatible versions with no go.mod.
      for (const m of r.chance(0.3) ? [2, 3] : [2]) {
        const line = versionLine(r, m, '+incompatible', start + m * 300 * 86_400_000);
        versions.push(...line.map((v) => ({ ...v, spec: null })));
      }
      tags.add('incompatible');
    }
    // The v0 and v1 lines can both start with a v0.0.0 pseudo-version; keep one of each.
    const distinct = versions.filter((v, i) => versions.findIndex((w) => w.version === v.version) === i);
    modules.push({ path: base, versions: distinct });
    if (r.chance(0.3)) {
      // /v2 (and sometimes /v3) twins: distinct modules that share a repository with base.
      for (const m of r.chance(0.3) ? [2, 3] : [2]) {
        const path = `${base}/v${m}`;
        used.add(path);
        modules.push({ path, versions: withGoMod(versionLine(r, m, '', start + m * 400 * 86_400_000)) });
      }
      tags.add('major-twins');
    }
  }
  for (const m of modules) {
    for (const v of m.versions) if (v.spec) v.spec = { ...v.spec, module: m.path };
  }
  return { modules, tags };
}

function pickVersion(r: Prng, m: DraftModule): string {
  return r.pick(m.versions).version;
}

/** fillDependencyGoMods gives every published go.mod a go line and random requirements. */
function fillDependencyGoMods(
  r: Prng,
  modules: DraftModule[],
  mainPath: string,
  oldEra: boolean,
  laxDeps: boolean,
): void {
  const goChoices = oldEra ? DEP_GO_OLD : DEP_GO_MIXED;
  for (const m of modules) {
    for (const v of m.versions) {
      if (!v.spec) continue;
      // The main module's path is left to the explicit injection in generateUniverse, so that
      // "a dependency requires the main module" stays a property of some universes, not all.
      const others = modules.filter((o) => o.path !== m.path && o.path !== mainPath);
      const require: Requirement[] = r
        .sample(others, r.pick([0, 1, 1, 2, 2, 3, 4]))
        .map((o) => ({ path: o.path, version: pickVersion(r, o), indirect: r.chance(0.15) }));
      let go: string | undefined = r.pick(goChoices);
      if (!oldEra && r.chance(0.02)) go = '1.21rc1';
      const extra: { -readonly [K in keyof GoModSpec]?: GoModSpec[K] } = {};
      if (go && compareGoVersions(go, '1.21') >= 0 && r.chance(0.1)) extra.toolchain = r.pick(TOOLCHAINS);
      // Directives that the go command ignores in dependencies: they must not change the answer.
      if (others.length > 0 && r.chance(0.08)) {
        const o = r.pick(others);
        extra.exclude = [{ path: o.path, version: pickVersion(r, o) }];
      }
      if (others.length > 0 && r.chance(0.08)) {
        const o = r.pick(others);
        extra.replace = [
          r.chance(0.5)
            ? { oldPath: o.path, newPath: '../' + o.path.split('/').pop()! }
            : { oldPath: o.path, newPath: o.path, newVersion: pickVersion(r, o) },
        ];
      }
      if (r.chance(0.05)) extra.retract = [v.version];
      if (laxDeps && r.chance(0.1)) {
        // Dependencies are parsed leniently: unknown directives and blocks, main-module-only
        // directives and malformed retractions are dropped, and a sloppy go line is trimmed
        // ("1.19.x" reads as "1.19").
        extra.raw = r.sample(LAX_ONLY_LINES, r.int(1, 2));
      }
      if (laxDeps && r.chance(0.08)) go = r.pick(LAX_GO_LINES);
      v.spec = { ...v.spec, ...extra, go, require };
    }
  }
}

function hasCycle(modules: readonly DraftModule[]): boolean {
  const edges = new Map<string, Set<string>>();
  for (const m of modules) {
    const to = new Set<string>();
    for (const v of m.versions) for (const q of v.spec?.require ?? []) to.add(q.path);
    edges.set(m.path, to);
  }
  const state = new Map<string, 1 | 2>();
  const visit = (p: string): boolean => {
    state.set(p, 1);
    for (const q of edges.get(p) ?? []) {
      const s = state.get(q);
      if (s === 1) return true;
      if (s === undefined && visit(q)) return true;
    }
    state.set(p, 2);
    return false;
  };
  return modules.some((m) => state.get(m.path) === undefined && visit(m.path));
}

function finishModules(modules: readonly DraftModule[], r: Prng): UniverseModule[] {
  return modules.map((m) => ({
    path: m.path,
    versions: m.versions.map(
      (v): UniverseVersion => ({
        version: v.version,
        time: v.time,
        listed: v.listed,
        goMod: v.spec ? renderGoMod(v.spec, r) : null,
      }),
    ),
  }));
}

interface MainDraft {
  files: Record<string, string>;
  tags: string[];
}

/**
 * draftMainModule writes the main go.mod: requirements, excludes, and replacements of every kind
 * (version-specific, wildcard, directory, another module path, and a module that exists nowhere
 * but behind its replacement).
 */
function draftMainModule(
  r: Prng,
  mainPath: string,
  deps: readonly DraftModule[],
  used: Set<string>,
  dir: string,
  goLine: string | undefined,
  noReplace: ReadonlySet<string>,
): MainDraft {
  const tags: string[] = [];
  const files: Record<string, string> = {};
  const prefix = dir === '.' ? '' : `${dir}/`;
  const chosen = r.sample(deps, r.int(1, Math.min(6, deps.length)));
  const require: Requirement[] = chosen.map((m) => ({
    path: m.path,
    version: pickVersion(r, m),
    indirect: r.chance(0.25),
  }));
  const replace: Replacement[] = [];
  const replacedKeys = new Set<string>();
  const addReplace = (rep: Replacement, tag: string): void => {
    const key = `${rep.oldPath}@${rep.oldVersion ?? ''}`;
    if (replacedKeys.has(key) || noReplace.has(rep.oldPath)) return;
    replacedKeys.add(key);
    replace.push(rep);
    tags.push(tag);
  };
  const localModule = (oldPath: string): string => {
    const name = `local/${oldPath.split('/').pop()!.toLowerCase()}${r.int(1, 99)}`;
    const reqs = r.sample(deps.filter((d) => d.path !== oldPath), r.int(0, 2));
    files[prefix + name + '/go.mod'] = renderGoMod(
      {
        module: oldPath,
        go: r.pick(DEP_GO_MIXED),
        require: reqs.map((d) => ({ path: d.path, version: pickVersion(r, d) })),
      },
      r,
    );
    return './' + name;
  };
  const replaceCount = r.pick([0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < replaceCount; i++) {
    const old = r.chance(0.7) && chosen.length > 0 ? r.pick(chosen) : r.pick(deps);
    const target = r.pick(deps);
    switch (r.int(0, 3)) {
      case 0:
        addReplace(
          { oldPath: old.path, oldVersion: pickVersion(r, old), newPath: old.path, newVersion: pickVersion(r, old) },
          'replace:version',
        );
        break;
      case 1:
        addReplace({ oldPath: old.path, newPath: target.path, newVersion: pickVersion(r, target) }, 'replace:wildcard');
        break;
      case 2: {
        const versioned = r.chance(0.3);
        addReplace(
          {
            oldPath: old.path,
            ...(versioned ? { oldVersion: pickVersion(r, old) } : {}),
            newPath: localModule(old.path),
          },
          'replace:dir',
        );
        break;
      }
      default:
        if (target.path !== old.path) {
          addReplace(
            {
              oldPath: old.path,
              ...(r.chance(0.5) ? { oldVersion: pickVersion(r, old) } : {}),
              newPath: target.path,
              newVersion: pickVersion(r, target),
            },
            'replace:other-path',
          );
        }
    }
  }
  if (r.chance(0.12)) {
    // A module that exists only through its replacement: go must never ask the proxy for it.
    const ghost = uniquePath(used, () => `example.com/ghost${r.int(1, 9)}`);
    const version = r.pick(['v1.0.0', 'v0.3.1', 'v0.0.0-20200101000000-000000000000']);
    require.push({ path: ghost, version, indirect: false });
    const target = r.pick(deps);
    addReplace(
      r.chance(0.5)
        ? { oldPath: ghost, newPath: localModule(ghost) }
        : { oldPath: ghost, oldVersion: version, newPath: target.path, newVersion: pickVersion(r, target) },
      'replace:ghost',
    );
  }
  const exclude: { path: string; version: string }[] = [];
  if (r.chance(0.35)) {
    for (const m of r.sample(deps, r.int(1, 3))) exclude.push({ path: m.path, version: pickVersion(r, m) });
    tags.push('exclude');
  }
  const spec: GoModSpec = {
    module: mainPath,
    ...(goLine !== undefined ? { go: goLine } : {}),
    ...(goLine && compareGoVersions(goLine, '1.21') >= 0 && r.chance(0.3)
      ? { toolchain: r.pick(toolchainsFrom(goLine)) }
      : {}),
    ...(goLine && compareGoVersions(goLine, '1.21') >= 0 && r.chance(0.05) ? { godebug: ['default=go1.21'] } : {}),
    require,
    exclude,
    replace,
    ...(r.chance(0.1) ? { retract: retractionsFor(mainPath) } : {}),
  };
  if (spec.toolchain) tags.push('toolchain');
  if (spec.godebug) tags.push('godebug');
  if (spec.retract) tags.push('retract');
  files[prefix + 'go.mod'] = renderGoMod(spec, r);
  return { files, tags };
}

/** retractionsFor returns retract lines whose versions suit the major version of path. */
function retractionsFor(path: string): string[] {
  const major = /(?:\/v|\.v)(\d+)$/.exec(path)?.[1];
  const m = major ?? '0';
  return [`v${m}.0.1`, `[v${m}.1.0, v${m}.1.5]`];
}

function goTag(go: string | undefined): string {
  return go === undefined ? 'none' : go;
}

/** isPrunedGoLine tells whether a go line enables module graph pruning (go 1.17 and later). */
export function isPrunedGoLine(go: string | undefined): boolean {
  return go !== undefined && compareGoVersions(go, '1.17') >= 0;
}

/**
 * generateUniverse builds the universe for one seed.
 *
 * About 80% are single-module universes and 20% workspaces (go.work with two or three modules).
 * About a quarter of single-module universes ask to be kept inconsistent; since some drafts are
 * consistent anyway, about one in five ends up so. The others are made consistent by
 * settleUniverse, which runs the go command.
 */
export function generateUniverse(seed: number): Universe {
  const r = createPrng(seed);
  const used = new Set<string>();
  const tags = new Set<string>();
  const oldEra = r.chance(0.4);
  if (oldEra) tags.add('deps-below-go1.21');
  const { modules, tags: familyTags } = makeModules(r, used);
  for (const t of familyTags) tags.add(t);

  // The main module's path is also published: dependencies may require it at some version.
  const mainPath = uniquePath(used, () =>
    r.chance(0.3) ? `golang.test/${r.pick(ORGS)}/app` : `example.com/app${r.int(1, 9)}`,
  );
  const mainModule: DraftModule = {
    path: mainPath,
    versions: versionLine(r, r.int(0, 1), '', randomStart(r)).map((v) => ({
      ...v,
      spec: { module: mainPath, require: [] },
    })),
  };
  const all = [...modules, mainModule];
  fillDependencyGoMods(r, all, mainPath, oldEra, r.chance(0.3));
  if (r.chance(0.3) && modules.length >= 2) {
    // An explicit two-module cycle on top of whatever the random requirements produced.
    const [a, b] = r.sample(modules.filter((m) => m.versions.some((v) => v.spec)), 2);
    if (a && b) {
      const va = r.pick(a.versions.filter((v) => v.spec));
      const vb = r.pick(b.versions.filter((v) => v.spec));
      va.spec!.require.push({ path: b.path, version: vb.version });
      if (!vb.spec!.require.some((q) => q.path === a.path)) vb.spec!.require.push({ path: a.path, version: va.version });
    }
  }
  if (r.chance(0.3)) {
    const dep = r.pick(modules);
    const v = dep.versions.find((x) => x.spec && !x.spec.require.some((q) => q.path === mainPath));
    if (v) v.spec!.require.push({ path: mainPath, version: pickVersion(r, mainModule) });
  }
  if (all.some((m) => m.versions.some((v) => v.spec?.require.some((q) => q.path === mainPath)))) {
    tags.add('dep-requires-main');
  }
  if (hasCycle(all)) tags.add('cycle');
  const laxGo = new Set<string>(LAX_GO_LINES);
  if (all.some((m) => m.versions.some((v) => v.spec?.raw || (v.spec?.go && laxGo.has(v.spec.go))))) {
    tags.add('dep-lax-syntax');
  }
  for (const m of all) {
    for (const v of m.versions) {
      if (!v.listed) {
        tags.add(
          /-0\.\d{14}-/.test(v.version)
            ? 'pseudo:after-release'
            : /\.0\.\d{14}-/.test(v.version)
              ? 'pseudo:after-prerelease'
              : 'pseudo:no-base',
        );
      } else if (v.version.includes('-')) tags.add('prerelease');
    }
  }

  const workspace = r.chance(0.2);
  const files: Record<string, string> = {};
  const sumFiles: string[] = [];
  let runDir = '.';
  let gowork: Universe['gowork'] = 'off';
  const commands: string[][] = [
    ['list', '-m', 'all'],
    ['list', '-m', '-json', 'all'],
    ['mod', 'graph'],
    ['mod', 'edit', '-json'],
  ];
  if (!workspace) {
    // Old-era universes lean towards unpruned main modules, which only stay consistent there.
    const goLine = oldEra && r.chance(0.5) ? r.pick([undefined, '1.16', '1.16']) : r.pick(MAIN_GO);
    tags.add(`main-go:${goTag(goLine)}`);
    tags.add(isPrunedGoLine(goLine) ? 'pruned' : 'unpruned');
    const draft = draftMainModule(r, mainPath, modules, used, '.', goLine, new Set());
    Object.assign(files, draft.files);
    for (const t of draft.tags) tags.add(t);
    sumFiles.push('go.sum');
  } else {
    tags.add('workspace');
    gowork = r.chance(0.5) ? 'discover' : 'explicit';
    const dirs = r.chance(0.6) ? ['a', 'b'] : ['a', 'b', 'c'];
    if (r.chance(0.25)) dirs.unshift('.');
    const memberGo: (string | undefined)[] = [];
    const memberPaths: string[] = [];
    for (const dir of dirs) {
      // A member may take over a published module's path: requirements on it then resolve to
      // the workspace copy.
      const published = modules.filter((m) => !memberPaths.includes(m.path));
      memberPaths.push(
        dir === '.'
          ? mainPath
          : r.chance(0.25) && published.length > 0
            ? r.pick(published).path
            : uniquePath(used, () => `example.com/ws/${dir}${r.int(1, 99)}`),
      );
    }
    // Replacing a workspace module is an error, and so are two members replacing one module
    // differently: both stay out of the random universes.
    const noReplace = new Set<string>(memberPaths);
    dirs.forEach((dir, i) => {
      const path = memberPaths[i]!;
      const goLine = r.pick(['1.18', '1.20', ...MAIN_GO.filter((g) => g && compareGoVersions(g, '1.18') >= 0)]);
      memberGo.push(goLine);
      const deps = modules.filter((m) => m.path !== path);
      const draft = draftMainModule(r, path, deps, used, dir, goLine, noReplace);
      for (const line of draft.files[dir === '.' ? 'go.mod' : `${dir}/go.mod`]!.split('\n')) {
        const m = /^\s*(?:replace\s+)?(\S+)(?: \S+)? => /.exec(line);
        if (m) noReplace.add(m[1]!);
      }
      Object.assign(files, draft.files);
      for (const t of draft.tags) tags.add(t);
    });
    let workGo = maxGoVersion(memberGo) ?? '1.18';
    if (r.chance(0.5)) workGo = maxGoVersion([workGo, r.pick(['1.21.0', '1.22.3', '1.23.0'])])!;
    tags.add(`work-go:${workGo}`);
    const workReplace: Replacement[] = [];
    const replaceable = modules.filter((m) => !memberPaths.includes(m.path));
    if (r.chance(0.4) && replaceable.length > 0) {
      const old = r.pick(replaceable);
      const target = r.pick(modules);
      workReplace.push({ oldPath: old.path, newPath: target.path, newVersion: pickVersion(r, target) });
      tags.add('work-replace');
    }
    files['go.work'] = renderGoWork(
      {
        go: workGo,
        ...(r.chance(0.2) ? { toolchain: r.pick(toolchainsFrom(workGo)) } : {}),
        use: dirs.map((d) => (d === '.' ? '.' : `./${d}`)),
        replace: workReplace,
      },
      r,
    );
    if (r.chance(0.5)) sumFiles.push('go.work.sum');
    else for (const d of dirs) sumFiles.push(d === '.' ? 'go.sum' : `${d}/go.sum`);
    if (r.chance(0.25)) runDir = dirs.find((d) => d !== '.')!;
    commands.push(['work', 'edit', '-json']);
  }
  return {
    seed,
    name: `u${seed}`,
    intent: 'consistent',
    modules: finishModules(all, r),
    files,
    sumFiles,
    runDir,
    gowork,
    commands,
    tags: [...tags].sort(),
    wantInconsistent: !workspace && r.chance(0.27),
  };
}
