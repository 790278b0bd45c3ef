import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LegacyPreviewDto, LegacyProgressDto } from '../../../shared/ipc/contract';
import { makeGraph } from '../test-support/module-graph-fixture';

const handlers: { progress?: (p: LegacyProgressDto) => void } = {};
const fakeApi = {
  loadGraph: vi.fn(),
  cancelGraph: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
  listRecent: vi.fn(async () => ({ ok: true, value: [] })),
  previewLegacy: vi.fn(),
  cancelLegacy: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
  applyLegacy: vi.fn(),
  onLegacyProgress: vi.fn((cb: (p: LegacyProgressDto) => void) => {
    handlers.progress = cb;
    return () => undefined;
  }),
};
vi.mock('../bridge', () => ({ api: fakeApi }));

const { useAppStore } = await import('./app-store');
const initial = useAppStore.getState();

const preview: LegacyPreviewDto = {
  dir: '/p',
  ok: true,
  lockFile: { name: 'Gopkg.lock', tool: 'dep', entries: 2 },
  modulePath: 'example.com/m',
  goMod: 'module example.com/m\n\ngo 1.26.8\n\nrequire example.com/a v1.0.0\n',
  output: 'go: creating new go.mod: module example.com/m\n',
  requirements: [{ path: 'example.com/a', version: 'v1.0.0' }],
  dropped: [],
  needsTidy: true,
  base: 'b'.repeat(64),
  elapsedMs: 1,
};

beforeEach(() => {
  useAppStore.setState(initial, true);
  vi.clearAllMocks();
});

describe('legacy slice', () => {
  it('previews with progress, then applies and opens the project', async () => {
    let resolve!: (v: unknown) => void;
    fakeApi.previewLegacy.mockReturnValue(new Promise((r) => (resolve = r)));
    const off = useAppStore.getState().watchLegacyProgress();
    const pending = useAppStore.getState().previewLegacy('/p');
    const l = useAppStore.getState().legacy;
    expect(l.kind).toBe('loading');
    const jobId = l.kind === 'loading' ? l.jobId : '';
    handlers.progress!({ jobId, done: 1, total: 2, current: 'example.com/a@v1.0.0' });
    handlers.progress!({ jobId: 'other', done: 9, total: 9 });
    expect(useAppStore.getState().legacy).toMatchObject({ kind: 'loading', progress: { done: 1, total: 2 } });
    resolve({ ok: true, value: preview });
    await pending;
    expect(useAppStore.getState().legacy).toEqual({ kind: 'ready', preview });
    off();

    fakeApi.applyLegacy.mockResolvedValue({ ok: true, value: { goModPath: '/p/go.mod' } });
    fakeApi.loadGraph.mockResolvedValue({ ok: true, value: { ...makeGraph(['example.com/m', 'example.com/a@v1.0.0'], ['example.com/m -> example.com/a@v1.0.0']), dir: '/p' } });
    await useAppStore.getState().applyLegacy();
    expect(fakeApi.applyLegacy).toHaveBeenCalledWith({ dir: '/p', base: preview.base });
    expect(fakeApi.loadGraph).toHaveBeenCalledWith(expect.objectContaining({ target: { kind: 'dir', dir: '/p' } }));
    expect(useAppStore.getState().legacy).toEqual({ kind: 'idle' });
    expect(useAppStore.getState().graph?.mainModules.length).toBeGreaterThan(0);
  });

  it('keeps the preview and shows why when apply is refused', async () => {
    fakeApi.previewLegacy.mockResolvedValue({ ok: true, value: preview });
    await useAppStore.getState().previewLegacy('/p');
    fakeApi.applyLegacy.mockResolvedValue({ ok: false, error: { code: 'conflict', message: 'go: /p/go.mod already exists' } });
    await useAppStore.getState().applyLegacy();
    expect(useAppStore.getState().legacy).toEqual({ kind: 'ready', preview, applying: false, applyError: 'go: /p/go.mod already exists' });
    expect(fakeApi.loadGraph).not.toHaveBeenCalled();
  });

  it('cancels a running conversion', async () => {
    fakeApi.previewLegacy.mockReturnValue(new Promise(() => undefined));
    void useAppStore.getState().previewLegacy('/p');
    await useAppStore.getState().cancelLegacy();
    expect(fakeApi.cancelLegacy).toHaveBeenCalled();
    expect(useAppStore.getState().legacy).toMatchObject({ kind: 'error', dir: '/p' });
  });
});
