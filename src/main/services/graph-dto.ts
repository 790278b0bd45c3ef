/**
 * graph-dto turns an opened project into the ModuleGraphDto the renderer draws. It loads the
 * graph as `go mod graph` does (-mod=mod: an inconsistent go.mod is fixed in memory, nothing is
 * written) and, when loading fails, keeps the part that did load and marks the module that
 * failed, so the window shows a partial graph and go's error instead of nothing.
 */
import { resolve } from 'node:path';
import type { ModuleVersion } from '../../shared/model/module-version';
import { moduleKey } from '../../shared/model/module-version';
import type {
  DependencyKind,
  GraphErrorDto,
  ModuleEdgeDto,
  ModuleGraphDto,
  ModuleNodeDto,
  ModuleNodeKind,
  ModuleSourceKind,
  ReplacementDto,
  ToolchainDto,
} from '../../shared/model/module-graph';
import { splitPathVersion } from '../core/modpath/module-path';
import { compare as semverCompare } from '../core/semver/semver';
import { BuildListError } from '../core/mvs/build-list-error';
import type { ModuleGraphResult, Requirements } from '../core/modload/loader';
import type { LoadProgress } from '../core/modload/ports';
import { formatFailure } from './list-modules';
import { openProject, type ModelledToolchain, type Project } from './project';
import { toolchainInfo } from './toolchain-info';
import type { FetchEvent } from '../sources/module-fetcher';
import { readGoEnv } from '../sources/go-env';
import { findLegacyConfig } from './mod-init';
import { ProjectError } from './project-error';

/** GraphLoad is a loaded graph (possibly partial) and the error that stopped it, if any. */
export interface GraphLoad {
  readonly rs: Requirements;
  /** Absent when nothing could be loaded at all (a fatal error such as a checksum mismatch). */
  readonly mg?: ModuleGraphResult;
  readonly error?: Error;
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return (e as Error)?.name === 'AbortError' || signal?.aborted === true;
}

/**
 * loadGraph loads the project's module graph. A failure leaves the graph read so far: the
 * roots' graph promise is cached, so asking for it again after expandGraph failed costs nothing.
 */
export async function loadGraph(project: Project, signal?: AbortSignal): Promise<GraphLoad> {
  try {
    const { rs, mg } = await project.loader.expandGraph(project.requirements);
    return { rs, mg };
  } catch (e) {
    if (isAbort(e, signal)) throw e;
    let mg: ModuleGraphResult | undefined;
    try {
      mg = await project.requirements.graph(project.loader);
    } catch (inner) {
      if (isAbort(inner, signal)) throw inner;
    }
    return { rs: project.requirements, mg, error: e as Error };
  }
}

/** GraphDtoExtras is what the caller observed while loading. */
export interface GraphDtoExtras {
  /** The last fetch event of each module version whose go.mod was read ("path@version"). */
  readonly fetched?: ReadonlyMap<string, FetchEvent>;
  readonly warnings?: readonly string[];
  readonly example?: boolean;
  readonly elapsedMs?: number;
}

function kindOf(m: ModuleVersion, project: Project): ModuleNodeKind {
  if (m.path === 'go') return 'go';
  if (m.path === 'toolchain') return 'toolchain';
  if (m.version === '' && project.mainModules.contains(m.path)) return 'main';
  return 'module';
}

function familyOf(path: string): string {
  const split = splitPathVersion(path);
  return split.ok ? split.prefix : path;
}

function errorDto(e: Error): GraphErrorDto {
  const message = formatFailure(e).replace(/\n$/, '');
  if (e instanceof BuildListError) {
    return { message, failing: moduleKey(e.failing), chain: e.chain.map(moduleKey) };
  }
  return { message };
}

/** rankVersions numbers each path's versions in semver order (equal versions share a rank). */
function rankVersions(nodes: readonly { path: string; version: string; kind: ModuleNodeKind }[]): Map<string, number> {
  const byPath = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.kind !== 'module') continue;
    const list = byPath.get(n.path) ?? [];
    list.push(n.version);
    byPath.set(n.path, list);
  }
  const rank = new Map<string, number>();
  for (const [path, versions] of byPath) {
    const sorted = [...new Set(versions)].sort(semverCompare);
    let r = 0;
    sorted.forEach((v, i) => {
      if (i > 0 && semverCompare(sorted[i - 1], v) !== 0) r++;
      rank.set(`${path}@${v}`, r);
    });
  }
  return rank;
}

function replacementDto(project: Project, m: ModuleVersion): ReplacementDto | undefined {
  if (m.version === '' && project.mainModules.contains(m.path)) return undefined;
  if (m.path === 'go' || m.path === 'toolchain') return undefined;
  const r = project.mainModules.replacement(m);
  if (!r) return undefined;
  return r.to.version === ''
    ? { path: r.to.path, version: '', dir: project.mainModules.replacementDir(r.to), fromFile: r.fromFile }
    : { path: r.to.path, version: r.to.version, fromFile: r.fromFile };
}

