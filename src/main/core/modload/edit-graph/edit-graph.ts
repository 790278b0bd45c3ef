/**
 * The accelerated module graph: the same graph that modload's readModGraph builds (loader.ts:
 * pruning, the "unprune" set, load errors), for editRequirements, which reloads it round after
 * round. A removal preview can take a hundred rounds over a thousand roots; each must be cheap.
 *
 * The scheme. Module versions are interned once per session as small integers (the table), so
 * that a reload from cached go.mod summaries is a few passes over typed arrays instead of map
 * and string work per edge. A round moves only a few roots, so what the roots contribute is
 * carried from round to round (the layer) and only the roots that moved are counted again. The
 * disqualification walk that follows each load visits only the modules that can be
 * disqualified (the taint). Nothing here decides anything go's rules do not: each accelerated
 * answer is the plain one, and EditContext.plainGraph (GOMODX_PLAIN_GRAPH=1 in the services)
 * forces the plain paths so the tests can run both and compare them with go.
 *
 * Files: edit-graph.ts (the table, graphs, loading and hand-over), root-layer.ts (the layer),
 * taint.ts (the taint, the walk's filter; the walk itself is edit/disqualify-walk.ts),
 * int-list.ts (lists that keep their storage).
 *
 * Glossary.
 * - id: a module version's index in the table (ModuleTable); a path has a path id too.
 * - rank: the order of a version among the interned versions of its path, so comparing two
 *   versions of one path compares two integers; ranks are renumbered when a version needs room.
 * - table: the interned module versions of a session with their go.mod summaries and the
 *   reverse edges (requirers); it only grows. The session keeps one (SessionMemory
 *   withModuleTable), used by one edit at a time.
 * - stamp, gen: graph state lives in the table's arrays (Stamps), each entry written with the
 *   number (gen) of the graph that wrote it, so loading a graph clears nothing and allocates
 *   nothing; a graph is valid until the next one is loaded from the same table.
 * - layer (RootLayer): the roots' share of a pruned graph (how many roots require each version,
 *   the highest of each path, the closures of unpruned roots), moved with the roots that moved.
 * - moves, entered: how many times the layer moved, and the ids its last move brought in.
 * - spawner, closure: a module reached pruned whose own go.mod is unpruned (go < 1.17) pulls in
 *   the unpruned closure of what it requires; closures, and differences between two closures
 *   of one root, are kept for the next rounds.
 * - unprune: the set of modules whose requirements are loaded although pruning skips them (the
 *   selected versions of root paths); it only grows within a round (GrowingEditGraph.unprune).
 * - skipped: requirements a pruned visit did not load, stamped so that unprune can load them.
 * - taint, marks: the modules that can be disqualified (above a request, a load error, or
 *   requiring a marked module), carried from round to round; the walk follows only those.
 * - arena, generation: the storage of the taint's lists of marked requirements (one IntList),
 *   valid for one generation of marks (a new generation when everything is marked anew).
 * - tie: two spellings of one version interned; which one a graph selects then depends on the
 *   order of loading, so the layer (which keeps no order) is not used.
 * - hand-over (graphResultOf): the last round's graph given to the caller as readModGraph's
 *   answer instead of being loaded again.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { cmpVersion, type Loader, type ModuleGraphResult } from '../loader';
import { followsAllRequirements, requirementPruning, type ModFileSummary, type Pruning } from '../summary';
import { keyOf, RequirementGraph } from '../../mvs/graph';
import { modSort } from '../../gover/module-sort';
import { RootLayer } from './root-layer';
import type { SessionMemory } from '../session-memory';
import { grown, IntList } from './int-list';

/** RootPaths is an edit's root paths in module.Sort order, their path ids, each one's position. */
export interface RootPaths {
  readonly order: readonly string[];
  readonly pathIds: Int32Array;
  /** The position of each path id (-1: not a root path; ids beyond the end: none either). */
  readonly posOfPath: Int32Array;
}

/**
 * ModuleTable interns module versions: ids, paths, the order of versions of each path (as ranks,
 * so that comparing two versions of a path is comparing two integers), and per-id summaries.
 */
