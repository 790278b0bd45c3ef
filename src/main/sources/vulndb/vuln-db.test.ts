import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProxy, type FakeProxy } from '../../../../test/helpers/fake-goproxy';
import { FIXTURE_ENTRIES, vulndbModuleZip, writeOsvDb, writeVulndbModule } from '../../../../test/helpers/vulndb/write-osv-db';
import { readGoEnv } from '../go-env';
import { openVulnDb } from './vuln-db';

let base = '';
let proxy: FakeProxy;
const VERSION = 'v0.0.0-20261105234957-e22db6528018';

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'gomodx-vulndb-'));
  proxy = await startFakeProxy();
});
afterAll(async () => {
  await proxy.close();
  await rm(base, { recursive: true, force: true });
});

function envFor(name: string, extra: Record<string, string> = {}): { env: Record<string, string>; goEnv: ReturnType<typeof readGoEnv> } {
  const env = { HOME: path.join(base, name, 'home'), GOENV: 'off', GOMODX_CACHE: path.join(base, name, 'cache'), GOMODCACHE: path.join(base, name, 'modcache'), GOPROXY: 'off', ...extra };
  return { env, goEnv: readGoEnv(env) };
}

describe('file:// database in govulncheck layout', () => {
  it('reads the index and the entries of the asked modules', async () => {
    const url = await writeOsvDb(path.join(base, 'filedb'), FIXTURE_ENTRIES, '2026-11-05T00:00:00Z');
    const db = await openVulnDb({ ...envFor('file'), db: url, now: () => new Date('2026-11-07T00:00:00Z') });
    const got = await db.entriesFor(['example.com/a', 'stdlib', 'example.com/none']);
    expect([...got.keys()]).toEqual(['example.com/a', 'stdlib']);
    expect(got.get('example.com/a')!.map((e) => e.id)).toEqual(['GO-2026-0001', 'GO-2026-0002', 'GO-2026-0003']);
    expect(db.ageLine(new Date('2026-11-07T00:00:00Z'))).toBe(`vulnerability database ${url}, modified 2026-11-05 (2 days ago), fetched just now`);
  });

  it('a corrupt entry names its file', async () => {
    const url = await writeOsvDb(path.join(base, 'corrupt'), FIXTURE_ENTRIES, '2026-11-05T00:00:00Z');
    await writeFile(path.join(base, 'corrupt', 'ID', 'GO-2026-0002.json'), '{"id": "GO-2026-0002", "affected": [{"package": 3}]}');
    const db = await openVulnDb({ ...envFor('corrupt'), db: url });
    await expect(db.entriesFor(['example.com/a'])).rejects.toThrow(/ID\/GO-2026-0002\.json \(GO-2026-0002\) affected\[0\]: missing package name/);
  });

  it('a missing database says which and why', async () => {
    await expect(openVulnDb({ ...envFor('missing'), db: pathToFileURL(path.join(base, 'nowhere')).href })).rejects.toThrow(/vulnerability database file:.*nowhere: reading .*index\/db\.json: no such file or directory/);
  });
});

describe('http database, cached for offline use', () => {
  it('fetches, caches entries, and falls back to the copy when the origin is down', async () => {
    const dir = path.join(base, 'served');
    await writeOsvDb(dir, FIXTURE_ENTRIES, '2026-11-05T00:00:00Z');
    for (const rel of ['index/db.json', 'index/modules.json', ...FIXTURE_ENTRIES.map((e) => `ID/${e.id}.json`)]) {
      proxy.set(`/db/${rel}`, { kind: 'body', body: await readFile(path.join(dir, rel)) });
    }
    const e = envFor('http');
    const url = `${proxy.url}/db`;
    const db = await openVulnDb({ ...e, db: url });
    expect((await db.entriesFor(['stdlib'])).get('stdlib')!.map((x) => x.id)).toEqual(['GO-2026-0004']);
    expect(db.state.note).toBeUndefined();
    // The origin goes away: a refresh falls back to the copy and says so.
    for (const rel of ['index/db.json', 'index/modules.json', 'ID/GO-2026-0004.json']) proxy.set(`/db/${rel}`, { kind: 'status', status: 503 });
    const offline = await openVulnDb({ ...e, db: url, refresh: true });
    expect(offline.state.note).toMatch(/could not be reached .*503.*using the copy fetched/);
    expect((await offline.entriesFor(['stdlib'])).get('stdlib')!.map((x) => x.id)).toEqual(['GO-2026-0004']);
    expect(offline.ageLine()).toContain('using the copy fetched');
  });
});

