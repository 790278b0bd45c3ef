import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { ok } from '../../shared/model/result';
import type { Handlers } from '../services/app-backend';
import { dispatch } from './dispatch';
import { createIpcHandler, handle, isTrustedSender } from './handle';
import { registerIpcHandlers } from './register';

const TRUSTED = ['app://gomodx'];

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const base: Handlers = {
    'app:info-get': async () => ok({ transport: 'ipc', version: 't', canPickFolder: true, canDropFolders: true, exampleAvailable: true }),
    'app:graph-load': vi.fn(async () => {
      throw new Error('should not run');
    }),
    'app:graph-cancel': async () => ok({ canceled: false }),
    'app:folder-pick': async () => ok({ dir: null }),
    'app:recent-list': async () => ok([]),
    'app:recent-remove': async () => ok([]),
    'app:module-explain': async () => ok({ path: 'm', version: 'none', reasons: [], requirers: [], unselected: [], replace: null }),
    'app:module-versions': async () => ok({ path: 'm', versions: [] }),
    'app:whatif-preview': async () => ok({ command: 'go get', ok: true, output: '', changes: [], goModDiff: '', goSumAdded: [], base: '0'.repeat(64), buildListBefore: 1, buildListAfter: 1, elapsedMs: 0 }),
    'app:whatif-cancel': async () => ok({ canceled: false }),
    'app:whatif-apply': async () => ok({ command: 'go get', files: [], undoId: 'u', output: '' }),
    'app:whatif-undo': async () => ok({ files: [] }),
    'app:legacy-preview': async () => ok({ dir: '/p', ok: true, output: '', requirements: [], dropped: [], needsTidy: false, base: '0'.repeat(64), elapsedMs: 0 }),
    'app:legacy-cancel': async () => ok({ canceled: false }),
    'app:legacy-apply': async () => ok({ goModPath: '/p/go.mod' }),
    'app:vuln-scan': async () => ok({ dir: '/p', database: 'db', goVersion: '1.26.8', findings: [], modulesScanned: 0 }),
    'app:vuln-plan': async () => ok({ args: [], steps: [] }),
    'app:vuln-cancel': async () => ok({ canceled: false }),
  };
  return { ...base, ...overrides };
}

const top = (url: string) => ({ senderFrame: { url, parent: null } });

describe('isTrustedSender', () => {
  it.each([
    ['app://gomodx/index.html', null, true],
    ['app://gomodx/', null, true],
    ['app://gomodx/index.html', { url: 'app://gomodx/' }, false], // a sub-frame
    ['app://gomodx.attacker.test/index.html', null, false],
    ['app://other/index.html', null, false],
    ['https://gomodx/index.html', null, false],
    ['file:///index.html', null, false],
    ['http://localhost:5173/', null, false],
    ['not a url', null, false],
  ])('%s (parent %j) is trusted: %s', (url, parent, want) => {
    expect(isTrustedSender({ url, parent }, TRUSTED)).toBe(want);
  });

  it('trusts the loopback dev server only when told to', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', parent: null }, [...TRUSTED, 'http://localhost:5173'])).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/index.html', parent: null }, [...TRUSTED, 'http://localhost:5173'])).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender(null, TRUSTED)).toBe(false);
    expect(isTrustedSender(undefined, TRUSTED)).toBe(false);
  });
});

describe('createIpcHandler', () => {
  it('runs a valid call from our frame', async () => {
    const h = createIpcHandler('app:recent-remove', fakeHandlers({ 'app:recent-remove': async ({ dir }) => ok([{ dir, name: 'x', openedAt: 't' }]) }), TRUSTED);
    expect(await h(top('app://gomodx/index.html'), { dir: '/p' })).toEqual({ ok: true, value: [{ dir: '/p', name: 'x', openedAt: 't' }] });
  });

  it('refuses a foreign origin and a sub-frame before validating or running anything', async () => {
    const handlers = fakeHandlers();
    const h = createIpcHandler('app:graph-load', handlers, TRUSTED);
    const req = { jobId: 'a', target: { kind: 'example' } };
    expect(await h(top('https://evil.test/'), req)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h({ senderFrame: { url: 'app://gomodx/', parent: {} } }, req)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers['app:graph-load']).not.toHaveBeenCalled();
  });

  it('refuses a payload that does not match the schema', async () => {
    const handlers = fakeHandlers();
    const h = createIpcHandler('app:graph-load', handlers, TRUSTED);
    const r = await h(top('app://gomodx/'), { jobId: 'a', target: { kind: 'dir', dir: 42 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(r.ok ? '' : r.error.message).toContain('target');
    expect(handlers['app:graph-load']).not.toHaveBeenCalled();
  });

  it('maps a thrown error to a Result', async () => {
    const h = createIpcHandler('app:recent-list', fakeHandlers({ 'app:recent-list': async () => Promise.reject(new Error('disk on fire')) }), TRUSTED);
    expect(await h(top('app://gomodx/'), {})).toEqual({ ok: false, error: { code: 'internal', message: 'disk on fire' } });
  });

  it('maps cancellation to canceled', async () => {
    const h = createIpcHandler('app:recent-list', fakeHandlers({ 'app:recent-list': async () => Promise.reject(new DOMException('x', 'AbortError')) }), TRUSTED);
    expect(await h(top('app://gomodx/'), {})).toMatchObject({ ok: false, error: { code: 'canceled' } });
  });
});

describe('dispatch', () => {
  it.each(['app:nope', 'evil:info-get', '__proto__', 'constructor', 'app:__proto__', ''])('refuses the unknown channel %j', async (channel) => {
    expect(await dispatch(fakeHandlers(), channel, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('registration', () => {
  it('registers every channel of the contract through handle()', () => {
    const registered: string[] = [];
    registerIpcHandlers({ handle: (c: string) => void registered.push(c) } as never, fakeHandlers(), TRUSTED);
    expect(registered.sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('handle() passes the event through the checks', async () => {
    let registered: ((e: unknown, raw: unknown) => Promise<unknown>) | undefined;
    handle({ handle: (_c: string, fn: never) => void (registered = fn) } as never, 'app:info-get', fakeHandlers(), TRUSTED);
    expect(await registered!(top('https://evil.test/'), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await registered!(top('app://gomodx/'), {})).toMatchObject({ ok: true });
  });
});
