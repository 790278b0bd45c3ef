/**
 * The roots' share of a pruned edit graph, carried from one load to the next. A pruned graph
 * loads every root's go.mod and lets what each requires raise the selected versions; a root
 * whose own go.mod is unpruned (go < 1.17) also pulls in the whole closure of what it requires.
 * An edit reloads its graph round after round while moving only a few of a thousand roots, so
 * the counts of who requires what are kept and moved with the roots instead of raised again.
 */
import type { Loader } from '../loader';
import { followsAllRequirements } from '../summary';
import type { ModuleTable } from './edit-graph';
import { grown, IntList } from './int-list';

/** How many closures of unpruned roots are kept beyond those of the current roots. */
const CLOSURES_KEPT = 4096;

/** How many differences between two closures are kept (see moveTo). */
const DIFFERENCES_KEPT = 4096;

/** Ids at or above this are not paired (a pair's key is old * PAIR_BASE + new). */
const PAIR_BASE = 2 ** 26;

/** What one closure has that another lacks, both ways, each in its closure's order. */
interface ClosureDifference {
  readonly entering: Int32Array;
  readonly leaving: Int32Array;
}

/** Closure is what an unpruned module pulls in (highest: see closureOf, worked out when asked). */
interface Closure {
  readonly members: Int32Array;
  highest?: Int32Array;
}

/**
 * RootLayer counts, for the current root set, how many roots require each module version
 * (each root counting itself once), and keeps the highest such version of each path.
 */
export class RootLayer {
  private count = new Int32Array(1024);
  /**
   * How many roots whose go.mod is pruned require each id: such a root's requirements are
   * skipped (not loaded) unless unpruned, so unpruning an id these count loads it.
   */
  private prunedCount = new Int32Array(1024);
  private inRoots = new Uint8Array(1024);
  private mark = new Int32Array(1024);
  private markGen = 0;
  /** The highest counted version of each path (-1: none), recomputed when stale. */
  private best = new Int32Array(256).fill(-1);
  private stale = new Uint8Array(256);
  /** The current roots, copied: the caller may reuse the array it moved to. */
  private readonly roots = new IntList(1024);
  /** The current roots whose go.mod is unpruned, with the closure each pulls in. */
  private readonly spawners = new Map<number, Closure>();
  /** Closures computed before (go.mod files never change), by module id. */
  private readonly closures = new Map<number, Closure>();
  /** Differences between the closures of two versions of one unpruned root, by pair key. */
  private readonly differences = new Map<number, ClosureDifference>();
  /** How many current unpruned roots pull in each id; the ids pulled in, listed. */
  private memberCount = new Int32Array(1024);
  private memberPos = new Int32Array(1024).fill(-1);
  readonly members: number[] = [];
  /** How many times the roots were moved; the ids that the last move made held (see holds). */
  moves = 0;
  readonly entered: number[] = [];

  constructor(private readonly table: ModuleTable) {}

  /**
   * closureOf is what module id, reached pruned with an unpruned go.mod, pulls into a graph:
   * the modules, and the highest version of each path they require.
   */
  async closureOf(loader: Loader, id: number): Promise<{ readonly members: Int32Array; readonly highest: Int32Array }> {
    let c = this.spawners.get(id) ?? this.closures.get(id);
    if (!c) {
      // The oldest closure goes first: those just worked out for new roots must stay.
      if (this.closures.size >= CLOSURES_KEPT) this.closures.delete(this.closures.keys().next().value!);
      this.closures.set(id, (c = { members: await this.closure(loader, id) }));
    }
    c.highest ??= this.highestRequired(c.members);
    return c as Required<Closure>;
  }

  /** closureNow is closureOf where the closure is worked out already (undefined otherwise). */
  closureNow(id: number): { readonly members: Int32Array; readonly highest: Int32Array } | undefined {
    const c = this.spawners.get(id) ?? this.closures.get(id);
    if (!c) return undefined;
    c.highest ??= this.highestRequired(c.members);
    return c as Required<Closure>;
  }

  private highestRequired(members: Int32Array): Int32Array {
    const t = this.table;
    const best = new Map<number, number>();
    for (const id of members) {
      for (const r of t.reqIds[id] ?? []) {
        const p = t.pathOf[r]!;
        const cur = best.get(p);
        if (cur === undefined || t.rank[cur]! < t.rank[r]!) best.set(p, r);
      }
    }
    return Int32Array.from(best.values());
  }

