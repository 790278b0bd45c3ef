import { describe, expect, it } from 'vitest';
import { gomod, openWorld, type World } from '../modload/testing/module-world.test-helper';
import { explainModule, GraphIndex } from './explain';
import { explanationJson } from './why-output';

/*
 * Explanations over a small pruned graph where b is asked for at four versions: v1.2.0 (wins,
 * through a), v1.1.0 (lower, through c), v1.3.0 (only by e, whose requirements are pruned out)
 * and v1.0.0 (excluded by the main module, asked for by f).
 */
const WORLD: World = {
  'example.com/a': [{ version: 'v1.1.0', goMod: gomod('example.com/a', '1.17', { 'example.com/b': 'v1.2.0' }) }],
  'example.com/b': ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0'].map((version) => ({ version, goMod: gomod('example.com/b', '1.17') })),
  'example.com/c': [{ version: 'v1.0.0', goMod: gomod('example.com/c', '1.17', { 'example.com/b': 'v1.1.0', 'example.com/e': 'v1.0.0' }) }],
  'example.com/e': [{ version: 'v1.0.0', goMod: gomod('example.com/e', '1.17', { 'example.com/b': 'v1.3.0' }) }],
  'example.com/f': [{ version: 'v1.0.0', goMod: gomod('example.com/f', '1.17', { 'example.com/b': 'v1.0.0' }) }],
  'example.com/g': [{ version: 'v1.0.0', goMod: gomod('example.com/g', '1.17', { 'example.com/a': 'v1.1.0' }) }],
};

const MAIN = gomod(
  'example.com/m',
  '1.21',
  { 'example.com/a': 'v1.1.0', 'example.com/c': 'v1.0.0', 'example.com/f': 'v1.0.0', 'example.com/g': 'v1.0.0' },
  'exclude example.com/b v1.0.0\n\nreplace example.com/g => example.com/g v1.0.0',
);

async function index(): Promise<GraphIndex> {
  const w = openWorld(WORLD, MAIN);
  const { mg } = await w.loader.expandGraph(w.requirements);
  return new GraphIndex(mg, w.loader);
}

describe('explainModule', () => {
  it('explains the winning requirement, every requirer and every losing version', async () => {
    const e = await explainModule(await index(), 'example.com/b', { deep: true });
    expect(e.version).toBe('v1.2.0');
    expect(e.reasons.map((r) => ({ requirer: `${r.requirer.path}@${r.requirer.version}`, chain: r.chain.map((m) => m.path) }))).toEqual([
      { requirer: 'example.com/a@v1.1.0', chain: ['example.com/m', 'example.com/a'] },
    ]);
    expect(e.requirers.map((r) => `${r.requirer.path}@${r.requirer.version} ${r.requires}`)).toEqual(['example.com/a@v1.1.0 v1.2.0', 'example.com/c@v1.0.0 v1.1.0']);
    expect(e.unselected).toEqual([
      { version: 'v1.0.0', reason: 'excluded by the main module; required by example.com/f@v1.0.0, whose requirement on an excluded version is dropped' },
      { version: 'v1.1.0', reason: 'lower than the selected v1.2.0' },
      { version: 'v1.3.0', reason: 'required by example.com/e@v1.0.0, whose requirements are pruned out of the graph' },
    ]);
    expect(e.replace).toBeNull();
  });

  it('lists every simple chain on demand', async () => {
    const e = await explainModule(await index(), 'example.com/b', { allPaths: true });
    expect(e.reasons[0]!.allChains!.map((c) => c.map((m) => m.path).join(' > '))).toEqual([
      'example.com/m > example.com/a',
      'example.com/m > example.com/g > example.com/a',
    ]);
  });

  it('names the replacement in effect and the file that declares it', async () => {
    const e = await explainModule(await index(), 'example.com/g');
    expect(e.replace).toEqual({ old: { path: 'example.com/g', version: '' }, new: { path: 'example.com/g', version: 'v1.0.0' }, source: '/work/go.mod' });
  });

  it('says why an absent module is absent, in the JSON shape of gomodx why -m -json', async () => {
    const e = await explainModule(await index(), 'example.com/nowhere');
    expect(e.version).toBe('none');
    expect(JSON.parse(explanationJson(e))).toEqual({ Path: 'example.com/nowhere', Version: 'none', Reasons: [], Requirers: [], Unselected: [], Replace: null });
  });
});
