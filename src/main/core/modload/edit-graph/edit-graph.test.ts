import { describe, expect, it } from 'vitest';
import type { ModuleVersion } from '../../../../shared/model/module-version';
import type { ModuleGraphResult } from '../loader';
import { keyOf } from '../../mvs/graph';
import { graphResultOf, loadEditGraph as loadEditGraphIn, ModuleTable, type EditGraph } from './edit-graph';
import { gomod, openWorld, type World } from '../testing/module-world.test-helper';
import { SessionMemory } from '../session-memory';

/*
 * The edit graph carries the roots' share of a graph from load to load (RootLayer): a graph
 * loaded from a table that loaded others before must be the graph a fresh table loads, and the
 * graph the loader's readModGraph builds for the same roots (same modules loaded, same
 * requirement lists, same selected version of every path).
 */

const WORLD: World = {
  // No go line: old and old2 pull their whole requirement graphs into a pruned graph.
  'example.com/old': [
    { version: 'v1.0.0', goMod: gomod('example.com/old', undefined, { 'example.com/deep': 'v1.0.0' }) },
    { version: 'v1.1.0', goMod: gomod('example.com/old', undefined, { 'example.com/deep': 'v1.1.0' }) },
  ],
  'example.com/old2': [{ version: 'v1.0.0', goMod: gomod('example.com/old2', undefined, { 'example.com/leaf': 'v1.1.0', 'example.com/p': 'v1.1.0' }) }],
  'example.com/deep': [
    { version: 'v1.0.0', goMod: gomod('example.com/deep', undefined, { 'example.com/leaf': 'v1.2.0' }) },
    { version: 'v1.1.0', goMod: gomod('example.com/deep', '1.16', { 'example.com/leaf': 'v1.3.0', 'example.com/old': 'v1.0.0' }) },
  ],
  'example.com/leaf': ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0'].map((version) => ({ version, goMod: gomod('example.com/leaf', '1.17') })),
  // p's go.mod is pruned: what it requires is loaded only where p is reached unpruned.
  'example.com/p': [
    { version: 'v1.0.0', goMod: gomod('example.com/p', '1.17', { 'example.com/leaf': 'v1.0.0' }) },
    { version: 'v1.1.0', goMod: gomod('example.com/p', '1.17', { 'example.com/q': 'v1.0.0' }) },
  ],
  'example.com/q': [{ version: 'v1.0.0', goMod: gomod('example.com/q', '1.17', { 'example.com/leaf': 'v1.3.0' }) }],
  // r's go.mod is pruned, old2's is not: unpruning old2 below r pulls in old2's closure.
  'example.com/r': [{ version: 'v1.0.0', goMod: gomod('example.com/r', '1.17', { 'example.com/old2': 'v1.0.0', 'example.com/deep': 'v1.0.0' }) }],
};

const MAIN = gomod('example.com/m', '1.21', { 'example.com/leaf': 'v1.0.0' });

const ROOT_SETS: readonly string[][] = [
  ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0', 'example.com/p@v1.0.0'],
  ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0', 'example.com/p@v1.1.0'],
  ['example.com/old@v1.1.0', 'example.com/old2@v1.0.0', 'example.com/leaf@v1.0.0'],
  ['example.com/old2@v1.0.0', 'example.com/old@v1.0.0', 'example.com/p@v1.0.0'],
  ['example.com/leaf@v1.0.0', 'example.com/p@v1.0.0'],
  ['example.com/r@v1.0.0', 'example.com/leaf@v1.0.0'],
  ['example.com/r@v1.0.0', 'example.com/old@v1.1.0', 'example.com/p@v1.1.0'],
  // One unpruned root moved up, down and away, the other roots in place: the layer moves only
  // what the two closures do not share (old v1.1.0's holds old v1.0.0's).
  ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0'],
  ['example.com/old@v1.1.0', 'example.com/leaf@v1.0.0'],
  ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0'],
  ['example.com/old2@v1.0.0', 'example.com/leaf@v1.0.0'],
  ['example.com/leaf@v1.0.0', 'example.com/p@v1.0.0'],
];