  /**
   * closure lists every id reached from what root requires, following every requirement (go's
   * pruning rule below an unpruned visit: followsAllRequirements('unpruned', any) holds), "none"
   * aside: the modules an unpruned root pulls into the graph.
   */
  private async closure(loader: Loader, root: number): Promise<Int32Array> {
    const t = this.table;
    const seen = new Set<number>();
    const out: number[] = [];
    let waiting: number[] = [];
    const reach = (ids: Int32Array | undefined): void => {
      for (const r of ids ?? []) {
        if (t.isNone[r] === 1 || seen.has(r)) continue;
        seen.add(r);
        out.push(r);
        if (!t.asked[r]) waiting.push(r);
      }
    };
    reach(t.reqIds[root]);
    for (let i = 0; ; ) {
      for (; i < out.length; i++) {
        if (!t.asked[out[i]!]) continue;
        loader.noteGoModAsked(t.mods[out[i]!]!);
        reach(t.reqIds[out[i]!]);
      }
      if (waiting.length === 0) return Int32Array.from(out);
      const batch = waiting;
      waiting = [];
      const results = await Promise.all(batch.map((id) => loader.goModSummary(t.mods[id]!)));
      loader.opts.signal?.throwIfAborted();
      batch.forEach((id, k) => {
        if (!t.asked[id]) t.setSummary(id, results[k]!);
        reach(t.reqIds[id]);
      });
    }
  }

  private ensure(): void {
    const n = this.table.mods.length;
    const p = this.table.paths.length;
    this.count = grown(this.count, n, (k) => new Int32Array(k));
    this.prunedCount = grown(this.prunedCount, n, (k) => new Int32Array(k));
    this.inRoots = grown(this.inRoots, n, (k) => new Uint8Array(k));
    this.memberCount = grown(this.memberCount, n, (k) => new Int32Array(k));
    if (n > this.memberPos.length) {
      const b = new Int32Array(Math.max(n, this.memberPos.length * 2)).fill(-1);
      b.set(this.memberPos);
      this.memberPos = b;
    }
    this.mark = grown(this.mark, n, (k) => new Int32Array(k));
    if (p > this.best.length) {
      const b = new Int32Array(Math.max(p, this.best.length * 2)).fill(-1);
      b.set(this.best);
      this.best = b;
    }
    this.stale = grown(this.stale, p, (k) => new Uint8Array(k));
  }

  /**
   * moveTo makes rootIds (distinct ids, every go.mod already asked for) the current roots. The
   * closures of new unpruned roots are worked out first; the counts are then moved without
   * yielding, so they are never half moved (an abort leaves the old roots counted).
   */
  async moveTo(loader: Loader, rootIds: Int32Array): Promise<void> {
    const old = this.roots.view();
    const removed: number[] = [];
    const added: number[] = [];
    // removed[k] and added[k] are one path's old and new version (same paths, same order).
    let paired = old.length === rootIds.length;
    if (old.length === rootIds.length) {
      // The same paths in the same order (the usual next round): compare position by position.
      for (let i = 0; i < old.length; i++) {
        if (old[i] !== rootIds[i]) {
          removed.push(old[i]!);
          added.push(rootIds[i]!);
        }
      }
    } else {
      this.ensure();
      const gen = ++this.markGen;
      for (const id of rootIds) this.mark[id] = gen;
      for (const id of old) if (this.mark[id] !== gen) removed.push(id);
      for (const id of rootIds) if (this.inRoots[id] !== 1) added.push(id);
    }
    this.ensure();
    // A root that only changed places is in both lists: it stays (see the order of moves below).
    const gen = ++this.markGen;
    for (const id of removed) this.mark[id] = gen;
    if (added.some((id) => this.mark[id] === gen)) {
      paired = false;
      const both = new Set(added.filter((id) => this.mark[id] === gen));
      const keep = (id: number): boolean => !both.has(id);
      removed.splice(0, removed.length, ...removed.filter(keep));
      added.splice(0, added.length, ...added.filter(keep));
    }
    for (const id of added) if (this.pullsClosure(id) && !this.closureNow(id)) await this.closureOf(loader, id);
    this.ensure();
    this.entered.length = 0;
    // An unpruned root moved from one version to another moves only what their closures do not
    // share (kept per pair: an edit steps the same roots down preview after preview).
    const diffs: (ClosureDifference | undefined)[] = paired ? added.map((b, k) => this.differenceOf(removed[k]!, b)) : [];
    // Added first: what the old and new closures share then never leaves, to enter again.
    for (let k = 0; k < added.length; k++) this.add(added[k]!, diffs[k]?.entering);
    for (let k = 0; k < removed.length; k++) this.remove(removed[k]!, diffs[k]?.leaving);
    this.roots.assign(rootIds);
    this.moves++;
  }

  /**
   * differenceOf is what the closure of unpruned root b has that a's lacks (entering) and the
   * other way round (leaving), when a (a current root) and b are both unpruned; else undefined.
   */
  private differenceOf(a: number, b: number): ClosureDifference | undefined {
    if (a >= PAIR_BASE || b >= PAIR_BASE) return undefined;
    const ca = this.spawners.get(a);
    const cb = this.closures.get(b) ?? this.spawners.get(b);
    if (!ca || !cb) return undefined;
    const key = a * PAIR_BASE + b;
    let d = this.differences.get(key);
    if (!d) {
      const only = (from: Int32Array, other: Int32Array): Int32Array => {
        const gen = ++this.markGen;
        for (let i = 0; i < other.length; i++) this.mark[other[i]!] = gen;
        return from.filter((x) => this.mark[x] !== gen);
      };
      if (this.differences.size >= DIFFERENCES_KEPT) this.differences.delete(this.differences.keys().next().value!);
      this.differences.set(key, (d = { entering: only(cb.members, ca.members), leaving: only(ca.members, cb.members) }));
    }
    return d;
  }

