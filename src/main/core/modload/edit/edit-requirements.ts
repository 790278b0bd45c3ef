/**
 * editRequirements as modload/edit.go computes it: the root set that selects every module of
 * mustSelect at exactly its version, upgrades towards tryUpgrade as far as that allows, and
 * otherwise moves the previous roots only as much as needed. Roots that pull a requested
 * module too high are stepped down one allowed version at a time ("disqualified" versions are
 * tracked separately for the pruned and unpruned parts of the graph); a requested version that
 * another requested version contradicts is a conflict, and nothing changes.
 */
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { fromToolchain, modCompare } from '../../gover/gover';
import { modSort } from '../../gover/module-sort';
import { cmpVersion, Requirements, type Loader, type ModuleGraphResult } from '../loader';
import { pruningForGoVersion, TooNewError, type Pruning } from '../summary';
import { formatModule } from '../../mvs/build-list-error';
import { graphResultOf, loadEditGraph, withModuleTable, type EditGraph, type GrowingEditGraph, type ModuleTable } from '../edit-graph/edit-graph';
import type { RootLayer } from '../edit-graph/root-layer';
import { grown, IntList } from '../edit-graph/int-list';
import { minimalRequirements } from '../../mvs/req';
import { ModuleError } from '../../modpath/module-errors';
import { findError } from '../query/query-errors';
import type { ModuleQueries } from '../query/query';

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

/** The two prunings a disqualification is recorded for, as array selectors. */
const P_PRUNED = 0;
const P_UNPRUNED = 1;

/** No disqualification recorded (dep arrays), or "disqualified by a load error". */
const NO_DQ = -1;
const BY_ERROR = -2;

/**
 * DqTracker propagates why module versions cannot be part of the graph, separately for the
 * pruned and the unpruned parts (edit.go's dqTracker). Ids index typed arrays; the reverse
 * edges ("requiring") are linked lists in flat arrays, because one round may record thousands.
 */
class DqTracker {
  private prunedDep = new Int32Array(0);
  private unprunedDep = new Int32Array(0);
  private readonly prunedErr = new Map<number, Error>();
  private readonly unprunedErr = new Map<number, Error>();
  /** Head and tail of each id's list of dependents (indices into next/val), or -1. */
  private head = new Int32Array(0);
  private tail = new Int32Array(0);
  private readonly next = new IntList(1024);
  private readonly val = new IntList(1024);
  /** rootPruning[id] is NOT_ROOT, ROOT_PRUNED or ROOT_UNPRUNED. */
  private rootPruning = new Uint8Array(0);
  /**
   * Ids written this round: an edit runs many rounds over one tracker, and each round touches
   * few of the table's ids, so a new round clears those instead of every array.
   */
  private readonly touched = new IntList(1024);

  /** The roots of the last round, copied (their pruning stays recorded while they stay roots). */
  private readonly lastRoots = new IntList(1024);
  /** Modules recorded as roots for one round only (the upgraded roots of extendGraph). */
  private readonly extraRoots: number[] = [];

  /**
   * newRound forgets everything recorded, for a table of size ids, and records the roots with
   * their pruning (pruningOf: ROOT_PRUNED or ROOT_UNPRUNED, fixed for a module in one edit).
   */
  newRound(size: number, rootIds: Int32Array, pruningOf: (id: number) => number): void {
    if (size > this.head.length) {
      const n = Math.max(size, this.head.length * 2);
      this.prunedDep = new Int32Array(n).fill(NO_DQ);
      this.unprunedDep = new Int32Array(n).fill(NO_DQ);
      this.head = new Int32Array(n).fill(-1);
      this.tail = new Int32Array(n).fill(-1);
      this.rootPruning = new Uint8Array(n);
      this.lastRoots.clear();
    } else {
      const touched = this.touched.data;
      for (let i = 0; i < this.touched.length; i++) {
        const id = touched[i]!;
        this.prunedDep[id] = NO_DQ;
        this.unprunedDep[id] = NO_DQ;
        this.head[id] = -1;
      }
      for (const id of this.extraRoots) this.rootPruning[id] = NOT_ROOT;
    }
    this.touched.clear();
    this.extraRoots.length = 0;
    this.prunedErr.clear();
    this.unprunedErr.clear();
    this.next.clear();
    this.val.clear();
    // Most rounds move a few roots: compare position by position when the paths are the same.
    const old = this.lastRoots.view();
    if (old.length === rootIds.length) {
      for (let i = 0; i < old.length; i++) if (old[i] !== rootIds[i]) this.rootPruning[old[i]!] = NOT_ROOT;
      for (let i = 0; i < old.length; i++) if (old[i] !== rootIds[i]) this.rootPruning[rootIds[i]!] = pruningOf(rootIds[i]!);
    } else {
      for (const id of old) this.rootPruning[id] = NOT_ROOT;
      for (const id of rootIds) this.rootPruning[id] = pruningOf(id);
    }
    this.lastRoots.assign(rootIds);
  }

