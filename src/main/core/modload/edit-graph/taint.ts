/**
 * The accelerated path's filter for the disqualification walk (see the glossary in
 * edit-graph.ts): which modules of a round's graph can be disqualified at all.
 */
import { formatModule } from '../../mvs/build-list-error';
import type { WalkFilter } from '../edit/disqualify-walk';
import type { GrowingEditGraph } from './edit-graph';
import { grown, type IntList } from './int-list';
import type { RootLayer } from './root-layer';

/**
 * Taint marks the modules of a graph that can be disqualified: every version above a requested
 * one, every go.mod that failed to load, and whatever loaded module requires one of those
 * (transitively), found backwards over the table's reverse edges instead of by walking the whole
 * graph. The walk (edit/disqualify-walk.ts, with this as its WalkFilter) then visits the marked modules alone, and, since every loaded requirer of a
 * marked module is marked too, in the order the whole walk would visit them.
 *
 * One Taint serves every round of an edit, and the marks are kept from round to round: a round
 * moves a few roots, so only the modules loaded anew are looked at. A module that stops reaching
 * a disqualified one keeps its mark; the walk records it for nothing, which changes no answer.
 * When the graph was not loaded over the same root layer, one move on, everything is marked anew.
 */
export class Taint implements WalkFilter {
  marks = new Uint8Array(0);
  /** The marked modules, in the order they were marked. */
  private readonly queue: number[] = [];
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

  /** checked makes every round check its carried marks against the rules (slow: for tests). */
  constructor(private readonly checked = false) {}

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
    if (this.checked) this.check(mg, mustIds, aboveMustSelect);
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
