import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeGraph } from '../test-support/module-graph-fixture';
import type { GraphProgressDto, ProjectChangedDto } from '../../../shared/ipc/contract';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';

const handlers: { progress?: (p: GraphProgressDto) => void; changed?: (c: ProjectChangedDto) => void } = {};
const fakeApi = {
  getInfo: vi.fn(),
  loadGraph: vi.fn(),
  cancelGraph: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
  pickFolder: vi.fn(),
  listRecent: vi.fn(async () => ({ ok: true, value: [{ dir: '/p', name: 'example.com/main', openedAt: 't' }] })),
  removeRecent: vi.fn(async () => ({ ok: true, value: [] })),
  explainModule: vi.fn(),
  onGraphProgress: vi.fn((cb: (p: GraphProgressDto) => void) => {
    handlers.progress = cb;
    return () => undefined;
  }),
  onProjectChanged: vi.fn((cb: (c: ProjectChangedDto) => void) => {
    handlers.changed = cb;
    return () => undefined;
  }),
  pathForFile: vi.fn((f: { path?: string }) => f.path),
};
vi.mock('../bridge', () => ({ api: fakeApi }));

const { useAppStore } = await import('./app-store');
const { selectViewOptions } = await import('./view-slice');
const initial = useAppStore.getState();

const graph: ModuleGraphDto = makeGraph(['example.com/main', 'example.com/a@v1.0.0', 'example.com/a@v1.1.0'], ['example.com/main -> example.com/a@v1.1.0']);
const info = { transport: 'http', version: 't', canPickFolder: false, canDropFolders: false, exampleAvailable: true };

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  useAppStore.setState(initial, true);
  vi.clearAllMocks();
  fakeApi.getInfo.mockResolvedValue({ ok: true, value: info });
  fakeApi.loadGraph.mockResolvedValue({ ok: true, value: graph });
});

