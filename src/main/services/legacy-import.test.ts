import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppBackend, type AppBackend } from './app-backend';
import { RecentProjects } from './recent-projects';

// The example's file:// proxy serves the modules; the project is a dep project without go.mod.
const PROXY = resolve(__dirname, '../../../resources/example/proxy');
const LOCK = [
  '[[projects]]',
  '  name = "example.com/web"',
  '  packages = ["."]',
  '  revision = "0123456789abcdef0123456789abcdef01234567"',
  '  version = "v1.4.0"',
  '',
  '[[projects]]',
  '  name = "example.com/nothere"',
  '  revision = "0123456789abcdef0123456789abcdef01234567"',
  '',
  '[solve-meta]',
  '  solver-name = "gps-cdcl"',
  '',
].join('\n');

let tmp: string;
let dir: string;
let backend: AppBackend;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gomodx-legacy-app-'));
  dir = join(tmp, 'project');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, 'Gopkg.lock'), LOCK);
  writeFileSync(join(dir, 'main.go'), 'package main // import "example.com/depapp"\n\nfunc main() {}\n');
  const env = {
    HOME: join(tmp, 'home'),
    GOENV: 'off',
    GOFLAGS: '',
    GOSUMDB: 'off',
    GOPROXY: pathToFileURL(PROXY).href,
    GOMODCACHE: join(tmp, 'modcache'),
    GOMODX_CACHE: join(tmp, 'gomodx-cache'),
    PATH: process.env.PATH,
  };
  backend = createAppBackend({ transport: 'http', version: 't', env, recent: new RecentProjects(join(tmp, 'recent.json')), emit: () => undefined, watch: false, progressIntervalMs: 0 });
});
afterAll(() => {
  backend.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('bringing a dep project in', () => {
  it('says that a directory without go.mod has a lock file to convert', async () => {
    const r = await backend.handlers['app:graph-load']({ jobId: 'g1', target: { kind: 'dir', dir } });
    expect(r.ok && r.value.nodes.length).toBe(0);
    expect(r.ok && r.value.legacyConfig).toBe('Gopkg.lock');
  });

  it('previews go.mod, its graph and the dropped entry, writing nothing', async () => {
    const r = await backend.handlers['app:legacy-preview']({ jobId: 'l1', dir });
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.ok).toBe(true);
    expect(p.modulePath).toBe('example.com/depapp');
    expect(p.goMod).toMatch(/^module example\.com\/depapp\n\ngo \S+\n\nrequire example\.com\/web v1\.4\.0\n$/);
    expect(p.dropped).toEqual([
      expect.objectContaining({ path: 'example.com/nothere', rev: '0123456789abcdef0123456789abcdef01234567', docUrl: 'https://pkg.go.dev/example.com/nothere' }),
    ]);
    expect(p.needsTidy).toBe(true);
    expect(p.graph?.mainModules).toEqual(['example.com/depapp']);
    expect(p.graph?.nodes.some((n) => n.path === 'example.com/web' && n.version === 'v1.4.0')).toBe(true);
    expect(() => readFileSync(join(dir, 'go.mod'))).toThrow();

    const applied = await backend.handlers['app:legacy-apply']({ dir, base: p.base });
    expect(applied).toEqual({ ok: true, value: { goModPath: join(dir, 'go.mod') } });
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe(p.goMod);
    const again = await backend.handlers['app:legacy-apply']({ dir, base: p.base });
    expect(again.ok).toBe(false);
  });

  it('refuses to write over a go.mod that appeared after the preview', async () => {
    rmSync(join(dir, 'go.mod'));
    const r = await backend.handlers['app:legacy-preview']({ jobId: 'l2', dir, modulePath: 'example.com/other' });
    if (!r.ok) throw new Error(r.error.message);
    writeFileSync(join(dir, 'go.mod'), 'module theirs\n');
    const applied = await backend.handlers['app:legacy-apply']({ dir, base: r.value.base });
    expect(applied).toEqual({ ok: false, error: { code: 'conflict', message: `go: ${join(dir, 'go.mod')} already exists` } });
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe('module theirs\n');
  });
});