function mv(s: string): ModuleVersion {
  const at = s.indexOf('@');
  return { path: s.slice(0, at), version: s.slice(at + 1) };
}

/** picture names what a graph loaded and selected, independent of the table's numbering. */
function picture(g: EditGraph): { loaded: string[]; selected: string[] } {
  const t = g.table;
  const loaded = t.mods.filter((_, id) => g.isLoaded(id)).map((m) => `${m.path}@${m.version}`);
  const selected = t.paths.map((p) => `${p}@${g.selectedVersion(p)}`);
  return { loaded: loaded.sort(), selected: selected.filter((s) => !s.endsWith('@none')).sort() };
}

/** described names everything a loaded graph answers: loaded modules and their lists, reach, selection. */
function described(r: ModuleGraphResult): Record<string, unknown> {
  const g = r.graph;
  const loaded = g.loadedModules().map((m) => `${keyOf(m)} -> ${(g.requiredBy(m) ?? []).map(keyOf).join(' ')}`);
  const reached: string[] = [];
  g.walkBreadthFirst((m) => reached.push(keyOf(m)));
  return {
    loaded: loaded.sort(),
    summaries: [...r.loaded.keys()].sort(),
    reached,
    reachable: reached.filter((k) => g.isReachable({ path: k.slice(0, k.indexOf('@')), version: k.slice(k.indexOf('@') + 1) })).length,
    selected: [...g.selectedEntries()].map(([p, v]) => `${p}@${v}`).sort(),
    buildList: g.buildList().map(keyOf),
    error: r.error?.message,
  };
}

/** required lists the roots and every module a loaded module (the main one aside) requires. */
function required(r: ModuleGraphResult, roots: readonly ModuleVersion[]): string[] {
  const out = new Set(roots.map(keyOf));
  for (const m of r.graph.loadedModules()) if (m.version !== '') for (const q of r.graph.requiredBy(m) ?? []) out.add(keyOf(q));
  return [...out].sort();
}

/** requiredIn lists what an edit graph says is a root or required by a loaded module. */
function requiredIn(g: EditGraph): string[] {
  return g.table.mods.filter((_, id) => g.isRequired(id)).map(keyOf).sort();
}

