/**
 * editRequirements as modload/edit.go computes it: the root set that selects every module of
 * mustSelect at exactly its version, upgrades towards tryUpgrade as far as that allows, and
 * otherwise moves the previous roots only as much as needed. Roots that pull a requested
 * module too high are stepped down one allowed version at a time ("disqualified" versions are
 * tracked separately for the pruned and unpruned parts of the graph); a requested version that
 * another requested version contradicts is a conflict, and nothing changes.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { fromToolchain, modCompare, modSort } from '../gover/gover';
import { cmpVersion, Requirements, type Loader, type ModuleGraphResult } from '../modload/loader';
import { pruningForGoVersion, TooNewError, type Pruning } from '../modload/summary';
import { formatModule } from '../mvs/build-list-error';
import { loadEditGraph, withModuleTable, type EditGraph, type ModuleTable } from './edit-graph';
import { keyOf } from '../mvs/graph';
import { minimalRequirements } from '../mvs/req';
import { ModuleError } from '../modpath/module-errors';
import { findError } from './query-errors';
import type { ModuleQueries } from './query';

/**
 * Conflict is a requirement path from a (proposed) root to a module that either is above a
 * requested version (constraint) or whose requirements could not be loaded (err).
 */
export class Conflict {
  constructor(
    readonly path: readonly ModuleVersion[],
    readonly constraint?: ModuleVersion,
    readonly err?: Error,
  ) {}

  /** unwrappedError is err without a ModuleError wrapper that names the last module again. */
  unwrappedError(): Error | undefined {
    const e = this.err;
    if (e instanceof ModuleError && e.kind === 'module' && this.path.length > 0) {
      const last = this.path[this.path.length - 1]!;
      if (e.path === last.path && e.version === last.version) return e.err;
    }
    return e;
  }

  /** summary names only the first and last module of the path (Conflict.Summary). */
  summary(): string {
    if (this.path.length === 0) return '(internal error: invalid Conflict struct)';
    const first = formatModule(this.path[0]!);
    const last = formatModule(this.path[this.path.length - 1]!);
    if (this.path.length === 1) {
      if (this.err) return `${first}: ${this.unwrappedError()!.message}`;
      return `${first} is above ${this.constraint?.version ?? ''}`;
    }
    const adverb = this.path.length > 2 ? 'indirectly ' : '';
    if (this.err) return `${first} ${adverb}requires ${last}: ${this.unwrappedError()!.message}`;
    return `${first} ${adverb}requires ${last}, but ${this.constraint?.version ?? ''} is requested`;
  }

  /** toString describes the whole path (Conflict.String, printed by go get -v). */
  toString(): string {
    if (this.path.length === 0) return '(internal error: invalid Conflict struct)';
    let s = formatModule(this.path[0]!);
    if (this.path.length === 1) s += ' found';
    else for (const r of this.path.slice(1)) s += ` requires\n\t${formatModule(r)}`;
    if (this.constraint) s += `, but ${this.constraint.version} is requested`;
    if (this.err) s += `: ${this.unwrappedError()!.message}`;
    return s;
  }
}

/** ConstraintError lists the conflicts that make mustSelect unattainable. */
export class ConstraintError extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super('version constraints conflict:' + conflicts.map((c) => `\n\t${c.summary()}`).join(''));
    this.name = 'ConstraintError';
  }
}

/**
 * NON_TERMINATION begins the refusal where the go command would never return: gomodx stops
 * instead of looping forever with it.
 */
export const NON_TERMINATION = 'gomodx: go get would not terminate here';

/** EditContext is what an edit needs: the loading session and the version queries. */
export interface EditContext {
  readonly loader: Loader;
  readonly queries: ModuleQueries;
  /** verbose logs every downgrade and accepted upgrade, as go get -v does. */
  readonly verbose?: boolean;
  /** log receives go's stderr lines about the edit (each ends without a newline). */
  readonly log?: (line: string) => void;
  /** onDowngrade hears every root moved down because of a conflict, and why. */
  readonly onDowngrade?: (from: ModuleVersion, to: ModuleVersion, conflict: Conflict) => void;
}

/** EditResult is the edited requirements and whether anything changed. */
export interface EditResult {
  readonly rs: Requirements;
  readonly changed: boolean;
}