  /** setExtraRoot records, for this round only, that id is a root loaded with the given pruning. */
  setExtraRoot(id: number, pruning: number): void {
    this.rootPruning[id] = pruning;
    this.extraRoots.push(id);
  }

  /** pruningOf is the pruning a root was loaded with, or undefined for a module that is not a root. */
  pruningOf(id: number): Pruning | undefined {
    return this.rootOf(id);
  }

  private rootOf(id: number): Pruning | undefined {
    const r = id < this.rootPruning.length ? this.rootPruning[id] : NOT_ROOT;
    return r === ROOT_PRUNED ? 'pruned' : r === ROOT_UNPRUNED ? 'unpruned' : undefined;
  }

  /** depOf is the recorded reason of id for a pruning (P_PRUNED or P_UNPRUNED), or NO_DQ. */
  private depOf(id: number, p: number): number {
    const v = (p === P_UNPRUNED ? this.unprunedDep : this.prunedDep)[id];
    return v === undefined ? NO_DQ : v;
  }

  /** set records reason (a module id, or BY_ERROR with err) for id and a pruning. */
  private set(id: number, p: number, dep: number, err: Error | undefined): void {
    this.touched.push(id);
    (p === P_UNPRUNED ? this.unprunedDep : this.prunedDep)[id] = dep;
    if (dep === BY_ERROR) (p === P_UNPRUNED ? this.unprunedErr : this.prunedErr).set(id, err!);
  }

  /** require records that m requires r; it returns false when m is now fully disqualified. */
  require(m: number, r: number): boolean {
    const rootPruning = this.rootPruning[r] ?? NOT_ROOT;
    if (rootPruning !== NOT_ROOT && this.depOf(r, rootPruning === ROOT_UNPRUNED ? P_UNPRUNED : P_PRUNED) !== NO_DQ) {
      this.mark(m, P_PRUNED, r, undefined);
      return false;
    }
    if (this.depOf(r, P_UNPRUNED) !== NO_DQ) {
      this.mark(m, P_UNPRUNED, r, undefined);
      if ((this.rootPruning[m] ?? NOT_ROOT) === NOT_ROOT) return false;
    }
    // Dependents are kept in the order they were recorded: append at the tail.
    const e = this.next.length;
    this.next.push(-1);
    this.val.push(m);
    // The first dependent of r is where its list needs clearing next round.
    if (this.head[r]! < 0) {
      this.head[r] = e;
      this.touched.push(r);
    } else this.next.data[this.tail[r]!] = e;
    this.tail[r] = e;
    return true;
  }

  /** disqualify records why m's requirements cannot be included when reached with fromPruning. */
  disqualify(m: number, fromPruning: Pruning, reason: DqState): void {
    if (!isDisqualified(reason)) throw new Error('internal error: disqualify called with a non-disqualifying dqState');
    this.mark(m, fromPruning === 'unpruned' ? P_UNPRUNED : P_PRUNED, reason.err !== undefined ? BY_ERROR : reason.dep!, reason.err);
  }

  /** disqualifyPruned is disqualify(m, 'pruned', { dep }) without a reason object (the walk's). */
  disqualifyPruned(m: number, dep: number): void {
    this.mark(m, P_PRUNED, dep, undefined);
  }

