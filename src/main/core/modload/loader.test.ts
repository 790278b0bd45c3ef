import { describe, expect, it } from 'vitest';
import type { ModuleVersion } from '../../../shared/model/module-version';
import { parseModFile } from '../modfile/rules';
import { Loader } from './loader';
import { indexModFile, MainModuleSet } from './main-modules';
import type { LoadProgress, ModuleFetcher } from './ports';
import { requirementsFromModFiles } from './requirements';

/** A fetcher over an in-memory universe: "path@version" → go.mod text. */
function memoryFetcher(mods: Record<string, string>, delayMs = 0): ModuleFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async goMod(m: ModuleVersion, signal?: AbortSignal) {
      asked.push(`${m.path}@${m.version}`);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      signal?.throwIfAborted();
      const text = mods[`${m.path}@${m.version}`];
      if (text === undefined) throw new Error('not found');
      return text;
    },
    async info(m: ModuleVersion) {
      return { version: m.version, time: '' };
    },
    async readLocalGoMod(p: string) {
      throw new Error(`open ${p}: no such file or directory`);
    },
  };
}

function loaderFor(main: string, mods: Record<string, string>, opts: { signal?: AbortSignal; onProgress?: (p: LoadProgress) => void; delayMs?: number } = {}) {
  const file = parseModFile('/w/go.mod', main);
  const mms = new MainModuleSet([{ path: file.module!.mod.path, root: '/w', goModPath: '/w/go.mod', file, index: indexModFile(main, file, false) }]);
  const fetcher = memoryFetcher(mods, opts.delayMs);
  const loader = new Loader({
    mainModules: mms,
    fetcher,
    sums: { hashes: () => [] },
    buildMod: 'mod',
    localGo: '1.26.8',
    parseLax: (name, data) => parseModFile(name, data, { lax: true }),
    shortPath: (p) => p,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  return { loader, fetcher, rs: requirementsFromModFiles(mms, 'mod', () => undefined) };
}

const MODS = {
  'a.example/a@v1.0.0': 'module a.example/a\ngo 1.21\nrequire b.example/b v1.0.0\n',
  'b.example/b@v1.0.0': 'module b.example/b\ngo 1.21\nrequire c.example/c v1.0.0\n',
  'c.example/c@v1.0.0': 'module c.example/c\n',
};

describe('Loader', () => {
  it('reads only the go.mod files pruning lets through', async () => {
    const { loader, fetcher, rs } = loaderFor('module m\ngo 1.21\nrequire a.example/a v1.0.0\n', MODS);
    const { mg } = await loader.expandGraph(rs);
    expect(fetcher.asked).toEqual(['a.example/a@v1.0.0']);
    expect(mg.graph.buildList().map((m) => `${m.path}@${m.version}`)).toEqual(['m@', 'a.example/a@v1.0.0', 'b.example/b@v1.0.0', 'go@1.21', 'toolchain@go1.21']);
  });

  it('reads everything below an unpruned main module, once each, and reports progress', async () => {
    const seen: LoadProgress[] = [];
    const { loader, fetcher, rs } = loaderFor('module m\ngo 1.16\nrequire a.example/a v1.0.0\n', MODS, { onProgress: (p) => seen.push(p) });
    await loader.expandGraph(rs);
    expect([...fetcher.asked].sort()).toEqual(['a.example/a@v1.0.0', 'b.example/b@v1.0.0', 'c.example/c@v1.0.0']);
    expect(seen.at(-1)).toMatchObject({ done: 3, total: 3 });
  });

  it('names the requirement chain of a module that cannot be loaded', async () => {
    const { loader, rs } = loaderFor('module m\ngo 1.16\nrequire a.example/a v1.0.0\n', { ...MODS, 'c.example/c@v1.0.0': undefined as unknown as string });
    await expect(loader.expandGraph(rs)).rejects.toThrow('a.example/a@v1.0.0 requires\n\tb.example/b@v1.0.0 requires\n\tc.example/c@v1.0.0: not found');
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const { loader, rs } = loaderFor('module m\ngo 1.16\nrequire a.example/a v1.0.0\n', MODS, { signal: ac.signal, delayMs: 30 });
    const p = loader.expandGraph(rs);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });

  it('resolves again from memory without fetching', async () => {
    const { loader, fetcher, rs } = loaderFor('module m\ngo 1.16\nrequire a.example/a v1.0.0\n', MODS);
    await loader.expandGraph(rs);
    const before = fetcher.asked.length;
    const again = await loader.readModGraph(rs.pruning, rs.rootModules, undefined);
    expect(fetcher.asked.length).toBe(before);
    expect(again.graph.selectedVersion('c.example/c')).toBe('v1.0.0');
  });
});