/**
 * graphDto describes a loaded graph: every module version reached (selected or not), the edges
 * `go mod graph` prints in its order, the requirements an exclude removed, and the counts.
 */
export async function graphDto(project: Project, load: GraphLoad, extras: GraphDtoExtras = {}): Promise<ModuleGraphDto> {
  const { loader, mainModules } = project;
  const fetched = extras.fetched ?? new Map<string, FetchEvent>();
  const mg = load.mg;
  const error = load.error ? errorDto(load.error) : undefined;
  const order: ModuleVersion[] = [];
  const edges: ModuleEdgeDto[] = [];
  const edgeIds = new Map<string, number>();
  const addEdge = (from: string, to: string, kind: ModuleEdgeDto['kind']): void => {
    const base = kind === 'require' ? `${from} ${to}` : `${from} ${to} excluded`;
    const n = edgeIds.get(base) ?? 0;
    edgeIds.set(base, n + 1);
    edges.push({ id: n === 0 ? base : `${base}#${n}`, from, to, kind });
  };
  if (mg) {
    mg.graph.walkBreadthFirst((m) => {
      order.push(m);
      for (const r of mg.graph.requiredBy(m) ?? []) if (r.version !== 'none') addEdge(moduleKey(m), moduleKey(r), 'require');
    });
  } else {
    order.push(...mainModules.versions);
  }
  const requireEdges = edges.length;

  // Requirements that a main module's exclude removed: go drops them without a word.
  const excludedTargets: ModuleVersion[] = [];
  const addExcluded = (from: ModuleVersion, reqs: readonly ModuleVersion[]): void => {
    for (const r of reqs) {
      if (!mainModules.isExcluded(r)) continue;
      addEdge(moduleKey(from), moduleKey(r), 'excluded');
      excludedTargets.push(r);
    }
  };
  for (const mm of mainModules.modules) addExcluded({ path: mm.path, version: '' }, mm.file.require.map((r) => r.mod));
  if (mg) {
    for (const m of order) {
      if (kindOf(m, project) !== 'module' || !mg.loaded.has(moduleKey(m))) continue;
      const raw = await loader.rawGoModSummary(mainModules.resolveReplacement(m));
      if (raw.ok) addExcluded(m, raw.summary.require);
    }
  }

  const seen = new Set(order.map(moduleKey));
  for (const x of excludedTargets) {
    if (!seen.has(moduleKey(x))) {
      seen.add(moduleKey(x));
      order.push(x);
    }
  }

  const direct = load.rs.direct;
  const withKinds = order.map((m) => ({ ...m, kind: kindOf(m, project) }));
  const ranks = rankVersions(withKinds);
  const fetchedCount: Partial<Record<ModuleSourceKind, number>> = {};
  const nodes: ModuleNodeDto[] = withKinds.map((m) => {
    const id = moduleKey(m);
    const kind = m.kind;
    const excluded = kind === 'module' && mainModules.isExcluded(m);
    const inGraph = !!mg && mg.graph.isReachable(m);
    const selected = inGraph && mg!.graph.selectedVersion(m.path) === m.version;
    const summary = mg?.loaded.get(id);
    const replacement = replacementDto(project, m);
    const dependency: DependencyKind = kind === 'main' ? 'main' : direct.get(m.path) ? 'direct' : 'indirect';
    let source: ModuleSourceKind;
    let sourceUrl: string | undefined;
    let loaded = !!summary;
    if (kind === 'main') {
      source = 'main';
      sourceUrl = mainModules.get(m.path)?.goModPath;
      loaded = true;
    } else if (kind === 'go' || kind === 'toolchain') {
      source = 'virtual';
    } else if (!summary) {
      source = 'not-loaded';
    } else if (replacement?.dir !== undefined) {
      source = 'directory';
      sourceUrl = resolve(replacement.dir, 'go.mod');
    } else {
      const actual = replacement ? `${replacement.path}@${replacement.version}` : id;
      const ev = fetched.get(actual);
      source = ev?.source ?? 'gomodx-cache';
      sourceUrl = ev?.url;
    }
    if (loaded && kind === 'module') fetchedCount[source] = (fetchedCount[source] ?? 0) + 1;
    const goVersion = summary?.goVersion || (kind === 'main' ? loader.rawGoVersion.get(`${m.path}@`) : undefined) || undefined;
    const failing = error?.failing === id;
    const node: ModuleNodeDto = {
      id,
      path: m.path,
      version: m.version,
      family: kind === 'module' || kind === 'main' ? familyOf(m.path) : m.path,
      kind,
      dependency,
      selected,
      excluded,
      loaded,
      versionRank: ranks.get(id) ?? 0,
      source,
      ...(summary && kind === 'module' ? { pruning: summary.pruning } : {}),
      ...(goVersion ? { goVersion } : {}),
      ...(summary?.toolchain ? { toolchain: summary.toolchain } : {}),
      ...(summary?.deprecated ? { deprecated: summary.deprecated } : {}),
      ...(replacement ? { replacement } : {}),
      ...(sourceUrl ? { sourceUrl } : {}),
      ...(failing ? { failing: true, error: error!.message } : {}),
    };
    return node;
  });

  const families = new Set(nodes.filter((n) => n.kind === 'module' || n.kind === 'main').map((n) => n.family));
  const moduleLike = (n: ModuleNodeDto): boolean => n.kind === 'module' || n.kind === 'main';
  const excludes: string[] = [];
  for (const mm of mainModules.modules) for (const x of mm.file.exclude) excludes.push(moduleKey(x.mod));
  return {
    dir: project.dir,
    ...(project.workFilePath ? { workFile: project.workFilePath } : {}),
    mainModules: mainModules.versions.map(moduleKey),
    goVersion: mainModules.goVersion(),
    nodes,
    edges,
    excludes,
    counts: {
      modules: nodes.filter((n) => moduleLike(n) && n.selected).length,
      versions: nodes.filter((n) => moduleLike(n) && !(n.excluded && !mg?.graph.isReachable(n))).length,
      edges: requireEdges,
      excluded: nodes.filter((n) => n.excluded).length,
      replaced: nodes.filter((n) => n.replacement && n.selected).length,
      families: families.size,
    },
    complete: !load.error && !!mg,
    ...(error ? { error } : {}),
    warnings: [...(extras.warnings ?? []), ...mainModules.warnings],
    source: {
      goproxy: project.env.GOPROXY,
      gomodcache: project.env.GOMODCACHE,
      example: extras.example ?? false,
      fetched: fetchedCount,
    },
    toolchain: toolchainDto(project.toolchain),
    elapsedMs: extras.elapsedMs ?? 0,
  };
}

