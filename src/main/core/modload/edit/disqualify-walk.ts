/**
 * The disqualification walk of editRequirements (edit.go's mg.WalkBreadthFirst over its
 * dqTracker): breadth-first from the main module, a module above a request, a go.mod that
 * failed to load and a module that requires a version above a request are disqualified; every
 * other loaded module's requirements are recorded with the tracker, which passes a
 * disqualification on to whatever requires it.
 *
 * The rule is written here once. The accelerated path narrows the walk through one seam,
 * WalkFilter (implemented by edit-graph/taint.ts): only the roots and requirements that can be
 * disqualified are followed. Every loaded requirer of such a module can be disqualified too, so
 * the narrowed walk visits what it visits in the order of the whole walk, and records the same
 * disqualifications; the forced-plain mode (EditContext.plainGraph) walks without a filter.
 */
import { formatModule } from '../../mvs/build-list-error';
import type { EditGraph } from '../edit-graph/edit-graph';
import { grown, IntList } from '../edit-graph/int-list';
import type { DqTracker } from './dq-tracker';

/** WalkFilter narrows the walk to the modules that can be disqualified. */
export interface WalkFilter {
  /** roots lists the positions in mg.rootIds of the roots worth following, in root order. */
  readonly roots: readonly number[];
  /**
   * markedReqsAt returns where m's requirements worth following (among reqs, in their order)
   * start in arenaData, or -1 when they are all of reqs; markedLength(m) says how many.
   */
  markedReqsAt(m: number, reqs: Int32Array): number;
  markedLength(m: number): number;
  readonly arenaData: Int32Array;
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

/** DisqualificationWalk runs the walk round after round of one edit, keeping its storage. */
export class DisqualificationWalk {
  private kinds = new Uint8Array(0);
  private readonly queue = new IntList(1024);

  constructor(
    /** aboveMustSelect reports whether id is above the version requested for its path. */
    private readonly aboveMustSelect: (id: number) => boolean,
    /** firstAbove is the first requirement of id above a request, or -1. */
    private readonly firstAbove: (id: number) => number,
  ) {}

  /** run walks mg, recording with t; with a filter, only what the filter lets through. */
  run(mg: EditGraph, t: DqTracker, filter?: WalkFilter): void {
    const table = mg.table;
    const st = table.st;
    const mark = ++st.walk;
    const queue = this.queue;
    queue.clear();
    queue.push(mg.mainId);
    st.seen[mg.mainId] = mark;
    if (this.kinds.length < table.mods.length) this.kinds = grown(this.kinds, table.mods.length, (k) => new Uint8Array(k));
    const kinds = this.kinds;
    const { aboveMustSelect, firstAbove } = this;
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
        // The main module requires the roots (its requirements are what is being edited).
        const n = filter ? filter.roots.length : reqs.length;
        for (let k = 0; k < n; k++) {
          const r = reqs[filter ? filter.roots[k]! : k]!;
          if (seen[r] !== mark && table.isNone[r] !== 1) {
            seen[r] = mark;
            queue.push(r);
          }
        }
        continue;
      }
      const start = filter ? filter.markedReqsAt(m, reqs) : -1;
      const list = start < 0 ? reqs : filter!.arenaData;
      const from = start < 0 ? 0 : start;
      const to = start < 0 ? reqs.length : start + filter!.markedLength(m);
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
}