async function graphOf(loader: Loader, rs: Requirements): Promise<ModuleGraphResult> {
  const mg = await rs.graph(loader);
  if (mg.error) throw mg.error;
  return mg;
}

/**
 * prefetchUnpruned loads (and caches) every go.mod reachable from roots without pruning, so
 * that mvs.Req's synchronous walk finds them all.
 */
async function prefetchUnpruned(loader: Loader, roots: readonly ModuleVersion[]): Promise<void> {
  await loader.readModGraph('unpruned', roots, undefined);
}

/** convertPruning returns rs with the given pruning (modload.convertPruning). */
export async function convertPruning(loader: Loader, rs: Requirements, pruning: Pruning): Promise<Requirements> {
  if (rs.pruning === pruning) return rs;
  if (rs.pruning === 'workspace' || pruning === 'workspace') {
    throw new Error('internal error: attempting to convert to/from workspace pruning and another pruning type');
  }
  const mg = await graphOf(loader, rs);
  const buildList = mg.graph.buildList().slice(loader.mainModules.versions.length);
  if (pruning === 'unpruned') {
    // A pruned root set is a superset of an unpruned one: drop what is implied.
    await prefetchUnpruned(loader, buildList);
    return loader.updateUnprunedRoots(rs.direct, rs);
  }
  // "Every build-list module is a root" is exactly the unpruned graph, expressed with pruning.
  return new Requirements('pruned', buildList, rs.direct);
}

/** A disqualification: the id of the module version that causes it, or a load error. */
interface DqState {
  readonly err?: Error;
  readonly dep?: number;
}

const OK: DqState = {};

function isDisqualified(dq: DqState): boolean {
  return dq.err !== undefined || dq.dep !== undefined;
}

/** RootPruning of an id in the extended graph: not a root, or a root loaded pruned/unpruned. */
const NOT_ROOT = 0;
const ROOT_PRUNED = 1;
const ROOT_UNPRUNED = 2;

/** No disqualification recorded (dep arrays), or "disqualified by a load error". */
const NO_DQ = -1;
const BY_ERROR = -2;

/**
 * DqTracker propagates why module versions cannot be part of the graph, separately for the
 * pruned and the unpruned parts (edit.go's dqTracker). Ids index typed arrays; the reverse
 * edges ("requiring") are linked lists in flat arrays, because one round may record thousands.
 */
class DqTracker {
  private readonly prunedDep: Int32Array;
  private readonly unprunedDep: Int32Array;
  private readonly prunedErr = new Map<number, Error>();
  private readonly unprunedErr = new Map<number, Error>();
  /** Head of each id's list of dependents (index into next/val), or -1; -2 once the list is dropped. */
  private readonly head: Int32Array;
  private readonly next: number[] = [];
  private readonly val: number[] = [];

  /** rootPruning[id] is NOT_ROOT, ROOT_PRUNED or ROOT_UNPRUNED. */
  constructor(
    private readonly rootPruning: Uint8Array,
    size: number,
  ) {
    this.prunedDep = new Int32Array(size).fill(NO_DQ);
    this.unprunedDep = new Int32Array(size).fill(NO_DQ);
    this.head = new Int32Array(size).fill(-1);
  }

  private rootOf(id: number): Pruning | undefined {
    const r = id < this.rootPruning.length ? this.rootPruning[id] : NOT_ROOT;
    return r === ROOT_PRUNED ? 'pruned' : r === ROOT_UNPRUNED ? 'unpruned' : undefined;
  }

  private isDq(id: number, p: Pruning): boolean {
    const v = (p === 'unpruned' ? this.unprunedDep : this.prunedDep)[id];
    return v !== undefined && v !== NO_DQ;
  }

  private set(id: number, p: Pruning, reason: DqState): void {
    const arr = p === 'unpruned' ? this.unprunedDep : this.prunedDep;
    if (reason.err !== undefined) {
      arr[id] = BY_ERROR;
      (p === 'unpruned' ? this.unprunedErr : this.prunedErr).set(id, reason.err);
    } else arr[id] = reason.dep!;
  }

  private dependents(id: number): number[] {
    const out: number[] = [];
    for (let e = this.head[id]!; e >= 0; e = this.next[e]!) out.push(this.val[e]!);
    // The list is kept newest first; dependents are visited in the order they were recorded.
    return out.reverse();
  }

