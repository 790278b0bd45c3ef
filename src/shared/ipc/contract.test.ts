import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BRIDGE_KEYS, buildApi, EVENT_CHANNELS, INVOKE_CHANNELS, type Api } from './channels';
import type { EventMap, InvokeMap } from './contract';
import { requestSchemas } from './schemas';

// Compile-time checks: tsc fails on this file if the contract and the schemas drift apart.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Schemas = typeof requestSchemas;
const schemaKeysMatch: Equal<keyof Schemas, keyof InvokeMap> = true;
const schemaTypesMatch: { [K in keyof InvokeMap]: Equal<z.output<Schemas[K]>, InvokeMap[K]['req']> extends true ? true : z.output<Schemas[K]> extends InvokeMap[K]['req'] ? true : false } = {
  'app:info-get': true,
  'app:graph-load': true,
  'app:graph-cancel': true,
  'app:folder-pick': true,
  'app:recent-list': true,
  'app:recent-remove': true,
  'app:module-explain': true,
  'app:module-versions': true,
  'app:whatif-preview': true,
  'app:whatif-cancel': true,
  'app:whatif-apply': true,
  'app:whatif-undo': true,
  'app:legacy-preview': true,
  'app:legacy-cancel': true,
  'app:legacy-apply': true,
  'app:vuln-scan': true,
  'app:vuln-plan': true,
  'app:vuln-cancel': true,
};
const invokeKeysMatch: Equal<(typeof INVOKE_CHANNELS)[number], keyof InvokeMap> = true;
const eventKeysMatch: Equal<(typeof EVENT_CHANNELS)[number], keyof EventMap> = true;

describe('ipc contract', () => {
  it('has a schema for every call channel and no other', () => {
    expect([schemaKeysMatch, invokeKeysMatch, eventKeysMatch, ...Object.values(schemaTypesMatch)].every(Boolean)).toBe(true);
    expect(Object.keys(requestSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('names every channel app:<domain>-<verb>', () => {
    for (const c of [...INVOKE_CHANNELS, ...EVENT_CHANNELS]) expect(c).toMatch(/^app:[a-z]+-[a-z]+$/);
  });

  it('builds exactly the bridge keys from a transport', async () => {
    const calls: [string, unknown][] = [];
    const subs: string[] = [];
    const api: Api = buildApi(
      {
        invoke: async (channel, req) => {
          calls.push([channel, req]);
          return { ok: true, value: null };
        },
        subscribe: (channel) => {
          subs.push(channel);
          return () => undefined;
        },
      },
      { pathForFile: () => '/x' },
    );
    expect(Object.keys(api).sort()).toEqual(BRIDGE_KEYS);
    await api.loadGraph({ jobId: 'j1', target: { kind: 'example' } });
    expect(calls).toEqual([['app:graph-load', { jobId: 'j1', target: { kind: 'example' } }]]);
    const off = api.onGraphProgress(() => undefined);
    expect(subs).toEqual(['app:graph-progress']);
    expect(typeof off).toBe('function');
    expect(api.pathForFile({})).toBe('/x');
  });

  it.each([
    ['app:graph-load', { jobId: 'a', target: { kind: 'dir', dir: '/p' } }, true],
    ['app:graph-load', { jobId: 'a', target: { kind: 'example' } }, true],
    ['app:graph-load', { jobId: 'a', target: { kind: 'dir', dir: '' } }, false],
    ['app:graph-load', { jobId: 'a', target: { kind: 'url', url: 'x' } }, false],
    ['app:graph-load', { jobId: '../x', target: { kind: 'example' } }, false],
    ['app:graph-load', { jobId: 'a', target: { kind: 'example' }, extra: 1 }, false],
    ['app:graph-load', { jobId: 'a', target: { kind: 'dir', dir: 'a\0b' } }, false],
    ['app:graph-cancel', { jobId: 'a' }, true],
    ['app:graph-cancel', {}, false],
    ['app:info-get', {}, true],
    ['app:info-get', { a: 1 }, false],
    ['app:recent-remove', { dir: '/p' }, true],
    ['app:recent-remove', { dir: 5 }, false],
    ['app:module-explain', { dir: '/p', path: 'example.com/log' }, true],
    ['app:module-explain', { dir: '/p', path: 'example.com/log@v1.0.0' }, false],
    ['app:module-explain', { dir: '/p', path: '' }, false],
    ['app:module-explain', { path: 'example.com/log' }, false],
    ['app:module-versions', { dir: '/p', path: 'example.com/log' }, true],
    ['app:module-versions', { dir: '/p', path: 'example.com/log@latest' }, false],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: ['example.com/log@v1.1.0'], upgrade: '' }, true],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: [], upgrade: 'upgrade' }, true],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: ['./...'], upgrade: 'patch' }, true],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: ['-modfile=/etc/passwd'], upgrade: '' }, false],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: ['example.com/log@v1.1.0 -x'], upgrade: '' }, false],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: ['a'], upgrade: '-u' }, false],
    ['app:whatif-preview', { jobId: 'p1', dir: '/p', args: 'a', upgrade: '' }, false],
    ['app:whatif-cancel', { jobId: 'p1' }, true],
    ['app:whatif-apply', { dir: '/p', base: 'a'.repeat(64), args: ['example.com/log@none'], upgrade: '' }, true],
    ['app:whatif-apply', { dir: '/p', base: 'nope', args: ['example.com/log@none'], upgrade: '' }, false],
    ['app:whatif-apply', { dir: '/p', args: ['example.com/log@none'], upgrade: '' }, false],
    ['app:whatif-undo', { dir: '/p', undoId: '0b9f8a4c-1d2e-4f3a-9b8c-7d6e5f4a3b2c' }, true],
    ['app:whatif-undo', { dir: '/p', undoId: '../../x' }, false],
    ['app:legacy-preview', { jobId: 'l1', dir: '/p' }, true],
    ['app:legacy-preview', { jobId: 'l1', dir: '/p', modulePath: 'example.com/m' }, true],
    ['app:legacy-preview', { jobId: 'l1', dir: '/p', modulePath: 'a b' }, false],
    ['app:legacy-apply', { dir: '/p', base: 'a'.repeat(64) }, true],
    ['app:legacy-apply', { dir: '/p', base: 'a'.repeat(64), goMod: 'module evil\n' }, false],
  ] as const)('%s accepts %j: %s', (channel, req, valid) => {
    expect(requestSchemas[channel].safeParse(req).success).toBe(valid);
  });
});