export class ModuleTable {
  private readonly ids = new Map<string, number>();
  private readonly pathIds = new Map<string, number>();
  readonly mods: ModuleVersion[] = [];
  readonly pathOf: number[] = [];
  readonly paths: string[] = [];
  readonly rank: number[] = [];
  private readonly versionsOfPath: number[][] = [];
  private readonly idByVersion: (Map<string, number> | undefined)[] = [];
  private lastRootPaths?: RootPaths;
  private pathOrder?: Int32Array;
  /** Summary (or load error) of each id once goModSummary answered. */
  readonly summary: (ModFileSummary | undefined)[] = [];
  readonly error: (Error | undefined)[] = [];
  readonly asked: boolean[] = [];
  readonly reqIds: (Int32Array | undefined)[] = [];
  /**
   * requirers[id] lists every id whose go.mod requires id (go.mod files never change, so this
   * reverse index is built once, as summaries arrive, and serves every graph of the session).
   */
  readonly requirers: (number[] | undefined)[] = [];
  /** isNone[id] is 1 for the version "none", which a graph never loads. */
  readonly isNone: number[] = [];
  /** Ids whose go.mod failed to load. */
  readonly errorIds: number[] = [];
  /**
   * Whether two spellings of one version were interned (go.mod files hold canonical versions,
   * so this is rare): which of them a graph selects then depends on the order of loading.
   */
  hasTies = false;
  /** Graph state stamped by graph number (see Stamps). */
  readonly st = new Stamps();
  /** The roots' share of the pruned graphs loaded from this table (see RootLayer). */
  layer?: RootLayer;

  pathId(path: string): number {
    let p = this.pathIds.get(path);
    if (p === undefined) {
      p = this.paths.length;
      this.pathIds.set(path, p);
      this.paths.push(path);
      this.versionsOfPath.push([]);
      if (this.paths.length > this.st.selected.length) this.st.ensure(this.mods.length, this.paths.length);
    }
    return p;
  }

  /**
   * rootPathsOf sorts the paths of an edit's roots (module.Sort order) with their positions and
   * path ids. Every edit of a session starts from nearly the same roots: the last answer is
   * kept and given again when the set of paths is the same.
   */
  rootPathsOf(roots: ReadonlyMap<string, unknown>): RootPaths {
    const last = this.lastRootPaths;
    const ids = new Int32Array(roots.size);
    let known = 0;
    let k = 0;
    for (const p of roots.keys()) {
      const id = this.pathId(p);
      ids[k++] = id;
      if (last && id < last.posOfPath.length && last.posOfPath[id]! >= 0) known++;
    }
    if (last && known === last.order.length && known === ids.length) return last;
    // Sorted by place in the table's order of all paths: the places sort as plain numbers.
    const sorted = this.sortedPaths();
    const place = this.pathPlace!;
    const places = ids.map((p) => place[p]!).sort();
    const pathIds = places.map((i) => sorted[i]!);
    const posOfPath = new Int32Array(this.paths.length).fill(-1);
    pathIds.forEach((p, i) => (posOfPath[p] = i));
    this.lastRootPaths = { order: Array.from(pathIds, (p) => this.paths[p]!), pathIds, posOfPath };
    return this.lastRootPaths;
  }

  /** Where each path id stands in sortedPaths. */
  private pathPlace?: Int32Array;

  /** sortedPaths lists every path id in module.Sort order (sorted again only when paths are added). */
  sortedPaths(): Int32Array {
    if (this.pathOrder?.length !== this.paths.length) {
      const ids = modSort(this.paths.map((path, i) => ({ path, version: '', i }))).map((x) => x.i);
      this.pathOrder = Int32Array.from(ids);
      this.pathPlace = new Int32Array(ids.length);
      ids.forEach((p, i) => (this.pathPlace![p] = i));
    }
    return this.pathOrder;
  }

  /**
   * The version of each path idAt was last asked for, and its id: every edit of a session asks
   * for nearly the same root versions again, and a string compared is cheaper than looked up.
   */
  private readonly lastVersionAt: (string | undefined)[] = [];
  private readonly lastIdAt: number[] = [];

  /** idAt is id() for a version of the path with id p, without spelling out its key. */
  idAt(p: number, version: string): number {
    if (this.lastVersionAt[p] === version) return this.lastIdAt[p]!;
    const id = this.idByVersion[p]?.get(version) ?? this.id({ path: this.paths[p]!, version });
    this.lastVersionAt[p] = version;
    this.lastIdAt[p] = id;
    return id;
  }

  /** lookupPath returns the id of path, or -1 when no version of it was ever interned. */
  lookupPath(path: string): number {
    return this.pathIds.get(path) ?? -1;
  }

