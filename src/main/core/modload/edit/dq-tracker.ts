/**
 * The disqualification tracker of editRequirements (edit.go's dqTracker): why a module version
 * cannot be part of the edited graph, kept separately for the pruned and the unpruned parts of
 * the graph, and propagated from each module to those that require it.
 */
import type { Pruning } from '../summary';
import { IntList } from '../edit-graph/int-list';

/** A disqualification: the id of the module version that causes it, or a load error. */
export interface DqState {
  readonly err?: Error;
  readonly dep?: number;
}

const OK: DqState = {};

export function isDisqualified(dq: DqState): boolean {
  return dq.err !== undefined || dq.dep !== undefined;
}

/** RootPruning of an id in the extended graph: not a root, or a root loaded pruned/unpruned. */
export const NOT_ROOT = 0;
export const ROOT_PRUNED = 1;
export const ROOT_UNPRUNED = 2;

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
export class DqTracker {
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
