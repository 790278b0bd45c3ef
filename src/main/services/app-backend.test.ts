import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../shared/ipc/contract';
import { createAppBackend, type AppBackend } from './app-backend';
import { RecentProjects } from './recent-projects';

const EXAMPLE = resolve(__dirname, '../../../resources/example');
let tmp: string;
let env: Record<string, string>;
const events: [EventChannel, unknown][] = [];
let backend: AppBackend;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gomodx-backend-'));
  env = {
    // Scans read the example's own vulnerability database, never the network.
    GOVULNDB: pathToFileURL(join(EXAMPLE, 'vulndb')).href,
    HOME: join(tmp, 'home'),
    GOENV: 'off',
    GOFLAGS: '',
    GOWORK: 'off',
    GOSUMDB: 'off',
    GOPROXY: pathToFileURL(join(EXAMPLE, 'proxy')).href,
    GOMODCACHE: join(tmp, 'modcache'),
    GOMODX_CACHE: join(tmp, 'gomodx-cache'),
  };
  backend = createAppBackend({
    transport: 'http',
    version: 't',
    env,
    recent: new RecentProjects(join(tmp, 'config', 'recent.json')),
    emit: (channel, payload) => events.push([channel, payload]),
    exampleDir: EXAMPLE,
    initialDir: '/somewhere',
    progressIntervalMs: 0,
  });
});
afterAll(() => {
  backend.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('app backend', () => {
  it('describes itself', async () => {
    expect(await backend.handlers['app:info-get']({})).toEqual({
      ok: true,
      value: { transport: 'http', version: 't', canPickFolder: false, canDropFolders: false, exampleAvailable: true, initialDir: '/somewhere' },
    });
  });

  it('loads the example with progress events, and does not add it to recent projects', async () => {
    events.length = 0;
    const r = await backend.handlers['app:graph-load']({ jobId: 'ex1', target: { kind: 'example' } });
    expect(r.ok && r.value.counts.modules).toBe(14);
    expect(r.ok && r.value.source.example).toBe(true);
    expect(events.some(([c, p]) => c === 'app:graph-progress' && (p as { jobId: string }).jobId === 'ex1')).toBe(true);
    expect(await backend.handlers['app:recent-list']({})).toEqual({ ok: true, value: [] });
  });

  it('explains a module of the loaded example without reloading it', async () => {
    const r = await backend.handlers['app:module-explain']({ dir: EXAMPLE, path: 'example.com/log' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The same answer as `gomodx why -m -json example.com/log` (checked against go by the why tests).
    expect(r.value.version).toBe('v1.3.0');
    expect(r.value.selectedId).toBe('example.com/log@v1.3.0');
    expect(r.value.reasons.map((x) => [x.requirer, x.requires, x.chain])).toEqual([
      ['example.com/demo', 'v1.3.0', ['example.com/demo']],
      ['example.com/web@v1.4.0', 'v1.3.0', ['example.com/demo', 'example.com/web@v1.4.0']],
    ]);
    expect(r.value.reasons.every((x) => x.allChains[0]!.join() === x.chain.join())).toBe(true);
    expect(r.value.requirers.map((x) => `${x.requirer} ${x.requires}`)).toEqual([
      'example.com/demo v1.3.0',
      'example.com/db@v1.2.0 v1.1.0',
      'example.com/util@v1.0.0 v1.0.0',
      'example.com/web@v1.4.0 v1.3.0',
    ]);
    expect(r.value.unselected).toEqual([
      { version: 'v1.0.0', reason: 'lower than the selected v1.3.0' },
      { version: 'v1.1.0', reason: 'lower than the selected v1.3.0' },
    ]);
    const absent = await backend.handlers['app:module-explain']({ dir: EXAMPLE, path: 'example.com/nothing' });
    expect(absent.ok && absent.value.version).toBe('none');
    const other = await backend.handlers['app:module-explain']({ dir: '/elsewhere', path: 'example.com/log' });
    expect(other.ok ? 'ok' : other.error.code).toBe('not-found');
  });

  it('previews go get on the loaded example, lists versions, and refuses to write the example', async () => {
    const versions = await backend.handlers['app:module-versions']({ dir: EXAMPLE, path: 'example.com/web' });
    expect(versions.ok && versions.value.versions.map((v) => v.version)).toEqual(['v1.5.0', 'v1.4.0', 'v1.3.0']);
    const p = await backend.handlers['app:whatif-preview']({ jobId: 'w1', dir: EXAMPLE, args: ['example.com/log@v1.1.0'], upgrade: '' });
    expect(p.ok && p.value.changes.map((c) => `${c.path} ${c.kind}`)).toEqual(['example.com/log downgraded', 'example.com/web downgraded']);
    if (!p.ok) return;
    const applied = await backend.handlers['app:whatif-apply']({ dir: EXAMPLE, base: p.value.base, args: ['example.com/log@v1.1.0'], upgrade: '' });
    expect(applied).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/read-only/) } });
    const elsewhere = await backend.handlers['app:whatif-preview']({ jobId: 'w2', dir: '/elsewhere', args: ['example.com/log@v1.1.0'], upgrade: '' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await backend.handlers['app:whatif-cancel']({ jobId: 'w1' })).toEqual({ ok: true, value: { canceled: false } });
    expect(await backend.handlers['app:whatif-undo']({ dir: EXAMPLE, undoId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('scans the loaded example for known vulnerabilities and plans their fix', async () => {
    const scan = await backend.handlers['app:vuln-scan']({ jobId: 'v1', dir: EXAMPLE, refresh: false });
    if (!scan.ok) throw new Error(scan.error.message);
    const mine = scan.value.findings.filter((f) => f.kind === 'module');
    expect(mine.map((f) => [f.id, f.nodeId, f.fixedVersion, f.severity, f.url])).toEqual([['GO-2099-0001', 'example.com/log@v1.3.0', 'v1.4.1', 'MODERATE', 'https://pkg.go.dev/vuln/GO-2099-0001']]);
    expect(scan.value.database).toMatch(/^vulnerability database file:.*example\/vulndb, modified 2026-11-01/);
    const plan = await backend.handlers['app:vuln-plan']({ jobId: 'v2', dir: EXAMPLE, picks: ['example.com/log'] });
    expect(plan).toMatchObject({ ok: true, value: { args: ['example.com/log@v1.4.1'], steps: [{ kind: 'raise', module: 'example.com/log', ids: ['GO-2099-0001'] }] } });
    expect(await backend.handlers['app:vuln-plan']({ jobId: 'v3', dir: '/elsewhere', picks: [] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await backend.handlers['app:vuln-cancel']({ jobId: 'v1' })).toEqual({ ok: true, value: { canceled: false } });
  });

  it('loads a directory, remembers it, and reports when its go.mod changes', async () => {
    const dir = join(tmp, 'proj');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'go.mod'), 'module example.com/proj\n\ngo 1.22\n\nrequire example.com/yaml v1.5.0\n');
    const r = await backend.handlers['app:graph-load']({ jobId: 'p1', target: { kind: 'dir', dir } });
    expect(r.ok && r.value.mainModules).toEqual(['example.com/proj']);
    const recent = await backend.handlers['app:recent-list']({});
    expect(recent.ok && recent.value.map((e) => [e.dir, e.name])).toEqual([[dir, 'example.com/proj']]);
    events.length = 0;
    writeFileSync(join(dir, 'go.mod'), 'module example.com/proj\n\ngo 1.22\n\nrequire example.com/yaml v1.4.0\n');
    await expect.poll(() => events.find(([c]) => c === 'app:project-changed'), { timeout: 5000 }).toEqual(['app:project-changed', { dir, file: join(dir, 'go.mod') }]);
    const removed = await backend.handlers['app:recent-remove']({ dir });
    expect(removed.ok && removed.value).toEqual([]);
  });

  it('refuses a directory that does not exist, and a job id in use', async () => {
    expect(await backend.handlers['app:graph-load']({ jobId: 'x', target: { kind: 'dir', dir: join(tmp, 'nope') } })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('cancels a running load', async () => {
    const hung = createHungProxy();
    const b = createAppBackend({
      transport: 'ipc',
      version: 't',
      env: { ...env, GOPROXY: await hung.url, GOMODX_CACHE: join(tmp, 'empty-cache') },
      recent: new RecentProjects(join(tmp, 'config2', 'recent.json')),
      emit: () => undefined,
      watch: false,
    });
    const dir = join(tmp, 'slow');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'go.mod'), 'module example.com/slow\n\ngo 1.22\n\nrequire example.com/never v1.0.0\n');
    const loading = b.handlers['app:graph-load']({ jobId: 'slow', target: { kind: 'dir', dir } });
    expect(await b.handlers['app:graph-load']({ jobId: 'slow', target: { kind: 'dir', dir } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.handlers['app:graph-cancel']({ jobId: 'slow' })).toEqual({ ok: true, value: { canceled: true } });
    expect(await loading).toMatchObject({ ok: false, error: { code: 'canceled' } });
    expect(await b.handlers['app:graph-cancel']({ jobId: 'slow' })).toEqual({ ok: true, value: { canceled: false } });
    expect(await b.handlers['app:folder-pick']({})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    b.dispose();
    hung.close();
  });
});

function createHungProxy(): { url: Promise<string>; close(): void } {
  const server = createServer(() => undefined);
  const url = new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  return {
    url,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
