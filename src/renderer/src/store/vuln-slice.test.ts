import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VulnScanDto } from '../../../shared/ipc/contract';

const api = vi.hoisted(() => ({
  scanVulns: vi.fn(),
  planVulnFix: vi.fn(),
  cancelVuln: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
  previewGet: vi.fn(),
  cancelPreview: vi.fn(async () => ({ ok: true, value: { canceled: true } })),
}));
vi.mock('../bridge', () => ({ api }));

const { useAppStore } = await import('./app-store');
const { selectVulnByNode } = await import('./vuln-slice');

const scan: VulnScanDto = {
  dir: '/p',
  database: 'vulnerability database file:///db, fetched just now',
  goVersion: '1.26.8',
  modulesScanned: 3,
  findings: [
    { id: 'GO-1', aliases: [], summary: 's', url: 'https://pkg.go.dev/vuln/GO-1', kind: 'module', module: 'a', path: 'a', version: 'v1.0.0', fixedVersion: 'v1.1.0', nodeId: 'a@v1.0.0' },
    { id: 'GO-2', aliases: [], summary: 's', url: 'https://pkg.go.dev/vuln/GO-2', kind: 'module', module: 'a', path: 'a', version: 'v1.0.0', fixedVersion: '', nodeId: 'a@v1.0.0' },
    { id: 'GO-3', aliases: [], summary: 's', url: 'https://pkg.go.dev/vuln/GO-3', kind: 'stdlib', module: 'stdlib', path: 'stdlib', version: 'v1.26.8', fixedVersion: 'v1.26.9' },
  ],
};

describe('vuln slice', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    useAppStore.setState({ graph: { dir: '/p', mainModules: ['m'], nodes: [] } as never, vuln: { kind: 'idle' }, vulnPlan: { kind: 'idle' }, staged: [], preview: { kind: 'idle' } });
  });

  it('scans the open project and groups findings by node', async () => {
    api.scanVulns.mockResolvedValue({ ok: true, value: scan });
    await useAppStore.getState().scanVulns();
    expect(api.scanVulns).toHaveBeenCalledWith(expect.objectContaining({ dir: '/p', refresh: false }));
    const byNode = selectVulnByNode(useAppStore.getState());
    expect([...byNode.keys()]).toEqual(['a@v1.0.0']);
    expect(byNode.get('a@v1.0.0')!.map((f) => f.id)).toEqual(['GO-1', 'GO-2']);
  });

  it("stages the plan's go get and previews it", async () => {
    api.planVulnFix.mockResolvedValue({ ok: true, value: { args: ['a@v1.1.0'], steps: [{ kind: 'raise', module: 'a', ids: ['GO-1'], text: 'a v1.0.0 => v1.1.0 fixes GO-1' }] } });
    api.previewGet.mockResolvedValue({ ok: true, value: { command: 'go get a@v1.1.0', ok: true, output: '', changes: [], goModDiff: '', goSumAdded: [], base: '0'.repeat(64), buildListBefore: 1, buildListAfter: 1, elapsedMs: 1 } });
    await useAppStore.getState().previewVulnFix(['a']);
    expect(useAppStore.getState().staged).toEqual(['a@v1.1.0']);
    expect(api.previewGet).toHaveBeenCalledWith(expect.objectContaining({ args: ['a@v1.1.0'], upgrade: '' }));
    expect(useAppStore.getState().vulnPlan.kind).toBe('ready');
  });

  it('a plan that fixes nothing previews nothing', async () => {
    api.planVulnFix.mockResolvedValue({ ok: true, value: { args: [], steps: [{ kind: 'unfixable', module: 'a', ids: ['GO-2'], text: 'no' }] } });
    await useAppStore.getState().previewVulnFix(['GO-2']);
    expect(api.previewGet).not.toHaveBeenCalled();
    expect(useAppStore.getState().staged).toEqual([]);
  });
});