  id(m: ModuleVersion): number {
    const k = keyOf(m);
    let id = this.ids.get(k);
    if (id !== undefined) return id;
    id = this.mods.length;
    this.ids.set(k, id);
    this.mods.push(m);
    const p = this.pathId(m.path);
    (this.idByVersion[p] ??= new Map()).set(m.version, id);
    this.pathOf.push(p);
    this.rank.push(0);
    this.summary.push(undefined);
    this.error.push(undefined);
    this.asked.push(false);
    this.reqIds.push(undefined);
    this.requirers.push(undefined);
    this.isNone.push(m.version === 'none' ? 1 : 0);
    if (this.mods.length > this.st.loaded.length || this.paths.length > this.st.selected.length) this.st.ensure(this.mods.length, this.paths.length);
    // Keep the versions of the path sorted; a new version takes a rank between its neighbours
    // (equal versions share a rank), so that one insertion costs O(log k) comparisons.
    const list = this.versionsOfPath[p]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmpVersion(m.path, this.mods[list[mid]!]!.version, m.version) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const left = lo > 0 ? list[lo - 1]! : -1;
    const right = lo < list.length ? list[lo]! : -1;
    list.splice(lo, 0, id);
    if (left >= 0 && cmpVersion(m.path, this.mods[left]!.version, m.version) === 0) {
      this.rank[id] = this.rank[left]!;
      this.hasTies = true;
      return id;
    }
    const between = (): [number, number] => {
      const lo2 = left >= 0 ? this.rank[left]! : this.rank[right]! - 2;
      const hi2 = right >= 0 ? this.rank[right]! : lo2 + 2;
      return [lo2, hi2];
    };
    let [rl, rr] = left < 0 && right < 0 ? [0, 2] : between();
    let r = (rl + rr) / 2;
    if (!(rl < r && r < rr)) {
      // Out of precision between the neighbours: renumber the path (order and ties are kept).
      const others = list.filter((x) => x !== id);
      const old = others.map((x) => this.rank[x]!);
      let n = 0;
      others.forEach((x, i) => {
        if (i > 0 && old[i - 1]! < old[i]!) n += 4;
        this.rank[x] = n;
      });
      [rl, rr] = between();
      r = (rl + rr) / 2;
    }
    this.rank[id] = r;
    return id;
  }

  /** versionIds returns the ids of path p's versions, lowest first (equal versions adjacent). */
  versionIds(p: number): readonly number[] {
    return this.versionsOfPath[p] ?? [];
  }

  /** setSummary records goModSummary's answer for id and interns its requirements. */
  setSummary(id: number, r: { ok: true; summary: ModFileSummary } | { ok: false; error: Error }): void {
    this.asked[id] = true;
    if (!r.ok) {
      this.error[id] = r.error;
      this.errorIds.push(id);
      return;
    }
    this.summary[id] = r.summary;
    const reqs = new Int32Array(r.summary.require.length);
    r.summary.require.forEach((q, i) => (reqs[i] = this.id(q)));
    this.reqIds[id] = reqs;
    for (const q of reqs) (this.requirers[q] ??= []).push(id);
  }
}

const NONE = -1;

/**
 * Graph state kept in the table and stamped with the number of the graph that wrote it, so that
 * loading a graph allocates nothing: a graph's view is valid until the next graph is loaded
 * from the same table.
 */
class Stamps {
  loaded: Int32Array = new Int32Array(1024);
  selectedGen: Int32Array = new Int32Array(256);
  selected: Int32Array = new Int32Array(256);
  enqueuedPruned: Int32Array = new Int32Array(1024);
  enqueuedUnpruned: Int32Array = new Int32Array(1024);
  seen: Int32Array = new Int32Array(1024);
  unprune: Int32Array = new Int32Array(1024);
  skipped: Int32Array = new Int32Array(1024);
  unpruneGen = 0;
  gen = 0;
  walk = 0;
  /** The storage of the newest graph's list of loaded ids (a graph is valid until the next). */
  readonly loadedBuf = new IntList(1024);
  /** The storage of the newest graph's work list. */
  readonly workBuf = new IntList(1024);
  /** The storage of an edit's lists of marked requirements (see taint.ts). */
  readonly markedArena = new IntList(4096);