  /** counts reports whether id is a root or required by a root or by what unpruned roots pull in. */
  counts(id: number): boolean {
    return (this.count[id] ?? 0) > 0;
  }

  /** holds reports whether id is a root or pulled in by an unpruned root (loaded, either way). */
  holds(id: number): boolean {
    return this.inRoots[id] === 1 || (this.memberCount[id] ?? 0) > 0;
  }

  /** isSkipped reports whether a root with a pruned go.mod requires id. */
  isSkipped(id: number): boolean {
    return id < this.prunedCount.length && this.prunedCount[id]! > 0;
  }

  /** bestOf is the highest version of path p that the roots are or require (-1: none). */
  bestOf(p: number): number {
    if (p >= this.best.length) return -1;
    if (this.stale[p] === 1) {
      this.stale[p] = 0;
      const versions = this.table.versionIds(p);
      let b = -1;
      for (let i = versions.length - 1; i >= 0; i--) {
        if (this.count[versions[i]!]! > 0) {
          b = versions[i]!;
          break;
        }
      }
      this.best[p] = b;
    }
    return this.best[p]!;
  }

  /**
   * add counts root id, what it requires and, for an unpruned root, what it pulls in: members,
   * when given, is only what enters (see differenceOf), else all of its closure.
   */
  private add(id: number, members?: Int32Array): void {
    this.countRoot(id, 1);
    const list = members ?? this.spawners.get(id)?.members;
    if (list) for (let i = 0; i < list.length; i++) if (this.memberCount[list[i]!]!++ === 0) this.enter(list[i]!);
  }

  /** remove takes root id away with what it pulled in: members, or else all of its closure. */
  private remove(id: number, members?: Int32Array): void {
    this.countRoot(id, -1);
    const list = members ?? this.closures.get(id)?.members;
    if (list) for (let i = 0; i < list.length; i++) if (--this.memberCount[list[i]!]! === 0) this.leave(list[i]!);
  }

  /**
   * countRoot adds (delta 1) or takes away (delta -1) root id and its requirements, and moves
   * an unpruned root's closure between the current roots' and the kept ones.
   */
  private countRoot(id: number, delta: 1 | -1): void {
    const t = this.table;
    this.inRoots[id] = delta > 0 ? 1 : 0;
    if (delta > 0) this.entered.push(id);
    this.bump(id, delta);
    const s = t.summary[id];
    const reqs = t.reqIds[id];
    if (!s || !reqs) return;
    const pruned = !this.pullsClosure(id);
    for (const r of reqs) {
      this.bump(r, delta);
      if (pruned) this.prunedCount[r]! += delta;
    }
    if (pruned) return;
    if (delta > 0) {
      const closure = this.closures.get(id);
      if (!closure) throw new Error(`internal error: closure of unpruned root ${id} not prepared`);
      this.spawners.set(id, closure);
    } else {
      this.closures.set(id, this.spawners.get(id)!);
      this.spawners.delete(id);
    }
  }

  /**
   * pullsClosure reports whether root id pulls the closure of its requirements into the graph:
   * go's pruning rule (summary.ts) for a root of a pruned graph, whose unpruned go.mod has every
   * requirement followed, unpruned; a pruned go.mod's are skipped unless unpruned.
   */
  private pullsClosure(id: number): boolean {
    const s = this.table.summary[id];
    return s !== undefined && followsAllRequirements('pruned', s.pruning);
  }

  /** enter counts what a module newly pulled in requires. */
  private enter(x: number): void {
    this.memberPos[x] = this.members.length;
    this.members.push(x);
    this.entered.push(x);
    for (const r of this.table.reqIds[x] ?? []) this.bump(r, 1);
  }

  private leave(x: number): void {
    const i = this.memberPos[x]!;
    const last = this.members.pop()!;
    if (last !== x) {
      this.members[i] = last;
      this.memberPos[last] = i;
    }
    this.memberPos[x] = -1;
    for (const r of this.table.reqIds[x] ?? []) this.bump(r, -1);
  }

  /** bump changes how many roots require id, keeping the highest counted version of its path. */
  private bump(id: number, delta: 1 | -1): void {
    const before = this.count[id]!;
    this.count[id] = before + delta;
    const t = this.table;
    const p = t.pathOf[id]!;
    if (delta < 0) {
      if (before === 1 && this.best[p] === id) this.stale[p] = 1;
      return;
    }
    if (before !== 0 || this.stale[p] === 1) return;
    const b = this.best[p]!;
    if (b < 0 || t.rank[b]! < t.rank[id]!) this.best[p] = id;
  }
}
