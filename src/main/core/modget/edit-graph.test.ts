import { describe, expect, it } from 'vitest';
import type { ModuleVersion } from '../../../shared/model/module-version';
import { loadEditGraph, ModuleTable, type EditGraph } from './edit-graph';
import { gomod, openWorld, type World } from './module-world.test-helper';

/*
 * The edit graph caches the unpruned part of a graph by the modules that pulled it in: a graph
 * loaded again from the cache must be the graph a fresh table loads (same modules loaded, same
 * selected version of every path).
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
};

const MAIN = gomod('example.com/m', '1.21', { 'example.com/leaf': 'v1.0.0' });

const ROOT_SETS: readonly string[][] = [
  ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0', 'example.com/p@v1.0.0'],
  ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0', 'example.com/p@v1.1.0'],
  ['example.com/old@v1.1.0', 'example.com/old2@v1.0.0', 'example.com/leaf@v1.0.0'],
  ['example.com/old2@v1.0.0', 'example.com/old@v1.0.0', 'example.com/p@v1.0.0'],
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

describe('loadEditGraph', () => {
  it('loads a graph from its cached unpruned part exactly as afresh', async () => {
    const w = openWorld(WORLD, MAIN);
    const shared = new ModuleTable();
    // Every set twice, in an order that makes later loads meet earlier sets' parts.
    for (const set of [...ROOT_SETS, ...ROOT_SETS.slice().reverse()]) {
      const fresh = new ModuleTable();
      const want = picture(await loadEditGraph(w.loader, fresh, 'pruned', Int32Array.from(set.map((r) => fresh.id(mv(r))))));
      const got = picture(await loadEditGraph(w.loader, shared, 'pruned', Int32Array.from(set.map((r) => shared.id(mv(r))))));
      expect(got, set.join(' ')).toEqual(want);
    }
    expect(shared.unprunedParts.size).toBeGreaterThan(0);
  });

  it('grows a cached graph with unprune as afresh', async () => {
    const w = openWorld(WORLD, MAIN);
    const shared = new ModuleTable();
    const set = ['example.com/old@v1.0.0', 'example.com/leaf@v1.0.0', 'example.com/p@v1.1.0'];
    for (let round = 0; round < 3; round++) {
      const fresh = new ModuleTable();
      const a = await loadEditGraph(w.loader, fresh, 'pruned', Int32Array.from(set.map((r) => fresh.id(mv(r)))));
      await a.unprune([fresh.id(mv('example.com/p@v1.1.0'))]);
      const b = await loadEditGraph(w.loader, shared, 'pruned', Int32Array.from(set.map((r) => shared.id(mv(r)))));
      await b.unprune([shared.id(mv('example.com/p@v1.1.0'))]);
      expect(picture(b)).toEqual(picture(a));
    }
  });
});