  private mark(m: number, fromPruning: number, dep: number, err: Error | undefined): void {
    if (this.depOf(m, fromPruning) !== NO_DQ) return;
    const rootPruning = this.rootPruning[m] ?? NOT_ROOT;
    const isRoot = rootPruning !== NOT_ROOT;
    if (fromPruning === P_PRUNED) {
      this.set(m, P_PRUNED, dep, err);
      if (this.depOf(m, P_UNPRUNED) === NO_DQ) this.set(m, P_UNPRUNED, dep, err);
    } else {
      this.set(m, P_UNPRUNED, dep, err);
      if (this.depOf(m, P_PRUNED) !== NO_DQ) throw new Error(`internal error: module ${m} is marked as disqualified when pruned, but not when unpruned`);
      // An always-unpruned root drags its whole graph into any graph that selects it.
      if (isRoot && rootPruning === ROOT_UNPRUNED) this.set(m, P_PRUNED, dep, err);
    }
    // The dependents recorded so far, in order; the links are not changed while they are
    // followed (a nested call only drops the head), so no copy of the list is needed.
    const toPruned = isRoot && (fromPruning === P_PRUNED || rootPruning === ROOT_UNPRUNED);
    for (let e = this.head[m]!; e >= 0; e = this.next.data[e]!) this.mark(this.val.data[e]!, toPruned ? P_PRUNED : P_UNPRUNED, m, undefined);
    if (toPruned || !isRoot) this.head[m] = -1;
  }

  /** isDisqualified tells, without allocating, whether check(m, pruning) would disqualify m. */
  isDisqualified(m: number, pruning: Pruning): boolean {
    return this.depOf(m, pruning === 'unpruned' ? P_UNPRUNED : P_PRUNED) !== NO_DQ;
  }

  check(m: number, pruning: Pruning): DqState {
    const dep = this.depOf(m, pruning === 'unpruned' ? P_UNPRUNED : P_PRUNED);
    if (dep === NO_DQ) return OK;
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
  rootPaths: Int32Array,
  isRootPath: Uint8Array,
): Promise<{ mg: GrowingEditGraph; upgradedRoots: Set<number> }> {
  const upgradedRoots = new Set<number>();
  const mg = await loadEditGraph(loader, table, rootPruning, rootIds);
  if (rootPruning === 'unpruned') return { mg, upgradedRoots };
  // Unpruning only raises selections: after the first look at every root path, only the
  // paths it raised can hold a new version to unprune.
  let paths: readonly number[] | Int32Array = rootPaths;
  for (;;) {
    const added: number[] = [];
    // Indexed, not for-of: an iterator over a typed array in an async function is allocated.
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i]!;
      if (isRootPath[p] !== 1) continue;
      const id = mg.selectedId(p);
      if (id < 0 || table.isNone[id] === 1) continue;
      if (mg.requiredIds(id) === undefined && !upgradedRoots.has(id)) {
        upgradedRoots.add(id);
        added.push(id);
      }
    }
    if (added.length === 0) return { mg, upgradedRoots };
    // As readModGraph with the larger unprune set, without reloading what is already loaded.
    paths = await mg.unprune(added, isRootPath);
  }
}

/**
 * Taint marks the modules of a graph that can be disqualified: every version above a requested
 * one, every go.mod that failed to load, and whatever loaded module requires one of those
 * (transitively), found backwards over the table's reverse edges instead of by walking the whole
 * graph. The walk then visits the marked modules alone, and, since every loaded requirer of a
 * marked module is marked too, in the order the whole walk would visit them.
 *
 * One Taint serves every round of an edit, and the marks are kept from round to round: a round
 * moves a few roots, so only the modules loaded anew are looked at. A module that stops reaching
 * a disqualified one keeps its mark; the walk records it for nothing, which changes no answer.
 * When the graph was not loaded over the same root layer, one move on, everything is marked anew.
 */