describe('golang.org/x/vulndb through GOPROXY', () => {
  it('reads data/osv from the module zip and keeps it in GOMODX_CACHE', async () => {
    const proxyDir = path.join(base, 'goproxy');
    await writeVulndbModule(proxyDir, VERSION, '2026-11-05T23:49:57Z', FIXTURE_ENTRIES);
    const e = envFor('proxy', { GOPROXY: pathToFileURL(proxyDir).href });
    const db = await openVulnDb({ ...e, db: 'proxy' });
    expect(db.url).toBe(`golang.org/x/vulndb@${VERSION}`);
    expect(db.state.zipHash).toMatch(/^h1:/);
    expect((await db.entriesFor(['example.com/a'])).get('example.com/a')!.map((x) => x.id)).toEqual(['GO-2026-0001', 'GO-2026-0002', 'GO-2026-0003']);
    // Offline afterwards (GOPROXY off): the kept copy answers.
    const again = await openVulnDb({ ...envFor('proxy', { GOPROXY: 'off' }), db: 'proxy', refresh: true });
    expect(again.state.note).toMatch(/GOPROXY could not be reached/);
    expect((await again.entriesFor(['stdlib'])).get('stdlib')).toHaveLength(1);
  });

  it('a corrupt zip is refused and the previous copy is kept', async () => {
    const proxyDir = path.join(base, 'goproxy2');
    await writeVulndbModule(proxyDir, VERSION, '2026-11-05T23:49:57Z', FIXTURE_ENTRIES);
    const e = envFor('proxy2', { GOPROXY: pathToFileURL(proxyDir).href });
    await openVulnDb({ ...e, db: 'proxy' });
    const newer = 'v0.0.0-20261201000000-aaaaaaaaaaaa';
    await writeVulndbModule(proxyDir, newer, '2026-12-01T00:00:00Z', FIXTURE_ENTRIES);
    await writeFile(path.join(proxyDir, 'golang.org/x/vulndb/@v', `${newer}.zip`), vulndbModuleZip(newer, FIXTURE_ENTRIES).subarray(0, 100));
    const db = await openVulnDb({ ...e, db: 'proxy', refresh: true });
    expect(db.state.version).toBe(VERSION);
    expect(db.state.note).toMatch(new RegExp(`golang.org/x/vulndb@${newer} could not be read`));
    expect(await readdir(path.join(e.env.GOMODX_CACHE, 'vulndb'))).toHaveLength(1);
  });
});

describe('auto', () => {
  it('falls back from an unreachable default to golang.org/x/vulndb through GOPROXY, then reuses that copy', async () => {
    const proxyDir = path.join(base, 'goproxy-auto');
    await writeVulndbModule(proxyDir, VERSION, '2026-11-05T23:49:57Z', FIXTURE_ENTRIES);
    proxy.set('/down/index/db.json.gz', { kind: 'status', status: 503 });
    const e = envFor('auto', { GOPROXY: pathToFileURL(proxyDir).href });
    const said: string[] = [];
    const db = await openVulnDb({ ...e, defaultUrl: `${proxy.url}/down`, onProgress: (m) => said.push(m) });
    expect(db.url).toBe(`golang.org/x/vulndb@${VERSION}`);
    expect(said.join('\n')).toMatch(/\/down cannot be reached .*503.*using golang.org\/x\/vulndb through GOPROXY/);
    // A copy of the last day is used without asking anyone.
    const before = proxy.requests.length;
    const again = await openVulnDb({ ...envFor('auto', { GOPROXY: 'off' }), defaultUrl: `${proxy.url}/down` });
    expect(again.state.version).toBe(VERSION);
    expect(again.state.note).toBeUndefined();
    expect(proxy.requests.length).toBe(before);
  });
});