describe('project slice', () => {
  it('init reads the backend, subscribes, and opens the project given on the command line', async () => {
    fakeApi.getInfo.mockResolvedValue({ ok: true, value: { ...info, initialDir: '/p' } });
    await useAppStore.getState().init();
    const s = useAppStore.getState();
    expect(s.info?.transport).toBe('http');
    expect(s.recent).toHaveLength(1);
    expect(fakeApi.loadGraph).toHaveBeenCalledWith({ jobId: expect.any(String), target: { kind: 'dir', dir: '/p' } });
    expect(s.graph).toBe(graph);
    expect(s.load).toEqual({ kind: 'idle' });
  });

  it('shows progress for the running job only', async () => {
    await useAppStore.getState().init();
    const d = deferred<unknown>();
    fakeApi.loadGraph.mockReturnValue(d.promise);
    const opening = useAppStore.getState().open({ kind: 'example' });
    const load = useAppStore.getState().load;
    expect(load.kind).toBe('loading');
    const jobId = load.kind === 'loading' ? load.jobId : '';
    handlers.progress!({ jobId: 'other', done: 9, total: 9 });
    expect((useAppStore.getState().load as { progress?: unknown }).progress).toBeUndefined();
    handlers.progress!({ jobId, done: 3, total: 7, current: 'example.com/a@v1.1.0', source: 'proxy' });
    expect(useAppStore.getState().load).toMatchObject({ kind: 'loading', progress: { done: 3, total: 7 } });
    d.resolve({ ok: true, value: graph });
    await opening;
    expect(useAppStore.getState().graph).toBe(graph);
  });

  it('a newer open supersedes an older one, which is canceled', async () => {
    const first = deferred<unknown>();
    fakeApi.loadGraph.mockReturnValueOnce(first.promise);
    const a = useAppStore.getState().open({ kind: 'dir', dir: '/old' });
    const b = useAppStore.getState().open({ kind: 'example' });
    expect(fakeApi.cancelGraph).toHaveBeenCalledTimes(1);
    await b;
    first.resolve({ ok: true, value: makeGraph(['old'], []) });
    await a;
    expect(useAppStore.getState().graph).toBe(graph);
    expect(useAppStore.getState().target).toEqual({ kind: 'example' });
  });

  it('cancel stops waiting and tells the backend', async () => {
    const d = deferred<unknown>();
    fakeApi.loadGraph.mockReturnValue(d.promise);
    const opening = useAppStore.getState().open({ kind: 'example' });
    await useAppStore.getState().cancel();
    expect(useAppStore.getState().load).toEqual({ kind: 'idle' });
    expect(fakeApi.cancelGraph).toHaveBeenCalled();
    d.resolve({ ok: false, error: { code: 'canceled', message: 'canceled' } });
    await opening;
    expect(useAppStore.getState().graph).toBeUndefined();
    expect(useAppStore.getState().notice).toBeUndefined();
  });

  it('keeps a failure readable', async () => {
    fakeApi.loadGraph.mockResolvedValue({ ok: false, error: { code: 'not-found', message: '/nope: not a directory' } });
    await useAppStore.getState().open({ kind: 'dir', dir: '/nope' });
    expect(useAppStore.getState().notice).toBe('/nope: not a directory');
  });

  it('reloads when go.mod of the open project changes, keeping the selection', async () => {
    await useAppStore.getState().init();
    await useAppStore.getState().open({ kind: 'dir', dir: '/p' });
    useAppStore.getState().select('example.com/a@v1.1.0');
    handlers.changed!({ dir: '/other', file: '/other/go.mod' });
    expect(fakeApi.loadGraph).toHaveBeenCalledTimes(1);
    handlers.changed!({ dir: '/p', file: '/p/go.mod' });
    await vi.waitFor(() => expect(useAppStore.getState().reloadedFor).toBe('/p/go.mod'));
    expect(fakeApi.loadGraph).toHaveBeenCalledTimes(2);
    expect(useAppStore.getState().selectedId).toBe('example.com/a@v1.1.0');
  });

  it('opening another project resets the view', async () => {
    await useAppStore.getState().open({ kind: 'dir', dir: '/p' });
    useAppStore.getState().focusOn('example.com/a@v1.1.0', 'paths');
    useAppStore.getState().setPrefix('example.com/a');
    fakeApi.loadGraph.mockResolvedValue({ ok: true, value: { ...graph, dir: '/q' } });
    await useAppStore.getState().open({ kind: 'dir', dir: '/q' });
    expect(useAppStore.getState()).toMatchObject({ focus: undefined, selectedId: undefined, prefix: '' });
  });

  it('reports a folder dialog the transport does not have, and a dropped folder without path', async () => {
    fakeApi.pickFolder.mockResolvedValue({ ok: false, error: { code: 'unsupported', message: 'no dialog here' } });
    await useAppStore.getState().pickFolder();
    expect(useAppStore.getState().notice).toBe('no dialog here');
    await useAppStore.getState().openDropped({});
    expect(useAppStore.getState().notice).toMatch(/type the path/);
    await useAppStore.getState().openDropped({ path: '/dropped' });
    expect(fakeApi.loadGraph).toHaveBeenCalledWith({ jobId: expect.any(String), target: { kind: 'dir', dir: '/dropped' } });
  });

  it('close goes back to the welcome screen', async () => {
    await useAppStore.getState().open({ kind: 'example' });
    useAppStore.getState().close();
    expect(useAppStore.getState().graph).toBeUndefined();
  });
});