class Taint {
  /** Whether every round checks its carried marks against the rules (see checkTaint). */
  static checked = false;
  marks = new Uint8Array(0);
  /** The marked modules, in the order they were marked. */
  private readonly queue: number[] = [];
  /** The walk's queue (see walkTainted), kept from round to round. */
  readonly walkQueue = new IntList(1024);
  /** What the walk does with each module (K_*), found once per edit. */
  kinds = new Uint8Array(0);
  /** Indices into mg.rootIds of the marked roots, in root order. */
  readonly roots: number[] = [];
  private layer?: RootLayer;
  private layerMoves = -1;
  /** How many ids of the table, and of its load errors, have been looked at as seeds. */
  private seenIds = 0;
  private seenErrors = 0;
  /**
   * The marked requirements of a module, in go.mod order, as of generation gen: marks only
   * grow between full markings, so a list holds until one of its module's requirements is
   * marked (which drops it) or everything is marked anew (a new generation). A list is a range
   * of the arena (start, length), or all of the module's requirements (length -1); the arena
   * only grows within a generation (a list worked out again is appended).
   */
  private arena?: IntList;
  private listStart = new Int32Array(0);
  private listLength = new Int32Array(0);
  private markedReqsGen = new Int32Array(0);
  private gen = 1;
  /** The round (a count of mark calls) in which each id was last loaded beyond the layer. */
  private stampedIn = new Int32Array(0);
  private round = 0;

  get count(): number {
    return this.queue.length;
  }

  mark(mg: GrowingEditGraph, mustIds: readonly number[], aboveMustSelect: (id: number) => boolean): void {
    const table = mg.table;
    const n = table.mods.length;
    if (n > this.marks.length) {
      // Every per-id array keeps the length of marks.
      const size = Math.max(n, this.marks.length * 2);
      const ints = (k: number) => new Int32Array(k);
      const bytes = (k: number) => new Uint8Array(k);
      this.marks = grown(this.marks, size, bytes);
      this.markedReqsGen = grown(this.markedReqsGen, size, ints);
      this.listStart = grown(this.listStart, size, ints);
      this.listLength = grown(this.listLength, size, ints);
      this.stampedIn = grown(this.stampedIn, size, ints);
      this.kinds = grown(this.kinds, size, bytes);
    }
    const round = ++this.round;
    const stampedIn = this.stampedIn;
    const { marks, queue } = this;
    const layer = mg.rootLayer;
    const carried = layer !== undefined && layer === this.layer && layer.moves === this.layerMoves + 1;
    this.layer = layer;
    this.layerMoves = layer?.moves ?? -1;
    let next = queue.length;
    const add = (id: number): void => {
      if (marks[id] === 0) {
        marks[id] = 1;
        queue.push(id);
      }
    };
    if (!this.arena) (this.arena = table.st.markedArena).clear();
    if (!carried) {
      this.gen++;
      this.arena.clear();
      for (const id of queue) marks[id] = 0;
      queue.length = 0;
      next = 0;
      // Seeds outside the graph are marked too: no loaded module requires them, so nothing is
      // marked through them until one does, and the walk never reaches them.
      for (const must of mustIds) {
        const versions = table.versionIds(table.pathOf[must]!);
        for (let i = versions.length - 1; i >= 0 && aboveMustSelect(versions[i]!); i--) add(versions[i]!);
      }
      this.seenIds = n;
      this.seenErrors = 0;
    } else {
      for (let id = this.seenIds; id < n; id++) if (aboveMustSelect(id)) add(id);
      this.seenIds = n;
      // A module loaded anew that requires a marked one: the only way in besides the seeds.
      const requiresMarked = (id: number): boolean => {
        if (marks[id] !== 0 || !mg.isLoaded(id)) return false;
        for (const r of table.reqIds[id] ?? []) if (marks[r] === 1) return true;
        return false;
      };
      for (const id of layer.entered) if (requiresMarked(id)) add(id);
      // Loaded in the last round too: marked then if it had to be.
      const stamped = mg.stampedIds();
      for (let i = 0; i < stamped.length; i++) if (stampedIn[stamped[i]!] !== round - 1 && requiresMarked(stamped[i]!)) add(stamped[i]!);
    }
    const stamped = mg.stampedIds();
    for (let i = 0; i < stamped.length; i++) stampedIn[stamped[i]!] = round;
    const errors = table.errorIds;
    for (; this.seenErrors < errors.length; this.seenErrors++) add(errors[this.seenErrors]!);
    const markedReqsGen = this.markedReqsGen;
    for (; next < queue.length; next++) {
      for (const p of table.requirers[queue[next]!] ?? []) {
        markedReqsGen[p] = 0;
        if (marks[p] === 0 && mg.isLoaded(p)) add(p);
      }
    }
    if (Taint.checked) this.check(mg, mustIds, aboveMustSelect);
    this.roots.length = 0;
    const rootIds = mg.rootIds;
    for (let i = 0; i < rootIds.length; i++) if (marks[rootIds[i]!] === 1) this.roots.push(i);
    if (this.roots.length > 0 && marks[mg.mainId] === 0) {
      marks[mg.mainId] = 1;
      queue.push(mg.mainId);
    }
  }

