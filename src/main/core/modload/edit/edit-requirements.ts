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
import { graphResultOf, loadEditGraph, ModuleTable, type GrowingEditGraph } from '../edit-graph/edit-graph';
import { SessionMemory } from '../session-memory';
import { Taint } from '../edit-graph/taint';
import { DqTracker, isDisqualified, ROOT_PRUNED, ROOT_UNPRUNED } from './dq-tracker';
import { DisqualificationWalk } from './disqualify-walk';
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
  /**
   * session is what the edit may remember for the next ones (the module table, the ids behind
   * the graph it hands over) and its engine switches (session.options.plainGraph forces the
   * plain paths). Without one, the edit remembers nothing and takes the accelerated paths.
   */
  readonly session?: SessionMemory;
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
  plain: boolean,
): Promise<{ mg: GrowingEditGraph; upgradedRoots: Set<number> }> {
  const upgradedRoots = new Set<number>();
  const mg = await loadEditGraph(loader, table, rootPruning, rootIds, plain);
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

  const session = ctx.session ?? new SessionMemory();
  return session.withModuleTable(
    () => new ModuleTable(),
    (table) => editLoop(ctx, session, { orig, rs, rootPruning, selectedRoot, mustSelect, mustSelectVersion, conflicts }, table),
  );
}

/** EditStart is where editRequirements' loop starts: the requirements and the requests, checked. */
interface EditStart {
  /** orig is the requirements as given; rs the same converted to rootPruning. */
  readonly orig: Requirements;
  readonly rs: Requirements;
  readonly rootPruning: Pruning;
  /** selectedRoot is each root path's version to try (changed by the loop). */
  readonly selectedRoot: Map<string, string>;
  readonly mustSelect: readonly ModuleVersion[];
  readonly mustSelectVersion: ReadonlyMap<string, string>;
  /** conflicts among the requests themselves (the loop adds its own). */
  readonly conflicts: Conflict[];
}

/** editLoop is editRequirements' fixpoint loop and its epilogue, over one module table. */
async function editLoop(ctx: EditContext, session: SessionMemory, start: EditStart, table: ModuleTable): Promise<EditResult> {
  const { orig, rs, rootPruning, selectedRoot, mustSelect, mustSelectVersion, conflicts } = start;
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
  const plain = session.options.plainGraph === true;
  const t = new DqTracker();
  const taint = new Taint(session.options.checkTaint);
  const walk = new DisqualificationWalk(aboveMustSelect, firstAbove);
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
    const { mg, upgradedRoots } = await extendGraph(loader, table, rootPruning, rootIds, rootPaths, isRootPath, plain);
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
    if (!mainRequested && !plain) (tainted = taint).mark(mg, mustIds, aboveMustSelect);
    // The roots the walk can disqualify: the tainted ones (or all, when nothing is tainted).
    const candidates = tainted ? tainted.roots : roots.map((_, i) => i);
    if (tainted === undefined || tainted.count > 0) walk.run(mg, t, tainted);

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
  if (rootPruning === 'pruned' && lastGraph && !plain) {
    // The last round loaded exactly the graph of these roots: the caller need not load it again.
    const g = graphResultOf(lastGraph, loader, roots, session);
    if (g) edited.adoptGraph(g);
  }

  if (rootPruning === 'unpruned') {
    const v = edited.rootSelected(loader, 'go');
    // A dependency raised go to 1.17 or later: keep the exact build list by making all of it roots.
    if (v !== undefined && pruningForGoVersion(v) === 'pruned') edited = await convertPruning(loader, edited, 'pruned');
  }
  return { rs: edited, changed: true };
}