describe('view slice', () => {
  it('toggles and filters', () => {
    const s = useAppStore.getState();
    s.setShowUnselected(false);
    s.setShowToolchain(true);
    s.setPrefix('golang.org/x');
    s.toggleFamily('example.com/a');
    expect(selectViewOptions(useAppStore.getState())).toEqual({ showUnselected: false, showToolchain: true, prefix: 'golang.org/x', focus: undefined, collapsed: ['example.com/a'], mode: 'full', expanded: [] });
    s.toggleFamily('example.com/a');
    expect(useAppStore.getState().collapsed).toEqual([]);
  });

  it('focus selects the node and can be cleared', () => {
    useAppStore.getState().focusOn('x@v1', 'neighbors');
    expect(useAppStore.getState()).toMatchObject({ focus: { id: 'x@v1', mode: 'neighbors' }, selectedId: 'x@v1' });
    useAppStore.getState().clearFocus();
    expect(useAppStore.getState().focus).toBeUndefined();
  });

  it('switches themes and asks for search', () => {
    useAppStore.getState().setTheme('light');
    useAppStore.getState().toggleTheme();
    expect(useAppStore.getState().theme).toBe('dark');
    const before = useAppStore.getState().searchRequest;
    useAppStore.getState().requestSearch();
    expect(useAppStore.getState().searchRequest).toBe(before + 1);
  });

  it('opens the module list as the user last left it, closed at first', async () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => saved.set(k, v) });
    const big = { ...graph, dir: '/big', counts: { ...graph.counts, modules: 151 } };
    try {
      await useAppStore.getState().open({ kind: 'dir', dir: '/p' });
      expect(useAppStore.getState().listOpen).toBe(false);
      fakeApi.loadGraph.mockResolvedValueOnce({ ok: true, value: big });
      await useAppStore.getState().open({ kind: 'dir', dir: '/big' });
      expect(useAppStore.getState().listOpen).toBe(false);
      useAppStore.getState().toggleList();
      expect(useAppStore.getState().listOpen).toBe(true);
      expect(saved.get('gomodx.list')).toBe('open');
      fakeApi.loadGraph.mockResolvedValueOnce({ ok: true, value: { ...big, dir: '/big2' } });
      await useAppStore.getState().open({ kind: 'dir', dir: '/big2' });
      expect(useAppStore.getState().listOpen).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('why slice', () => {
  const explanation = { path: 'example.com/a', version: 'v1.1.0', selectedId: 'example.com/a@v1.1.0', reasons: [], requirers: [], unselected: [], replace: null };

  it('asks the backend once per module of the open graph, and again after a reload', async () => {
    useAppStore.setState({ graph });
    fakeApi.explainModule.mockResolvedValue({ ok: true, value: explanation });
    await useAppStore.getState().explain('example.com/a');
    await useAppStore.getState().explain('example.com/a');
    expect(fakeApi.explainModule).toHaveBeenCalledTimes(1);
    expect(fakeApi.explainModule).toHaveBeenCalledWith({ dir: graph.dir, path: 'example.com/a' });
    expect(useAppStore.getState().why).toEqual({ kind: 'ready', path: 'example.com/a', value: explanation });
    useAppStore.getState().setWhyPath(0);
    expect(useAppStore.getState().whyPath).toBe(0);
    useAppStore.setState({ graph: { ...graph } });
    await useAppStore.getState().explain('example.com/a');
    expect(fakeApi.explainModule).toHaveBeenCalledTimes(2);
    expect(useAppStore.getState().whyPath).toBe('shortest');
  });

  it('keeps only the answer for the latest selection', async () => {
    useAppStore.setState({ graph });
    const first = deferred<unknown>();
    fakeApi.explainModule.mockReturnValueOnce(first.promise).mockResolvedValueOnce({ ok: true, value: { ...explanation, path: 'example.com/b' } });
    const p1 = useAppStore.getState().explain('example.com/a');
    await useAppStore.getState().explain('example.com/b');
    first.resolve({ ok: true, value: explanation });
    await p1;
    expect(useAppStore.getState().why).toMatchObject({ kind: 'ready', path: 'example.com/b' });
  });

  it('reports a failure, and asks again after one', async () => {
    useAppStore.setState({ graph });
    fakeApi.explainModule.mockResolvedValueOnce({ ok: false, error: { code: 'not-found', message: 'no project' } });
    await useAppStore.getState().explain('example.com/a');
    expect(useAppStore.getState().why).toEqual({ kind: 'error', path: 'example.com/a', message: 'no project' });
    fakeApi.explainModule.mockResolvedValueOnce({ ok: true, value: explanation });
    await useAppStore.getState().explain('example.com/a');
    expect(useAppStore.getState().why.kind).toBe('ready');
    useAppStore.getState().clearWhy();
    expect(useAppStore.getState().why).toEqual({ kind: 'idle' });
  });
});