  /**
   * check throws if the marks miss what the rules require: a seed in the graph, a loaded load
   * error, a loaded module that requires a marked one; or if a kept list of marked requirements
   * is not what the marks say now.
   */
  private check(mg: GrowingEditGraph, mustIds: readonly number[], aboveMustSelect: (id: number) => boolean): void {
    const t = mg.table;
    const fail = (what: string, id: number): never => {
      throw new Error(`internal error: taint carried wrong: ${what} ${formatModule(t.mods[id]!)}`);
    };
    for (const must of mustIds) for (const id of t.versionIds(t.pathOf[must]!)) if (aboveMustSelect(id) && this.marks[id] !== 1) fail('seed not marked:', id);
    for (const id of t.errorIds) if (this.marks[id] !== 1) fail('load error not marked:', id);
    for (let id = 0; id < t.mods.length; id++) {
      if (this.marks[id] === 1 || !mg.isLoaded(id)) continue;
      for (const r of t.reqIds[id] ?? []) if (this.marks[r] === 1) fail('requirer of a marked module not marked:', id);
    }
    for (let id = 0; id < t.mods.length; id++) {
      if (this.markedReqsGen[id] !== this.gen) continue;
      const reqs = t.reqIds[id] ?? new Int32Array(0);
      const n = this.listLength[id]!;
      const list = n < 0 ? Array.from(reqs) : Array.from(this.arena!.data.subarray(this.listStart[id]!, this.listStart[id]! + n));
      const fresh = Array.from(reqs).filter((r) => this.marks[r] === 1);
      if (fresh.join() !== list.join()) fail('stale list of marked requirements of', id);
    }
  }

  /**
   * markedReqsAt works out the marked ids among reqs (m's requirements), in their order, and
   * returns where they start in arenaData, or -1 when they are all of reqs; markedLength(m) is
   * how many there are. arenaData is valid until the next call.
   */
  markedReqsAt(m: number, reqs: Int32Array): number {
    if (this.markedReqsGen[m] !== this.gen) {
      const marks = this.marks;
      let k = 0;
      for (let i = 0; i < reqs.length; i++) if (marks[reqs[i]!] === 1) k++;
      if (k === reqs.length) {
        this.listLength[m] = -1;
      } else {
        const arena = this.arena!;
        this.listStart[m] = arena.length;
        this.listLength[m] = k;
        for (let i = 0; i < reqs.length; i++) if (marks[reqs[i]!] === 1) arena.push(reqs[i]!);
      }
      this.markedReqsGen[m] = this.gen;
    }
    return this.listLength[m]! < 0 ? -1 : this.listStart[m]!;
  }

  markedLength(m: number): number {
    return this.listLength[m]!;
  }

  get arenaData(): Int32Array {
    return this.arena!.data;
  }
}