  ensure(ids: number, paths: number): void {
    const grow = (a: Int32Array, n: number): Int32Array => grown(a, n, (k) => new Int32Array(k));
    this.loaded = grow(this.loaded, ids);
    this.enqueuedPruned = grow(this.enqueuedPruned, ids);
    this.enqueuedUnpruned = grow(this.enqueuedUnpruned, ids);
    this.seen = grow(this.seen, ids);
    this.unprune = grow(this.unprune, ids);
    this.skipped = grow(this.skipped, ids);
    this.selectedGen = grow(this.selectedGen, paths);
    this.selected = grow(this.selected, paths);
  }
}


/**
 * EditGraph is one loaded graph: which ids were loaded (their requirements count), the selected
 * version of each path, and the requirement lists in go.mod order.
 */
export class EditGraph {
  readonly rootIds: Int32Array;
  readonly mainId: number;
  protected readonly gen: number;

  constructor(
    readonly table: ModuleTable,
    mainId: number,
    rootIds: Int32Array,
    /** With a layer, the roots and what they require are counted there, not raised here. */
    protected readonly layer?: RootLayer,
  ) {
    this.mainId = mainId;
    this.rootIds = rootIds;
    this.gen = ++table.st.gen;
    this.raise(this.mainId);
    if (!layer) for (const r of this.rootIds) this.raise(r);
  }

  /** While unpruning: the paths raised so far, among those asked about (raisedOf[p] === 1). */
  protected raisedPaths?: number[];
  protected raisedOf?: Uint8Array;

  protected raise(id: number): void {
    const t = this.table;
    const st = t.st;
    const p = t.pathOf[id]!;
    if (st.selectedGen[p] !== this.gen) {
      st.selectedGen[p] = this.gen;
      st.selected[p] = id;
      if (this.raisedOf !== undefined && this.raisedOf[p] === 1) this.raisedPaths!.push(p);
      return;
    }
    const cur = st.selected[p]!;
    if (t.rank[cur]! < t.rank[id]!) {
      st.selected[p] = id;
      if (this.raisedOf !== undefined && this.raisedOf[p] === 1) this.raisedPaths!.push(p);
    }
  }

  isLoaded(id: number): boolean {
    const st = this.table.st;
    // The roots and what the unpruned ones pull in are the layer's, not stamped graph by graph.
    return (id < st.loaded.length && st.loaded[id] === this.gen) || (this.layer !== undefined && this.layer.holds(id));
  }

  private rootSet?: Set<number>;

  /** isRequired reports whether id is a root or a module loaded into this graph requires it. */
  isRequired(id: number): boolean {
    this.rootSet ??= new Set(this.rootIds);
    return this.rootSet.has(id) || (this.table.requirers[id]?.some((p) => this.isLoaded(p)) ?? false);
  }

  /** requiredIds returns id's requirement list if it is in the graph (RequiredBy). */
  requiredIds(id: number): Int32Array | undefined {
    if (id === this.mainId) return this.rootIds;
    return this.isLoaded(id) ? this.table.reqIds[id] : undefined;
  }

  /** loadedSummary is id's summary if it was loaded into this graph. */
  loadedSummary(id: number): ModFileSummary | undefined {
    return this.isLoaded(id) ? this.table.summary[id] : undefined;
  }

  /** loadError is why loading id failed, if it was loaded into this graph. */
  loadError(id: number): Error | undefined {
    return this.isLoaded(id) ? this.table.error[id] : undefined;
  }

  /** selectedId is the selected version of path p (NONE if absent). */
  selectedId(p: number): number {
    const st = this.table.st;
    const own = p < st.selectedGen.length && st.selectedGen[p] === this.gen ? st.selected[p]! : NONE;
    if (!this.layer) return own;
    const fromRoots = this.layer.bestOf(p);
    if (fromRoots === NONE) return own;
    if (own === NONE) return fromRoots;
    return this.table.rank[own]! < this.table.rank[fromRoots]! ? fromRoots : own;
  }

  selectedVersion(path: string): string {
    const p = this.table.lookupPath(path);
    const id = p < 0 ? NONE : this.selectedId(p);
    return id === NONE ? 'none' : this.table.mods[id]!.version;
  }

  /** walkBreadthFirst visits every node once, the main module first (mvs.Graph.WalkBreadthFirst). */
  walkBreadthFirst(visit: (id: number) => void): void {
    const t = this.table;
    const st = t.st;
    const mark = ++st.walk;
    const queue: number[] = [this.mainId];
    st.seen[this.mainId] = mark;
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      visit(id);
      const reqs = this.requiredIds(id);
      if (!reqs) continue;
      const seen = t.st.seen;
      for (const r of reqs) {
        if (seen[r] === mark || t.isNone[r] === 1) continue;
        seen[r] = mark;
        queue.push(r);
      }
    }
  }
}