// Each test runs with the root layer (the accelerated path) and without it (forced plain).
describe.each([
  { mode: 'accelerated', plain: false },
  { mode: 'plain', plain: true },
])('loadEditGraph ($mode)', ({ plain }) => {
  const loadEditGraph = (...a: Parameters<typeof loadEditGraphIn>) => loadEditGraphIn(a[0], a[1], a[2], a[3], plain);

  it('hands over the graph the loader loads for the same roots', async () => {
    for (const set of ROOT_SETS) {
      const w = openWorld(WORLD, MAIN);
      const roots = [{ path: 'go', version: '1.21' }, ...set.map(mv)];
      const want = described(await w.loader.readModGraph('pruned', roots, undefined));
      const table = new ModuleTable();
      const g = await loadEditGraph(w.loader, table, 'pruned', Int32Array.from(roots.map((r) => table.id(r))));
      const got = graphResultOf(g, w.loader, roots, new SessionMemory());
      expect(got, set.join(' ')).toBeDefined();
      expect(described(got!), set.join(' ')).toEqual(want);
    }
  });

  it('moves the roots of one table from set to set as the loader loads each afresh', async () => {
    const w = openWorld(WORLD, MAIN);
    const table = new ModuleTable();
    // Forwards, backwards and forwards again: roots come and go, versions move both ways, the
    // highest requirement of a path leaves and comes back, unpruned roots join and leave.
    for (const set of [...ROOT_SETS, ...ROOT_SETS.slice().reverse(), ...ROOT_SETS]) {
      const roots = [{ path: 'go', version: '1.21' }, ...set.map(mv)];
      const want = described(await w.loader.readModGraph('pruned', roots, undefined));
      const g = await loadEditGraph(w.loader, table, 'pruned', Int32Array.from(roots.map((r) => table.id(r))));
      expect(described(graphResultOf(g, w.loader, roots, new SessionMemory())!), set.join(' ')).toEqual(want);
      expect(requiredIn(g), set.join(' ')).toEqual(required(await w.loader.readModGraph('pruned', roots, undefined), roots));
      // Unpruning a module a pruned root requires loads it, as the loader's unprune set does.
      const unprune = roots.flatMap((r) => (w.loader.goModSummary(r) as { ok: boolean; summary?: { require: ModuleVersion[] } }).summary?.require ?? []);
      expect(unprune.length).toBeGreaterThan(0);
      const wantUnpruned = described(await w.loader.readModGraph('pruned', roots, new Set(unprune.map(keyOf))));
      const ids = unprune.map((m) => table.id(m));
      const before = table.paths.map((_, p) => g.selectedId(p));
      // Every path watched: the ones whose selection moved must be among those reported.
      const raised = new Set(await g.unprune(ids, new Uint8Array(table.paths.length).fill(1)));
      const moved = table.paths.filter((_, p) => g.selectedId(p) !== before[p]);
      expect(moved.filter((_, i) => !raised.has(table.lookupPath(moved[i]!))), `${set.join(' ')} raised`).toEqual([]);
      expect(described(graphResultOf(g, w.loader, roots, new SessionMemory())!), `${set.join(' ')} unpruned`).toEqual(wantUnpruned);
      expect(requiredIn(g), `${set.join(' ')} unpruned`).toEqual(required(await w.loader.readModGraph('pruned', roots, new Set(unprune.map(keyOf))), roots));
    }
    expect(table.layer !== undefined).toBe(!plain);
  });

  it('hands over nothing where a go.mod failed to load', async () => {
    const w = openWorld(WORLD, MAIN);
    const roots = [{ path: 'go', version: '1.21' }, mv('example.com/p@v1.0.0'), mv('example.com/missing@v1.0.0')];
    const table = new ModuleTable();
    const g = await loadEditGraph(w.loader, table, 'pruned', Int32Array.from(roots.map((r) => table.id(r))));
    expect(graphResultOf(g, w.loader, roots, new SessionMemory())).toBeUndefined();
  });

  it('loads a graph in a table that loaded others before exactly as afresh', async () => {
    const w = openWorld(WORLD, MAIN);
    const shared = new ModuleTable();
    // Every set twice, in an order that makes later loads meet earlier sets' parts.
    for (const set of [...ROOT_SETS, ...ROOT_SETS.slice().reverse()]) {
      const fresh = new ModuleTable();
      const want = picture(await loadEditGraph(w.loader, fresh, 'pruned', Int32Array.from(set.map((r) => fresh.id(mv(r))))));
      const got = picture(await loadEditGraph(w.loader, shared, 'pruned', Int32Array.from(set.map((r) => shared.id(mv(r))))));
      expect(got, set.join(' ')).toEqual(want);
    }
    expect(shared.layer !== undefined).toBe(!plain);
  });

  it('grows a cached graph with unprune as afresh', async () => {
    const w = openWorld(WORLD, MAIN);
    const shared = new ModuleTable();
    const set = ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0', 'example.com/p@v1.1.0'];
    for (let round = 0; round < 3; round++) {
      const fresh = new ModuleTable();
      const a = await loadEditGraph(w.loader, fresh, 'pruned', Int32Array.from(set.map((r) => fresh.id(mv(r)))));
      expect(await a.unprune([fresh.id(mv('example.com/p@v1.1.0'))], new Uint8Array(fresh.paths.length))).toEqual([]);
      const b = await loadEditGraph(w.loader, shared, 'pruned', Int32Array.from(set.map((r) => shared.id(mv(r)))));
      await b.unprune([shared.id(mv('example.com/p@v1.1.0'))], new Uint8Array(shared.paths.length).fill(1));
      expect(picture(b)).toEqual(picture(a));
    }
  });
});