  /** require records that m requires r; it returns false when m is now fully disqualified. */
  require(m: number, r: number): boolean {
    const rootPruning = this.rootOf(r);
    if (rootPruning !== undefined && this.isDq(r, rootPruning)) {
      this.disqualify(m, 'pruned', { dep: r });
      return false;
    }
    if (this.isDq(r, 'unpruned')) {
      this.disqualify(m, 'unpruned', { dep: r });
      if (this.rootOf(m) === undefined) return false;
    }
    this.next.push(this.head[r]! >= 0 ? this.head[r]! : -1);
    this.val.push(m);
    this.head[r] = this.next.length - 1;
    return true;
  }

  /** disqualify records why m's requirements cannot be included when reached with fromPruning. */
  disqualify(m: number, fromPruning: Pruning, reason: DqState): void {
    if (!isDisqualified(reason)) throw new Error('internal error: disqualify called with a non-disqualifying dqState');
    if (this.isDq(m, fromPruning)) return;
    const rootPruning = this.rootOf(m);
    const isRoot = rootPruning !== undefined;
    if (fromPruning !== 'unpruned') {
      this.set(m, 'pruned', reason);
      if (!this.isDq(m, 'unpruned')) this.set(m, 'unpruned', reason);
    } else {
      this.set(m, 'unpruned', reason);
      if (this.isDq(m, 'pruned')) throw new Error(`internal error: module ${m} is marked as disqualified when pruned, but not when unpruned`);
      // An always-unpruned root drags its whole graph into any graph that selects it.
      if (isRoot && rootPruning === 'unpruned') this.set(m, 'pruned', reason);
    }
    const dependents = this.dependents(m);
    if (isRoot && (fromPruning !== 'unpruned' || rootPruning === 'unpruned')) {
      for (const p of dependents) this.disqualify(p, 'pruned', { dep: m });
      this.head[m] = -1;
      return;
    }
    for (const p of dependents) this.disqualify(p, 'unpruned', { dep: m });
    if (!isRoot) this.head[m] = -1;
  }

  check(m: number, pruning: Pruning): DqState {
    const dep = (pruning === 'unpruned' ? this.unprunedDep : this.prunedDep)[m];
    if (dep === undefined || dep === NO_DQ) return OK;
    if (dep === BY_ERROR) return { err: (pruning === 'unpruned' ? this.unprunedErr : this.prunedErr).get(m) };
    return { dep };
  }

  /** path follows the disqualification reasons from m to the module that causes them. */
  path(m: number, pruning: Pruning): { path: number[]; err?: Error } {
    const path: number[] = [];
    let cur = m;
    let p = pruning;
    for (;;) {
      if (this.rootOf(cur) === 'unpruned') p = 'unpruned';
      const dq = this.check(cur, p);
      if (!isDisqualified(dq)) return { path };
      path.push(cur);
      if (dq.err !== undefined || dq.dep === cur) return { path, err: dq.err };
      cur = dq.dep!;
    }
  }
}

/**
 * extendGraph loads the graph of roots and keeps unpruning the selected version of every root
 * path until it stops changing, so that every selection can be traced back to the roots.
 */
async function extendGraph(
  loader: Loader,
  table: ModuleTable,
  rootPruning: Pruning,
  rootIds: Int32Array,
  selectedRoot: ReadonlyMap<string, string>,
): Promise<{ mg: EditGraph; upgradedRoots: Set<number> }> {
  const upgradedRoots = new Set<number>();
  const rootPaths = [...selectedRoot.keys()].map((p) => table.pathId(p));
  const mg = await loadEditGraph(loader, table, rootPruning, rootIds);
  if (rootPruning === 'unpruned') return { mg, upgradedRoots };
  for (;;) {
    const added: number[] = [];
    for (const p of rootPaths) {
      const id = mg.selectedId(p);
      if (id < 0 || table.mods[id]!.version === 'none') continue;
      if (mg.requiredIds(id) === undefined && !upgradedRoots.has(id)) {
        upgradedRoots.add(id);
        added.push(id);
      }
    }
    if (added.length === 0) return { mg, upgradedRoots };
    // As readModGraph with the larger unprune set, without reloading what is already loaded.
    await mg.unprune(added);
  }
}