/** EditGraphIds are the table ids behind a graph that graphResultOf handed over. */
export interface EditGraphIds {
  readonly table: ModuleTable;
  /** The modules whose requirements were loaded (the main module aside). */
  readonly loaded: readonly number[];
  /** The selected version of every path (the main module aside). */
  readonly selected: readonly number[];
}

/**
 * graphResultOf is the graph mg as the loader's readModGraph would return it for the same roots
 * (mg loaded with an empty unprune set): editRequirements' last round has loaded exactly the
 * graph of the requirements it returns. It is undefined where that cannot be vouched for: a
 * go.mod that failed to load (the loader reports it with its path), two spellings of one
 * version, a workspace. The ids behind the graph are recorded in the session's memory.
 */
export function graphResultOf(mg: GrowingEditGraph, loader: Loader, roots: readonly ModuleVersion[], memory: SessionMemory): ModuleGraphResult | undefined {
  const t = mg.table;
  const mms = loader.mainModules;
  if (t.hasTies || mms.inWorkspace || mms.versions.length !== 1) return undefined;
  const loaded: [ModuleVersion, readonly ModuleVersion[]][] = [];
  const ids = mg.loadedIds();
  const mainId = mg.mainId;
  const loadedIds: number[] = [];
  for (const id of ids) {
    if (id === mainId) continue;
    const s = t.summary[id];
    if (!s) return undefined;
    loaded.push([t.mods[id]!, s.require]);
    loadedIds.push(id);
  }
  // The selection is the graph's own answer for every path the table knows (none: absent),
  // taken in module.Sort order: the build list is the main module, then the rest in that order.
  const selected = new Map<string, string>();
  const main = mms.versions[0]!;
  const buildList: ModuleVersion[] = [{ path: main.path, version: '' }];
  const selectedIds: number[] = [];
  for (const p of t.sortedPaths()) {
    const sid = mg.selectedId(p);
    if (sid < 0 || t.isNone[sid] === 1) continue;
    const m = t.mods[sid]!;
    selected.set(m.path, m.version);
    if (m.path !== main.path) {
      buildList.push(m);
      selectedIds.push(sid);
    }
  }
  const required = function* (): Iterable<string> {
    for (const r of mg.rootIds) yield keyOf(t.mods[r]!);
    for (const id of ids) for (const r of t.reqIds[id] ?? []) yield keyOf(t.mods[r]!);
  };
  const graph = RequirementGraph.assembled(cmpVersion, [main], [[main, roots], ...loaded], required, selected, buildList);
  memory.recordGraphIds(graph, { table: t, loaded: loadedIds, selected: selectedIds });
  // Previews never ask for the summaries by key: they are spelled out when asked for (from the
  // table, which only grows, so mg need not stay valid).
  let summaries: Map<string, ModFileSummary> | undefined;
  return {
    graph,
    get loaded(): ReadonlyMap<string, ModFileSummary> {
      if (!summaries) {
        summaries = new Map();
        for (const id of ids) if (id !== mainId) summaries.set(keyOf(t.mods[id]!), t.summary[id]!);
      }
      return summaries;
    },
    loadErrors: new Map(),
  };
}

/**
 * loadEditGraph is readModGraph for a single main module: every root's go.mod is loaded; a
 * loaded module's requirements are loaded too when the root set is unpruned, when its own
 * go.mod is unpruned, or when they are in the "unprune" set. The graph returned is valid until
 * the next one is loaded from the same table.
 *
 * The unprune set can then grow with unprune(): the loaded set and the selected versions only
 * grow with it, so the graph is extended where the larger set reaches further (the requirements
 * it skipped before), which gives the graph a full reload would, at the cost of what is new.
 * plain loads without the root layer (the path the layer is checked against).
 */