/** toolchainDto describes the toolchain an opened project is modelled with. */
function toolchainDto(t: ModelledToolchain): ToolchainDto {
  return {
    version: t.version,
    reason: t.reason,
    localGo: t.local.version,
    localGoSource: t.local.source,
    gotoolchain: t.gotoolchain,
    summary: `modelling go ${t.version}: ${t.reason}`,
  };
}

/** GraphProgress is one progress step: N of M go.mod files, the last one and where it came from. */
export interface GraphProgress {
  readonly done: number;
  readonly total: number;
  readonly current?: string;
  readonly source?: ModuleSourceKind;
}

/** LoadGraphOptions says what to open and whom to tell about progress. */
export interface LoadGraphOptions {
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: GraphProgress) => void;
  readonly example?: boolean;
  /** onLoaded receives the opened project and its graph, so later questions reuse them. */
  readonly onLoaded?: (project: Project, load: GraphLoad) => void;
}

/**
 * loadGraphDto opens dir and describes its graph. It never throws for a project go refuses:
 * that becomes a DTO without nodes whose error is go's message. Only cancellation throws.
 */
export async function loadGraphDto(opts: LoadGraphOptions): Promise<ModuleGraphDto> {
  const started = Date.now();
  const fetched = new Map<string, FetchEvent>();
  const warnings: string[] = [];
  let project: Project;
  try {
    project = await openProject({
      dir: opts.dir,
      env: opts.env,
      buildMod: 'mod',
      signal: opts.signal,
      warn: (line) => warnings.push(line),
      onFetch: (e) => {
        if (e.file === 'mod') fetched.set(moduleKey(e.module), e);
      },
      onProgress: (p: LoadProgress) => {
        const current = p.current ? moduleKey(p.current) : undefined;
        opts.onProgress?.({ done: p.done, total: p.total, current, source: current ? fetched.get(current)?.source : undefined });
      },
    });
  } catch (e) {
    if (isAbort(e, opts.signal)) throw e;
    const failed = failedDto(resolve(opts.dir), e as Error, opts, Date.now() - started, warnings);
    // A directory without go.mod may hold a pre-module lock file that go mod init can convert.
    const legacy = e instanceof ProjectError && e.code === 'no-main-module' ? (await findLegacyConfig(resolve(opts.dir)))?.name : undefined;
    return legacy ? { ...failed, legacyConfig: legacy } : failed;
  }
  const load = await loadGraph(project, opts.signal);
  opts.onLoaded?.(project, load);
  return graphDto(project, load, { fetched, warnings, example: opts.example, elapsedMs: Date.now() - started });
}

function failedDto(dir: string, e: Error, opts: LoadGraphOptions, elapsedMs: number, warnings: string[]): ModuleGraphDto {
  const env = readGoEnv(opts.env);
  return {
    dir,
    mainModules: [],
    goVersion: '',
    nodes: [],
    edges: [],
    excludes: [],
    counts: { modules: 0, versions: 0, edges: 0, excluded: 0, replaced: 0, families: 0 },
    complete: false,
    error: errorDto(e),
    warnings,
    source: { goproxy: env.GOPROXY, gomodcache: env.GOMODCACHE, example: opts.example ?? false, fetched: {} },
    toolchain: toolchainInfo(opts.env, dir),
    elapsedMs,
  };
}