/**
 * taintedIds marks the modules of mg that can be disqualified: every version above a requested
 * one, every go.mod that failed to load, and whatever requires one of those (transitively),
 * found backwards over the table's reverse edges instead of by walking the whole graph.
 */
function taintedIds(mg: EditGraph, mustIds: readonly number[], aboveMustSelect: (id: number) => boolean): { marks: Uint8Array; count: number } {
  const table = mg.table;
  const marks = new Uint8Array(table.mods.length);
  const isRoot = new Uint8Array(table.mods.length);
  for (const r of mg.rootIds) isRoot[r] = 1;
  const queue: number[] = [];
  const inGraph = (id: number): boolean => isRoot[id] === 1 || (table.requirers[id]?.some((p) => mg.isLoaded(p)) ?? false);
  const seed = (id: number): void => {
    if (marks[id] === 0 && inGraph(id)) {
      marks[id] = 1;
      queue.push(id);
    }
  };
  for (const must of mustIds) {
    const versions = table.versionIds(table.pathOf[must]!);
    for (let i = versions.length - 1; i >= 0 && aboveMustSelect(versions[i]!); i--) seed(versions[i]!);
  }
  for (const id of table.errorIds) if (mg.isLoaded(id)) seed(id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (isRoot[id] === 1 && marks[mg.mainId] === 0) {
      marks[mg.mainId] = 1;
      queue.push(mg.mainId);
    }
    for (const p of table.requirers[id] ?? []) {
      if (marks[p] === 0 && mg.isLoaded(p)) {
        marks[p] = 1;
        queue.push(p);
      }
    }
  }
  return { marks, count: queue.length };
}