export async function loadEditGraph(loader: Loader, table: ModuleTable, pruning: Pruning, rootIds: Int32Array, plain = false): Promise<GrowingEditGraph> {
  if (pruning === 'pruned' && !table.hasTies && !plain) {
    // Which version wins a tie depends on the order of loading: a layer keeps no order.
    const missing: number[] = [];
    let hasNone = false;
    for (const id of rootIds) {
      if (table.isNone[id] === 1) hasNone = true;
      else if (!table.asked[id]) missing.push(id);
      else loader.noteGoModAsked(table.mods[id]!);
    }
    if (missing.length > 0) {
      const results = await Promise.all(missing.map((id) => loader.goModSummary(table.mods[id]!)));
      loader.opts.signal?.throwIfAborted();
      missing.forEach((id, i) => {
        if (!table.asked[id]) table.setSummary(id, results[i]!);
      });
    }
    if (!table.hasTies && !hasNone) {
      table.layer ??= new RootLayer(table);
      await table.layer.moveTo(loader, rootIds);
      const g = new GrowingEditGraph(loader, table, pruning, rootIds, table.layer);
      await g.drain();
      if (!table.hasTies) return g;
    }
  }
  table.layer = undefined;
  const g = new GrowingEditGraph(loader, table, pruning, rootIds);
  for (const r of rootIds) g.enqueue(r, pruning);
  await g.drain();
  return g;
}

/** GrowingEditGraph is an EditGraph whose unprune set can grow (see loadEditGraph). */
export class GrowingEditGraph extends EditGraph {
  /** Enqueued ids, each as id * 2 + 1 if reached unpruned (storage shared: see Stamps). */
  private readonly work: IntList;
  private readonly unpruneMark: number;
  /**
   * Modules reached pruned whose own go.mod is unpruned: each pulls in the unpruned closure of
   * its requirements, loaded once the pruned work is done (from the layer's closures, if any).
   */
  private pendingSpawners: number[] = [];
  /** Every id loaded into this graph beyond its layer, each once (storage shared: see Stamps). */
  private readonly loadedList: IntList;

  constructor(
    private readonly loader: Loader,
    table: ModuleTable,
    readonly pruning: Pruning,
    rootIds: Int32Array,
    layer?: RootLayer,
  ) {
    super(table, table.id(loader.mainModules.versions[0]!), rootIds, layer);
    this.unpruneMark = ++table.st.unpruneGen;
    this.loadedList = table.st.loadedBuf;
    this.loadedList.clear();
    this.work = table.st.workBuf;
    this.work.clear();
  }

  override isRequired(id: number): boolean {
    if (!this.layer) return super.isRequired(id);
    // The layer counts what the roots and their closures require; the rest was loaded here.
    if (this.layer.counts(id)) return true;
    const st = this.table.st;
    return this.table.requirers[id]?.some((p) => st.loaded[p] === this.gen) ?? false;
  }

  /** stampLoaded marks id as loaded into this graph; it reports whether it was not yet. */
  private stampLoaded(id: number): boolean {
    const st = this.table.st;
    if (st.loaded[id] === this.gen || (this.layer !== undefined && this.layer.holds(id))) return false;
    st.loaded[id] = this.gen;
    this.loadedList.push(id);
    return true;
  }

  /** rootLayer is the layer this graph was loaded over, if any. */
  get rootLayer(): RootLayer | undefined {
    return this.layer;
  }

  /** stampedIds lists the ids loaded into this graph beyond its layer's, each once. */
  stampedIds(): Int32Array {
    return this.loadedList.view();
  }

  /** loadedIds lists every id loaded into this graph, each once. */
  loadedIds(): readonly number[] {
    if (!this.layer) return Array.from(this.loadedList.view());
    const st = this.table.st;
    const mark = ++st.walk;
    const out: number[] = [];
    for (const list of [this.rootIds, this.layer.members, this.loadedList.view()]) {
      for (const id of list) {
        if (st.seen[id] === mark) continue;
        st.seen[id] = mark;
        out.push(id);
      }
    }
    return out;
  }

  /**
   * unprune adds ids to the unprune set and loads what that brings into the graph. It returns
   * the paths p with watched[p] === 1 whose selected version that may have raised (the others'
   * stay as they were).
   */
  async unprune(ids: readonly number[], watched: Uint8Array): Promise<readonly number[]> {
    const raised: number[] = [];
    this.raisedPaths = raised;
    this.raisedOf = watched;
    try {
      await this.unpruneAll(ids);
    } finally {
      this.raisedPaths = undefined;
      this.raisedOf = undefined;
    }
    return raised;
  }

