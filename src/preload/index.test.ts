import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS, type Api } from '../shared/ipc/channels';

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'x' }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, l: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
  },
  webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' },
}));

describe('preload', () => {
  let api: Api;
  beforeEach(async () => {
    await import('./index');
    api = exposed.api as Api;
  });

  it('exposes exactly the contract as window.api', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(BRIDGE_KEYS);
  });

  it('invokes the channel of each function', async () => {
    await api.loadGraph({ jobId: 'j', target: { kind: 'example' } });
    await api.getInfo({});
    expect(invoke.mock.calls).toEqual([
      ['app:graph-load', { jobId: 'j', target: { kind: 'example' } }],
      ['app:info-get', {}],
    ]);
  });

  it('passes event callbacks the payload only, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = api.onGraphProgress((...args: unknown[]) => got.push(args));
    const fakeEvent = { sender: { send: () => undefined }, ports: [] };
    for (const l of listeners.get('app:graph-progress')!) l(fakeEvent, { jobId: 'j', done: 1, total: 2 });
    expect(got).toEqual([[{ jobId: 'j', done: 1, total: 2 }]]);
    off();
    expect(listeners.get('app:graph-progress')!.size).toBe(0);
  });

  it('turns a dropped file into its path, or undefined', () => {
    expect(api.pathForFile({ path: '/home/u/proj' })).toBe('/home/u/proj');
    expect(api.pathForFile({})).toBeUndefined();
  });
});
