import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WhatIfPreviewDto } from '../../../shared/ipc/contract';
import type { ModuleGraphDto } from '../../../shared/model/module-graph';
import { makeGraph } from '../test-support/module-graph-fixture';

const fakeApi = {
  loadGraph: vi.fn(),
  cancelGraph: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
  listRecent: vi.fn(async () => ({ ok: true, value: [] })),
  listVersions: vi.fn(),
  previewGet: vi.fn(),
  cancelPreview: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
  applyGet: vi.fn(),
  undoGet: vi.fn(),
};
vi.mock('../bridge', () => ({ api: fakeApi }));

const { useAppStore } = await import('./app-store');
const { argPath } = await import('./whatif-slice');
const initial = useAppStore.getState();

const graph: ModuleGraphDto = makeGraph(['example.com/main', 'example.com/a@v1.0.0', 'example.com/a@v1.1.0'], ['example.com/main -> example.com/a@v1.1.0']);
const BASE = 'b'.repeat(64);

function preview(command: string, over: Partial<WhatIfPreviewDto> = {}): WhatIfPreviewDto {
  return { command, ok: true, output: '', changes: [], goModDiff: '--- go.mod\n+++ go.mod\n', goSumAdded: [], base: BASE, buildListBefore: 2, buildListAfter: 2, elapsedMs: 1, ...over };
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  useAppStore.setState({ ...initial, graph, target: { kind: 'dir', dir: graph.dir } }, true);
  vi.clearAllMocks();
  fakeApi.loadGraph.mockResolvedValue({ ok: true, value: graph });
  fakeApi.previewGet.mockImplementation(async (req: { args: string[]; upgrade: string }) => ({ ok: true, value: preview(`go get ${req.args.join(' ')}`) }));
});