  private async unpruneAll(ids: readonly number[]): Promise<void> {
    const st = this.table.st;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (st.unprune[id] === this.unpruneMark) continue;
      st.unprune[id] = this.unpruneMark;
      // A pruned module's visit skipped it (st.skipped is stamped by graph number): the larger
      // set would have enqueued it there.
      if (st.skipped[id] === this.gen || this.layer?.isSkipped(id)) this.enqueue(id, 'pruned');
    }
    await this.drain();
  }

  enqueue(id: number, p: Pruning): void {
    const table = this.table;
    if (table.isNone[id] === 1) return;
    const st = table.st;
    const arr = p === 'unpruned' ? st.enqueuedUnpruned : st.enqueuedPruned;
    if (arr[id] === this.gen) return;
    arr[id] = this.gen;
    this.work.push(id * 2 + (p === 'unpruned' ? 1 : 0));
  }

  /**
   * load records that id (reached with pruning p) is in the graph: the first time, what it
   * requires raises the selected versions; then what the pruning rules reach from it is
   * enqueued, and what they skip is marked so (for unprune). The table's arrays are taken once
   * (nothing is interned here): this is the edit's innermost loop, run for every module of every
   * round.
   */
  private load(id: number, p: Pruning): void {
    const table = this.table;
    const st = table.st;
    const gen = this.gen;
    const first = this.stampLoaded(id);
    const s = table.summary[id];
    const reqs = table.reqIds[id];
    if (!s || !reqs) return;
    if (first) for (let i = 0; i < reqs.length; i++) this.raise(reqs[i]!);
    // go's pruning rule (summary.ts), with one case deferred: reached pruned, an unpruned go.mod
    // pulls in the unpruned closure of its requirements, which drain takes from the layer.
    const next = requirementPruning(p, s.pruning);
    const all = followsAllRequirements(p, s.pruning);
    if (p === 'pruned' && next === 'unpruned' && this.pruning === 'pruned') {
      this.pendingSpawners.push(id);
      return;
    }
    const { unprune, skipped } = st;
    const mark = this.unpruneMark;
    for (let i = 0; i < reqs.length; i++) {
      const r = reqs[i]!;
      if (all || unprune[r] === mark) this.enqueue(r, next);
      else skipped[r] = gen;
    }
  }

  /** drain loads everything enqueued: the pruned part first, then the unpruned closures it reaches. */
  async drain(): Promise<void> {
    for (;;) {
      await this.drainWork();
      if (this.pendingSpawners.length === 0) return;
      const spawners = this.pendingSpawners.splice(0);
      if (!this.layer) {
        for (const id of spawners) for (const r of this.table.reqIds[id]!) this.enqueue(r, 'unpruned');
        continue;
      }
      const st = this.table.st;
      // Indexed loops: for-of in an async function allocates an iterator per loop.
      for (let i = 0; i < spawners.length; i++) {
        const id = spawners[i]!;
        const c = this.layer.closureNow(id) ?? (await this.layer.closureOf(this.loader, id));
        const { members, highest } = c;
        for (let k = 0; k < members.length; k++) {
          st.enqueuedUnpruned[members[k]!] = this.gen;
          this.stampLoaded(members[k]!);
        }
        for (let k = 0; k < highest.length; k++) this.raise(highest[k]!);
      }
    }
  }

  /** drainWork loads everything enqueued, fetching the go.mod files that are not cached together. */
  private async drainWork(): Promise<void> {
    const { table, loader, work } = this;
    const waiting: { id: number; p: Pruning }[] = [];
    for (;;) {
      while (work.length > 0) {
        const item = work.pop();
        const id = item >> 1;
        const p: Pruning = (item & 1) === 1 ? 'unpruned' : 'pruned';
        if (!table.asked[id]) {
          const r = loader.goModSummary(table.mods[id]!);
          if (r instanceof Promise) {
            waiting.push({ id, p });
            continue;
          }
          table.setSummary(id, r);
        } else loader.noteGoModAsked(table.mods[id]!);
        this.load(id, p);
      }
      if (waiting.length === 0) break;
      // Some go.mod files are not cached yet: fetch them together, then go on.
      const batch = waiting.splice(0);
      const results = await Promise.all(batch.map((w) => (table.asked[w.id] ? undefined : loader.goModSummary(table.mods[w.id]!))));
      loader.opts.signal?.throwIfAborted();
      batch.forEach((w, i) => {
        const r = results[i];
        if (r && !table.asked[w.id]) table.setSummary(w.id, r);
        this.load(w.id, w.p);
      });
    }
  }
}