function sameModules(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

/**
 * editRequirements returns rs edited so that every module of mustSelect is selected at its
 * version, modules of tryUpgrade are raised towards theirs where that is compatible, and other
 * roots change only as needed. It throws ConstraintError when mustSelect cannot be met.
 */
export async function editRequirements(
  ctx: EditContext,
  rs: Requirements,
  tryUpgrade: readonly ModuleVersion[],
  mustSelect: readonly ModuleVersion[],
): Promise<EditResult> {
  const { loader } = ctx;
  const mms = loader.mainModules;
  if (rs.pruning === 'workspace') throw new Error('editRequirements cannot edit workspace requirements');
  const log = (line: string): void => ctx.log?.(line);

  const orig = rs;
  // When the edit names the go version, the pruning it implies applies from the start: a
  // pruned-to-unpruned change must see every conflict of the unpruned graph.
  let rootPruning: Pruning = orig.pruning;
  for (const m of mustSelect) {
    if (m.path === 'go') {
      rootPruning = pruningForGoVersion(m.version);
      break;
    }
    if (m.path === 'toolchain' && pruningForGoVersion(fromToolchain(m.version)) === 'unpruned') {
      rootPruning = 'unpruned';
      break;
    }
  }
  if (rootPruning !== rs.pruning) rs = await convertPruning(loader, rs, rootPruning);

  let selectedRoot: Map<string, string>;
  if (rootPruning === 'pruned') {
    selectedRoot = new Map(rs.maxRootVersion);
  } else {
    // Without pruning, implicit dependencies are as relevant as explicit ones: treat the whole
    // build list as roots so that none of them moves without a reason.
    const mg = await graphOf(loader, rs);
    selectedRoot = new Map(mg.graph.buildList().slice(mms.versions.length).map((m) => [m.path, m.version]));
  }

  for (const r of tryUpgrade) {
    const v = selectedRoot.get(r.path);
    if (v !== undefined && modCompare(r.path, v, r.version) >= 0) continue;
    if (ctx.verbose) log(`go: trying upgrade to ${formatModule(r)}`);
    selectedRoot.set(r.path, r.version);
  }

  const conflicts: Conflict[] = [];
  const mustSelectVersion = new Map<string, string>();
  for (const r of mustSelect) {
    const v = mustSelectVersion.get(r.path);
    if (v !== undefined && v !== r.version) {
      const prev = { path: r.path, version: v };
      if (modCompare(r.path, v, r.version) > 0) conflicts.push(new Conflict([prev], r));
      else conflicts.push(new Conflict([r], prev));
      continue;
    }
    mustSelectVersion.set(r.path, r.version);
    selectedRoot.set(r.path, r.version);
  }

  return withModuleTable(loader, (table) => editLoop(ctx, orig, rs, rootPruning, selectedRoot, mustSelect, mustSelectVersion, conflicts, table));
}

/** editLoop is editRequirements' fixpoint loop and its epilogue, over one module table. */
async function editLoop(
  ctx: EditContext,
  orig: Requirements,
  rs: Requirements,
  rootPruning: Pruning,
  selectedRoot: Map<string, string>,
  mustSelect: readonly ModuleVersion[],
  mustSelectVersion: ReadonlyMap<string, string>,
  conflicts: Conflict[],
  table: ModuleTable,
): Promise<EditResult> {
  const { loader, queries } = ctx;
  const mms = loader.mainModules;
  const log = (line: string): void => ctx.log?.(line);
  let roots: ModuleVersion[] = [];
  let rootsDirty = true;
  // Every round that changes the roots rejects at least one more version: the edit terminates.
  const rejectedRoot = new Set<string>();
  // Module versions as small integers, for this edit's many graph reloads.
  const mv = (id: number): ModuleVersion => table.mods[id]!;
  const path = (ids: readonly number[]): ModuleVersion[] => ids.map(mv);
  // The requested version's id by path id (-1: no request): the walk below asks for every
  // requirement edge of every round, so it is an array, not a map. Ranks are read live, as a
  // path's ranks are renumbered when a new version needs room between two others.
  const mustIds = [...mustSelectVersion].map(([p, v]) => table.id({ path: p, version: v }));
  const mustIdOfPath = new Int32Array(table.paths.length).fill(-1);
  for (const id of mustIds) mustIdOfPath[table.pathOf[id]!] = id;
  const aboveMustSelect = (id: number): boolean => {
    const p = table.pathOf[id]!;
    const max = p < mustIdOfPath.length ? mustIdOfPath[p]! : -1;
    return max >= 0 && table.rank[id]! > table.rank[max]!;
  };
  let origMG: ModuleGraphResult | undefined;
  const mainRequested = mms.versions.some((m) => mustSelectVersion.has(m.path));

  // The loop changes versions, never the set of root paths: sort the paths once.
  const rootPathOrder = modSort([...selectedRoot.keys()].map((p) => ({ path: p, version: '' }))).map((m) => m.path);
  // Each round moves a few roots: their ids are interned again, the others' are reused.
  const lastVersion: string[] = new Array(rootPathOrder.length).fill('');
  const lastRoot: ModuleVersion[] = new Array(rootPathOrder.length);
  const lastId = new Int32Array(rootPathOrder.length).fill(-1);
  while (rootsDirty && conflicts.length === 0) {
    loader.opts.signal?.throwIfAborted();
    roots = [];
    const ids: number[] = [];
    rootPathOrder.forEach((p, i) => {
      const v = selectedRoot.get(p)!;
      if (v === 'none') return;
      if (lastId[i]! < 0 || lastVersion[i] !== v) {
        lastVersion[i] = v;
        lastRoot[i] = { path: p, version: v };
        lastId[i] = table.id(lastRoot[i]!);
      }
      roots.push(lastRoot[i]!);
      ids.push(lastId[i]!);
    });
    const rootIds = Int32Array.from(ids);
    const { mg, upgradedRoots } = await extendGraph(loader, table, rootPruning, rootIds, selectedRoot);
    // As readModGraph reports the first load error breadth-first: a too-new go.mod stops the edit.
    let firstError: Error | undefined;
    if (table.errorIds.some((id) => mg.isLoaded(id))) mg.walkBreadthFirst((id) => (firstError ??= mg.loadError(id)));
    if (firstError && findError(firstError, TooNewError)) throw firstError;

    const extendedRootPruning = new Uint8Array(table.mods.length + 1);
    const findPruning = (id: number): number =>
      rootPruning === 'pruned' && mg.loadedSummary(id)?.pruning === 'unpruned' ? ROOT_UNPRUNED : rootPruning === 'unpruned' ? ROOT_UNPRUNED : ROOT_PRUNED;
    for (const id of rootIds) extendedRootPruning[id] = findPruning(id);
    for (const id of upgradedRoots) extendedRootPruning[id] = findPruning(id);
    const pruningOf = (id: number): Pruning | undefined =>
      extendedRootPruning[id] === ROOT_UNPRUNED ? 'unpruned' : extendedRootPruning[id] === ROOT_PRUNED ? 'pruned' : undefined;

    const t = new DqTracker(extendedRootPruning, table.mods.length);
    // Only modules that reach a requested path above its request, or a go.mod that failed to
    // load, can be disqualified; the tracker hears about those alone. Every requirer of such a
    // module is one too, so walking them alone visits them in the whole walk's order.
    const tainted = mainRequested ? undefined : taintedIds(mg, mustIds, aboveMustSelect);
    if (tainted === undefined || tainted.count > 0) mg.walkBreadthFirst((m) => {
      if (aboveMustSelect(m)) {
        // m itself breaks a request, even where its own requirements are pruned out.
        t.disqualify(m, 'pruned', { dep: m });
        return;
      }
      const loadErr = mg.loadError(m);
      if (loadErr) {
        t.disqualify(m, 'pruned', { err: loadErr });
        return;
      }
      const reqs = mg.requiredIds(m);
      if (reqs === undefined) return;
      if (!mg.loadedSummary(m)) {
        if (mv(m).version !== '') throw new Error(`internal error: ${reqs.length} reqs present for ${formatModule(mv(m))}, but summary is nil`);
        return; // the main module: its requirements are what we are editing
      }
      for (const r of reqs) {
        if (aboveMustSelect(r)) {
          t.disqualify(m, 'pruned', { dep: r });
          return;
        }
      }
      for (const r of reqs) if ((!tainted || tainted.marks[r] === 1) && !t.require(m, r)) break;
    }, tainted?.marks);

    // The roots that step down below look up their previous versions one after another; the
    // lookups (version lists, retractions) are independent, so start them all at once.
    for (let i = 0; i < roots.length; i++) {
      const mid = rootIds[i]!;
      if (tainted?.marks[mid] !== 0 && t.path(mid, pruningOf(mid)!).path.length > 0) void queries.previousVersion(roots[i]!).catch(() => undefined);
    }

    rootsDirty = false;
    for (let i = 0; i < roots.length; i++) {
      const m = roots[i]!;
      const mid = rootIds[i]!;
      const { path: dqPath, err } = t.path(mid, pruningOf(mid)!);
      if (dqPath.length === 0 && err === undefined) continue;
      let constraint: ModuleVersion | undefined;
      if (err === undefined) {
        const last = mv(dqPath[dqPath.length - 1]!);
        const mustV = mustSelectVersion.get(last.path);
        if (mustV === undefined) throw new Error('internal error: found a version conflict, but no constraint it violates');
        constraint = { path: last.path, version: mustV };
      }
      const conflict = new Conflict(path(dqPath), constraint, err);

      if (mustSelectVersion.get(m.path) === m.version) {
        // A requested version is disqualified by its own dependencies: report, don't guess.
        conflicts.push(conflict);
        continue;
      }

      const uid = mg.selectedId(table.pathOf[mid]!);
      if (uid !== mid) {
        const uPruning = pruningOf(mid);
        if (uPruning === undefined) {
          throw new Error(`internal error: selected version of root ${formatModule(m)} is ${uid < 0 ? 'none' : mv(uid).version}, but it was not expanded as a new root`);
        }
        // Accepting the upgrade to u resolves the conflict, if u itself is fine.
        const u = uid < 0 ? { path: m.path, version: 'none' } : mv(uid);
        if (!(uid >= 0 && isDisqualified(t.check(uid, uPruning))) && !rejectedRoot.has(keyOf(u))) continue;
      }

      origMG ??= await graphOf(loader, orig);
      const origV = origMG.graph.selectedVersion(m.path);
      if (err !== undefined && origV === m.version) {
        // Only move away from an existing requirement for a proven conflict, not a load error.
        conflicts.push(conflict);
        continue;
      }

      rejectedRoot.add(keyOf(m));
      let prev: ModuleVersion = m;
      for (;;) {
        let prevErr: unknown;
        try {
          prev = await queries.previousVersion(prev);
        } catch (e) {
          prevErr = e;
        }
        loader.opts.signal?.throwIfAborted();
        if (modCompare(m.path, m.version, origV) > 0 && (prevErr !== undefined || modCompare(m.path, prev.version, origV) < 0)) {
          // The walk went past the version that was selected before the edit: try it too.
          prev = { path: m.path, version: origV };
        } else if (prevErr !== undefined) {
          throw prevErr;
        }
        if (rejectedRoot.has(keyOf(prev))) {
          if (prev.version === origV && modCompare(m.path, m.version, origV) > 0) {
            // Every step down from here lands on origV again: go's edit.go spins forever.
            throw new Error(`${NON_TERMINATION}: downgrading ${formatModule(m)} keeps returning to the rejected ${formatModule(prev)} (the go command loops forever)`);
          }
          continue;
        }
        let pruning = rootPruning;
        if (pruning === 'pruned') {
          const s = mg.loadedSummary(mid);
          if (s) pruning = s.pruning;
        }
        const prevId = table.id(prev);
        if (isDisqualified(t.check(prevId, pruning))) {
          rejectedRoot.add(keyOf(prev));
          if (prev.version === origV && modCompare(m.path, m.version, origV) > 0) {
            throw new Error(`${NON_TERMINATION}: downgrading ${formatModule(m)} keeps returning to the rejected ${formatModule(prev)} (the go command loops forever)`);
          }
          continue;
        }
        break;
      }
      selectedRoot.set(m.path, prev.version);
      rootsDirty = true;
      ctx.onDowngrade?.(m, prev, conflict);

      if (err !== undefined || ctx.verbose) {
        const action =
          prev.version === 'none' ? `removing ${formatModule(m)}` : prev.version === origV ? `restoring ${formatModule(prev)}` : `trying ${formatModule(prev)}`;
        log(`go: ${conflict.summary()}\n\t${action}`);
      }
    }
    if (rootsDirty) continue;

    // Upgrades are locked in only after the downgrades settle: a downgrade can change which
    // requirement edges are pruned out.
    const upgradedFrom: ModuleVersion[] = [];
    for (const [p, v] of selectedRoot) {
      if (mustSelectVersion.has(p)) continue;
      const actual = mg.selectedVersion(p);
      if (actual !== v) {
        upgradedFrom.push({ path: p, version: v });
        selectedRoot.set(p, actual);
        rootsDirty = true;
      }
    }
    if (rootsDirty && ctx.verbose) {
      for (const m of modSort(upgradedFrom)) log(`go: accepting indirect upgrade from ${formatModule(m)} to ${selectedRoot.get(m.path)}`);
    }
  }
  if (conflicts.length > 0) throw new ConstraintError(conflicts);

  if (rootPruning === 'unpruned') {
    // An unpruned go.mod lists only some of the requirements: keep the requested ones and the
    // old roots that are unchanged or direct, and let mvs.Req drop what they imply.
    const rootPaths: string[] = [];
    for (const m of mustSelect) if (m.version !== 'none' && !mms.contains(m.path)) rootPaths.push(m.path);
    for (const m of roots) {
      const v = rs.rootSelected(loader, m.path);
      if (v !== undefined && (v === m.version || rs.direct.get(m.path))) rootPaths.push(m.path);
    }
    await prefetchUnpruned(loader, roots);
    const main = mms.versions[0]!;
    const keep = roots;
    roots = minimalRequirements(main, rootPaths, (m) => {
      if (m.version === '' && mms.contains(m.path)) return keep;
      if (m.version === 'none') return [];
      const s = loader.goModSummary(m);
      if (s instanceof Promise) throw new Error(`internal error: requirements of ${formatModule(m)} not loaded`);
      if (!s.ok) throw s.error;
      return s.summary.require;
    }, cmpVersion);
  }

  const changed = rootPruning !== orig.pruning || !sameModules(roots, orig.rootModules);
  if (!changed) return { rs: orig, changed: false };

  // A module that left the build list cannot provide imports any more; new ones are not direct.
  const direct = new Map<string, boolean>();
  for (const m of roots) if (rs.direct.get(m.path)) direct.set(m.path, true);
  let edited = new Requirements(rootPruning, roots, direct);

  if (rootPruning === 'unpruned') {
    const v = edited.rootSelected(loader, 'go');
    // A dependency raised go to 1.17 or later: keep the exact build list by making all of it roots.
    if (v !== undefined && pruningForGoVersion(v) === 'pruned') edited = await convertPruning(loader, edited, 'pruned');
  }
  return { rs: edited, changed: true };
}