describe('what-if slice', () => {
  it('argPath is the path of a go get argument', () => {
    expect(argPath('example.com/a@v1.0.0')).toBe('example.com/a');
    expect(argPath('example.com/a')).toBe('example.com/a');
    expect(argPath('./...')).toBe('./...');
  });

  it('loads versions once per module path, and ignores an answer for another path', async () => {
    const slow = deferred<unknown>();
    fakeApi.listVersions.mockReturnValueOnce(slow.promise).mockResolvedValueOnce({ ok: true, value: { path: 'example.com/b', versions: [{ version: 'v2.0.0' }] } });
    const first = useAppStore.getState().loadVersions('example.com/a');
    void useAppStore.getState().loadVersions('example.com/a');
    expect(fakeApi.listVersions).toHaveBeenCalledTimes(1);
    await useAppStore.getState().loadVersions('example.com/b');
    slow.resolve({ ok: true, value: { path: 'example.com/a', versions: [] } });
    await first;
    expect(useAppStore.getState().versions).toMatchObject({ kind: 'ready', path: 'example.com/b' });
  });

  it('stacks one argument per module path into one previewed command', async () => {
    await useAppStore.getState().stage('example.com/a@v1.0.0');
    await useAppStore.getState().stage('example.com/b@none');
    await useAppStore.getState().stage('example.com/a@latest');
    const s = useAppStore.getState();
    expect(s.staged).toEqual(['example.com/b@none', 'example.com/a@latest']);
    expect(fakeApi.previewGet).toHaveBeenLastCalledWith({ jobId: expect.any(String), dir: graph.dir, args: ['example.com/b@none', 'example.com/a@latest'], upgrade: '' });
    expect(s.preview).toMatchObject({ kind: 'ready', value: { command: 'go get example.com/b@none example.com/a@latest' } });
    await useAppStore.getState().unstage('example.com/b@none');
    expect(useAppStore.getState().staged).toEqual(['example.com/a@latest']);
  });

  it('lets the newest preview win and cancels the one it replaces', async () => {
    const slow = deferred<unknown>();
    fakeApi.previewGet.mockReturnValueOnce(slow.promise);
    const first = useAppStore.getState().stage('example.com/a@v1.0.0');
    const jobId = useAppStore.getState().previewJob!;
    await useAppStore.getState().stage('example.com/b@none');
    expect(fakeApi.cancelPreview).toHaveBeenCalledWith({ jobId });
    slow.resolve({ ok: true, value: preview('stale') });
    await first;
    expect(useAppStore.getState().preview).toMatchObject({ kind: 'ready', value: { command: 'go get example.com/a@v1.0.0 example.com/b@none' } });
  });

  it('previews upgrade-all as go get -u ./...', async () => {
    await useAppStore.getState().upgradeAll('patch');
    expect(fakeApi.previewGet).toHaveBeenLastCalledWith(expect.objectContaining({ args: ['./...'], upgrade: 'patch' }));
  });

  it('applies with the preview base, reloads, and offers undo; undo reloads again', async () => {
    await useAppStore.getState().stage('example.com/a@v1.0.0');
    fakeApi.applyGet.mockResolvedValue({ ok: true, value: { command: 'go get example.com/a@v1.0.0', files: ['/p/go.mod'], undoId: 'u1', output: '' } });
    await useAppStore.getState().applyPreview();
    expect(fakeApi.applyGet).toHaveBeenCalledWith({ dir: graph.dir, base: BASE, args: ['example.com/a@v1.0.0'], upgrade: '' });
    let s = useAppStore.getState();
    expect(s.staged).toEqual([]);
    expect(s.preview).toEqual({ kind: 'idle' });
    expect(s.applied).toEqual({ dir: graph.dir, command: 'go get example.com/a@v1.0.0', undoId: 'u1', files: ['/p/go.mod'] });
    expect(fakeApi.loadGraph).toHaveBeenCalledTimes(1);
    fakeApi.undoGet.mockResolvedValue({ ok: true, value: { files: ['/p/go.mod'] } });
    await useAppStore.getState().undoApplied();
    s = useAppStore.getState();
    expect(fakeApi.undoGet).toHaveBeenCalledWith({ dir: graph.dir, undoId: 'u1' });
    expect(s.applied).toBeUndefined();
    expect(s.whatIfMessage).toEqual({ kind: 'ok', text: 'Undid go get example.com/a@v1.0.0.' });
    expect(fakeApi.loadGraph).toHaveBeenCalledTimes(2);
  });

  it('keeps the staged command and says why when apply is refused', async () => {
    await useAppStore.getState().stage('example.com/a@v1.0.0');
    fakeApi.applyGet.mockResolvedValue({ ok: false, error: { code: 'conflict', message: 'go.mod or go.sum changed on disk since the preview; nothing was written.' } });
    await useAppStore.getState().applyPreview();
    const s = useAppStore.getState();
    expect(s.staged).toEqual(['example.com/a@v1.0.0']);
    expect(s.applied).toBeUndefined();
    expect(s.whatIfMessage).toEqual({ kind: 'error', text: 'go.mod or go.sum changed on disk since the preview; nothing was written.' });
    expect(fakeApi.loadGraph).not.toHaveBeenCalled();
  });

  it('never applies a preview go refuses', async () => {
    fakeApi.previewGet.mockResolvedValue({ ok: true, value: preview('go get x', { ok: false, output: 'go: x: no matching versions\n' }) });
    await useAppStore.getState().stage('example.com/a@v9.0.0');
    await useAppStore.getState().applyPreview();
    expect(fakeApi.applyGet).not.toHaveBeenCalled();
  });

  it('previews again when the same project reloads, and forgets everything for another project', async () => {
    await useAppStore.getState().stage('example.com/a@v1.0.0');
    await useAppStore.getState().reload('go.mod changed');
    expect(fakeApi.previewGet).toHaveBeenCalledTimes(2);
    fakeApi.loadGraph.mockResolvedValue({ ok: true, value: { ...graph, dir: '/other' } });
    await useAppStore.getState().open({ kind: 'dir', dir: '/other' });
    const s = useAppStore.getState();
    expect(s.staged).toEqual([]);
    expect(s.preview).toEqual({ kind: 'idle' });
    expect(s.versions).toEqual({ kind: 'idle' });
  });

  it('keeps the shown preview (and the graph its marks) until the next one arrives, and will not apply meanwhile', async () => {
    await useAppStore.getState().stage('example.com/a@v1.0.0');
    const shown = useAppStore.getState().preview;
    const slow = deferred<unknown>();
    fakeApi.previewGet.mockReturnValueOnce(slow.promise);
    const next = useAppStore.getState().stage('example.com/b@none');
    expect(useAppStore.getState().preview).toBe(shown);
    expect(useAppStore.getState().previewJob).toEqual(expect.any(String));
    await useAppStore.getState().applyPreview();
    expect(fakeApi.applyGet).not.toHaveBeenCalled();
    slow.resolve({ ok: true, value: preview('go get example.com/a@v1.0.0 example.com/b@none') });
    await next;
    expect(useAppStore.getState()).toMatchObject({ previewJob: undefined, preview: { kind: 'ready', value: { command: 'go get example.com/a@v1.0.0 example.com/b@none' } } });
  });

  it('discard cancels a running preview and clears the command', async () => {
    fakeApi.previewGet.mockReturnValueOnce(new Promise(() => undefined));
    void useAppStore.getState().stage('example.com/a@v1.0.0');
    const jobId = useAppStore.getState().previewJob!;
    useAppStore.getState().discardPreview();
    expect(fakeApi.cancelPreview).toHaveBeenCalledWith({ jobId });
    expect(useAppStore.getState()).toMatchObject({ staged: [], upgrade: '', preview: { kind: 'idle' }, previewJob: undefined });
  });
});