function sameModules(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

/**
 * What the walk does with a module, found once per edit (requests and go.mod files stay put):
 * not looked at yet; above a request; below one, and not looked at as loaded; when loaded, its
 * go.mod failed, has no summary (the main module), requires a version above a request, or has
 * its requirements recorded.
 */
const K_UNKNOWN = 0;
const K_ABOVE = 1;
const K_BELOW = 2;
const K_ERROR = 3;
const K_NO_SUMMARY = 4;
const K_REQUIRES_ABOVE = 5;
const K_RECORDS = 6;

/**
 * walkTainted is the disqualification walk (edit.go's mg.WalkBreadthFirst over the tracker)
 * restricted to the tainted modules (see Taint): breadth-first from the main module, in
 * the order of the whole walk, each module's requirements passed over once both to queue the
 * tainted ones and to record them with the tracker.
 */
function walkTainted(
  mg: EditGraph,
  t: DqTracker,
  taint: Taint,
  aboveMustSelect: (id: number) => boolean,
  firstAbove: (id: number) => number,
): void {
  const table = mg.table;
  const st = table.st;
  const mark = ++st.walk;
  const queue = taint.walkQueue;
  queue.clear();
  queue.push(mg.mainId);
  st.seen[mg.mainId] = mark;
  const kinds = taint.kinds;
  for (let i = 0; i < queue.length; i++) {
    const m = queue.data[i]!;
    const loaded = mg.isLoaded(m);
    const reqs = m === mg.mainId ? mg.rootIds : loaded ? table.reqIds[m] : undefined;
    let recording = false;
    let kind = kinds[m]!;
    if (kind === K_UNKNOWN) kinds[m] = kind = aboveMustSelect(m) ? K_ABOVE : K_BELOW;
    if (kind === K_ABOVE) {
      // m itself breaks a request, even where its own requirements are pruned out.
      t.disqualifyPruned(m, m);
    } else if (loaded) {
      if (kind === K_BELOW) kinds[m] = kind = table.error[m] ? K_ERROR : !table.summary[m] ? K_NO_SUMMARY : firstAbove(m) >= 0 ? K_REQUIRES_ABOVE : K_RECORDS;
      if (kind === K_RECORDS) recording = true;
      else if (kind === K_REQUIRES_ABOVE) t.disqualifyPruned(m, firstAbove(m));
      else if (kind === K_ERROR) t.disqualify(m, 'pruned', { err: table.error[m] });
      else if (reqs !== undefined && table.mods[m]!.version !== '') {
        throw new Error(`internal error: ${reqs.length} reqs present for ${formatModule(table.mods[m]!)}, but summary is nil`);
      }
    }
    if (reqs === undefined) continue;
    const seen = st.seen;
    if (m === mg.mainId) {
      // The main module requires the roots: the tainted ones are known, in root order.
      for (const k of taint.roots) {
        const r = reqs[k]!;
        if (seen[r] !== mark && table.isNone[r] !== 1) {
          seen[r] = mark;
          queue.push(r);
        }
      }
      continue;
    }
    const start = taint.markedReqsAt(m, reqs);
    const list = start < 0 ? reqs : taint.arenaData;
    const from = start < 0 ? 0 : start;
    const to = start < 0 ? reqs.length : start + taint.markedLength(m);
    for (let k = from; k < to; k++) {
      const r = list[k]!;
      if (seen[r] !== mark && table.isNone[r] !== 1) {
        seen[r] = mark;
        queue.push(r);
      }
      if (recording && !t.require(m, r)) recording = false;
    }
  }
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

/** checkTaint makes every edit round check the marks it carries (for tests: it is slow). */
export function checkTaint(on: boolean): void {
  Taint.checked = on;
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
  // (By id: a root's previous versions are interned anyway, and ids spell no keys.)
  const rejectedRoot = new Set<number>();
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
  // The first requirement of each module above a request (-1: none; -2: not looked at yet):
  // requests and go.mod files stay put for the whole edit, so each module is looked at once.
  let firstAboveOf = new Int32Array(table.mods.length).fill(-2);
  const firstAbove = (id: number): number => {
    if (id >= firstAboveOf.length) {
      const grown = new Int32Array(Math.max(table.mods.length, firstAboveOf.length * 2)).fill(-2);
      grown.set(firstAboveOf);
      firstAboveOf = grown;
    }
    let a = firstAboveOf[id]!;
    if (a === -2) {
      a = -1;
      for (const r of table.reqIds[id] ?? []) {
        if (aboveMustSelect(r)) {
          a = r;
          break;
        }
      }
      firstAboveOf[id] = a;
    }
    return a;
  };
  let origMG: ModuleGraphResult | undefined;
  const mainRequested = mms.versions.some((m) => mustSelectVersion.has(m.path));

  // The loop changes versions, never the set of root paths: sort the paths once, and keep each
  // path's version (and its id, interned again only when it moves) by position.
  const { order: rootPathOrder, posOfPath, pathIds: rootPaths } = table.rootPathsOf(selectedRoot);
  const version = rootPathOrder.map((p) => selectedRoot.get(p)!);
  const isRootPath = new Uint8Array(table.paths.length);
  for (const p of rootPaths) isRootPath[p] = 1;
  const requested = rootPathOrder.map((p) => mustSelectVersion.has(p));
  const lastRoot: ModuleVersion[] = new Array(rootPathOrder.length);
  const lastId = new Int32Array(rootPathOrder.length).fill(-1);
  // The last round's root lists (prevLists), where each position stands in them, and what
  // moved since.
  let prevLists: { roots: ModuleVersion[]; ids: Int32Array } | undefined;
  // The lists of the round before the last, when they have the same length: nothing refers to
  // them any more (the layer and the tracker keep copies), so the next round writes over them.
  let spareLists: { roots: ModuleVersion[]; ids: Int32Array } | undefined;
  const compactAt = new Int32Array(rootPathOrder.length);
  const movedAt: number[] = [];
  let rebuildRoots = true;
  const setRoot = (path: string, v: string): void => {
    selectedRoot.set(path, v);
    const i = posOfPath[table.lookupPath(path)]!;
    if (v === 'none' || version[i] === 'none') rebuildRoots = true;
    version[i] = v;
    lastId[i] = -1;
    movedAt.push(i);
  };
  // The last round's graph, when nothing beyond go's pruning rules was unpruned in it.
  let lastGraph: GrowingEditGraph | undefined;
  const t = new DqTracker();
  const taint = new Taint();
  while (rootsDirty && conflicts.length === 0) {
    loader.opts.signal?.throwIfAborted();
    let rootIds: Int32Array;
    if (rebuildRoots || !prevLists) {
      roots = [];
      const ids: number[] = [];
      compactAt.fill(-1);
      for (let i = 0; i < rootPathOrder.length; i++) {
        if (version[i] === 'none') continue;
        if (lastId[i]! < 0) {
          lastId[i] = table.idAt(rootPaths[i]!, version[i]!);
          lastRoot[i] = mv(lastId[i]!);
        }
        compactAt[i] = roots.length;
        roots.push(lastRoot[i]!);
        ids.push(lastId[i]!);
      }
      rootIds = Int32Array.from(ids);
      rebuildRoots = false;
      spareLists = undefined;
    } else {
      // Only versions moved (no root came or went): copy the last round's lists, patch the moves.
      const n = prevLists.ids.length;
      const into = spareLists ?? { roots: new Array<ModuleVersion>(n), ids: new Int32Array(n) };
      into.ids.set(prevLists.ids);
      for (let k = 0; k < n; k++) into.roots[k] = prevLists.roots[k]!;
      spareLists = prevLists;
      roots = into.roots;
      rootIds = into.ids;
      for (const i of movedAt) {
        lastId[i] = table.idAt(rootPaths[i]!, version[i]!);
        lastRoot[i] = mv(lastId[i]!);
        roots[compactAt[i]!] = lastRoot[i]!;
        rootIds[compactAt[i]!] = lastId[i]!;
      }
    }
    movedAt.length = 0;
    prevLists = { roots, ids: rootIds };
    const { mg, upgradedRoots } = await extendGraph(loader, table, rootPruning, rootIds, rootPaths, isRootPath);
    lastGraph = upgradedRoots.size === 0 ? mg : undefined;
    // As readModGraph reports the first load error breadth-first: a too-new go.mod stops the edit.
    let firstError: Error | undefined;
    if (table.errorIds.some((id) => mg.isLoaded(id))) mg.walkBreadthFirst((id) => (firstError ??= mg.loadError(id)));
    if (firstError && findError(firstError, TooNewError)) throw firstError;

    const findPruning = (id: number): number =>
      rootPruning === 'pruned' && mg.loadedSummary(id)?.pruning === 'unpruned' ? ROOT_UNPRUNED : rootPruning === 'unpruned' ? ROOT_UNPRUNED : ROOT_PRUNED;
    t.newRound(table.mods.length, rootIds, findPruning);
    for (const id of upgradedRoots) t.setExtraRoot(id, findPruning(id));
    const pruningOf = (id: number): Pruning | undefined => t.pruningOf(id);
    // Only modules that reach a requested path above its request, or a go.mod that failed to
    // load, can be disqualified; the tracker hears about those alone. Every requirer of such a
    // module is one too, so walking them alone visits them in the whole walk's order.
    let tainted: Taint | undefined;
    if (!mainRequested) (tainted = taint).mark(mg, mustIds, aboveMustSelect);
    // The roots the walk can disqualify: the tainted ones (or all, when nothing is tainted).
    const candidates = tainted ? tainted.roots : roots.map((_, i) => i);
    if (tainted === undefined) {
      mg.walkBreadthFirst((m) => {
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
        const above = firstAbove(m);
        if (above >= 0) {
          t.disqualify(m, 'pruned', { dep: above });
          return;
        }
        for (const r of reqs) if (!t.require(m, r)) break;
      });
    } else if (tainted.count > 0) {
      walkTainted(mg, t, tainted, aboveMustSelect, firstAbove);
    }

    // The roots that step down below look up their previous versions one after another; the
    // lookups (version lists, retractions) are independent, so start them all at once.
    for (const i of candidates) {
      const mid = rootIds[i]!;
      if (t.isDisqualified(mid, pruningOf(mid)!) && !queries.previousVersionNow(roots[i]!)) void queries.previousVersion(roots[i]!).catch(() => undefined);
    }

    rootsDirty = false;
    for (const i of candidates) {
      const m = roots[i]!;
      const mid = rootIds[i]!;
      // A root is checked with its own pruning, which is where path starts too.
      if (!t.isDisqualified(mid, pruningOf(mid)!)) continue;
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
        const u = uid < 0 ? table.idAt(table.pathOf[mid]!, 'none') : uid;
        if (!(uid >= 0 && isDisqualified(t.check(uid, uPruning))) && !rejectedRoot.has(u)) continue;
      }

      origMG ??= await graphOf(loader, orig);
      const origV = origMG.graph.selectedVersion(m.path);
      if (err !== undefined && origV === m.version) {
        // Only move away from an existing requirement for a proven conflict, not a load error.
        conflicts.push(conflict);
        continue;
      }

      rejectedRoot.add(mid);
      let prev: ModuleVersion = m;
      for (;;) {
        let prevErr: unknown;
        try {
          prev = queries.previousVersionNow(prev) ?? (await queries.previousVersion(prev));
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
        const prevId = table.idAt(table.pathOf[mid]!, prev.version);
        if (rejectedRoot.has(prevId)) {
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
        if (isDisqualified(t.check(prevId, pruning))) {
          rejectedRoot.add(prevId);
          if (prev.version === origV && modCompare(m.path, m.version, origV) > 0) {
            throw new Error(`${NON_TERMINATION}: downgrading ${formatModule(m)} keeps returning to the rejected ${formatModule(prev)} (the go command loops forever)`);
          }
          continue;
        }
        break;
      }
      setRoot(m.path, prev.version);
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
    for (let i = 0; i < rootPathOrder.length; i++) {
      if (requested[i]) continue;
      const sid = mg.selectedId(rootPaths[i]!);
      const actual = sid < 0 || table.isNone[sid] === 1 ? -1 : sid;
      if (actual === (version[i] === 'none' ? -1 : lastId[i]!)) continue;
      upgradedFrom.push({ path: rootPathOrder[i]!, version: version[i]! });
      setRoot(rootPathOrder[i]!, actual < 0 ? 'none' : mv(actual).version);
      rootsDirty = true;
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
  if (rootPruning === 'pruned' && lastGraph) {
    // The last round loaded exactly the graph of these roots: the caller need not load it again.
    const g = graphResultOf(lastGraph, loader, roots);
    if (g) edited.adoptGraph(g);
  }

  if (rootPruning === 'unpruned') {
    const v = edited.rootSelected(loader, 'go');
    // A dependency raised go to 1.17 or later: keep the exact build list by making all of it roots.
    if (v !== undefined && pruningForGoVersion(v) === 'pruned') edited = await convertPruning(loader, edited, 'pruned');
  }
  return { rs: edited, changed: true };
}
