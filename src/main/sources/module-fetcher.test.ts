import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProxy, type FakeProxy } from '../../../test/helpers/fake-goproxy';
import { GoSum } from '../core/gosum/go-sum';
import { readGoEnv } from './go-env';
import { goModHash } from './gomod-hash';
import { ProxyModuleFetcher } from './module-fetcher';

const A = { path: 'example.com/a', version: 'v1.0.0' };
const AMOD = 'module example.com/a\n\ngo 1.21\n';

let proxy: FakeProxy;
let dir: string;

beforeAll(async () => {
  proxy = await startFakeProxy();
  dir = await mkdtemp(join(tmpdir(), 'gomodx-fetcher-'));
});
afterAll(async () => {
  await proxy.close();
});

function fetcher(goproxy: string, sumLines = '', extra: Record<string, string> = {}, sub = Math.random().toString(36).slice(2)) {
  const sums = new GoSum();
  sums.add('go.sum', sumLines);
  const env = readGoEnv({ HOME: dir, GOENV: 'off', GOPROXY: goproxy, GOMODCACHE: join(dir, sub, 'modcache'), GOMODX_CACHE: join(dir, sub, 'gx'), ...extra });
  return new ProxyModuleFetcher({ env, sums, request: { timeoutMs: 300, retries: 3 } });
}

describe('ProxyModuleFetcher over HTTP', () => {
  it('fetches a go.mod, checks it against go.sum and keeps it in its own cache', async () => {
    proxy.set('/example.com/a/@v/v1.0.0.mod', { kind: 'body', body: AMOD });
    const f = fetcher(proxy.url, `example.com/a v1.0.0/go.mod ${goModHash(Buffer.from(AMOD))}\n`, {}, 'ok');
    expect(await f.goMod(A)).toBe(AMOD);
    expect(await readFile(join(dir, 'ok', 'gx', 'download', 'example.com', 'a', '@v', 'v1.0.0.mod'), 'utf8')).toBe(AMOD);
  });

  it('refuses a go.mod whose hash differs from go.sum, with go SECURITY ERROR text', async () => {
    proxy.set('/example.com/evil/@v/v1.0.0.mod', { kind: 'body', body: 'module example.com/evil\n' });
    const f = fetcher(proxy.url, 'example.com/evil v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n');
    await expect(f.goMod({ path: 'example.com/evil', version: 'v1.0.0' })).rejects.toThrow(
      /^verifying example.com\/evil@v1.0.0\/go.mod: checksum mismatch\n\tdownloaded: h1:.*\n\tgo.sum: {5}h1:A+=\n\nSECURITY ERROR/,
    );
  });

  it('reports 404 and 410 as not found, naming the module and URL', async () => {
    proxy.set('/example.com/gone/@v/v1.0.0.mod', { kind: 'status', status: 410, body: 'gone forever' });
    const f = fetcher(proxy.url);
    await expect(f.goMod({ path: 'example.com/missing', version: 'v1.0.0' })).rejects.toThrow(
      `example.com/missing@v1.0.0: reading ${proxy.url}/example.com/missing/@v/v1.0.0.mod: 404 Not Found\n\tserver response: not found: unknown path`,
    );
    await expect(f.goMod({ path: 'example.com/gone', version: 'v1.0.0' })).rejects.toThrow('410 Gone');
  });

  it('retries a 500 and succeeds when the proxy recovers', async () => {
    proxy.set('/example.com/flaky/@v/v1.0.0.mod', { kind: 'fail-then', failures: 2, status: 503, then: { kind: 'body', body: 'module example.com/flaky\n' } });
    expect(await fetcher(proxy.url).goMod({ path: 'example.com/flaky', version: 'v1.0.0' })).toBe('module example.com/flaky\n');
  });

  it('gives up on a proxy that keeps answering 500', async () => {
    proxy.set('/example.com/down/@v/v1.0.0.mod', { kind: 'status', status: 500 });
    await expect(fetcher(proxy.url).goMod({ path: 'example.com/down', version: 'v1.0.0' })).rejects.toThrow('500 Internal Server Error');
  });

  it('falls through "," only on not-found and "|" on any error', async () => {
    proxy.set('/example.com/b/@v/v1.0.0.mod', { kind: 'body', body: 'module example.com/b\n' });
    proxy.set('/broken/example.com/b/@v/v1.0.0.mod', { kind: 'status', status: 500 });
    expect(await fetcher(`${proxy.url}/nothing-here,${proxy.url}`).goMod({ path: 'example.com/b', version: 'v1.0.0' })).toBe('module example.com/b\n');
    await expect(fetcher(`${proxy.url}/broken,${proxy.url}`).goMod({ path: 'example.com/b', version: 'v1.0.0' })).rejects.toThrow('500');
    expect(await fetcher(`${proxy.url}/broken|${proxy.url}`).goMod({ path: 'example.com/b', version: 'v1.0.0' })).toBe('module example.com/b\n');
  });

  it('says when lookups are disabled or need version control', async () => {
    await expect(fetcher('off').goMod(A)).rejects.toThrow('example.com/a@v1.0.0: module lookup disabled by GOPROXY=off');
    // Direct mode answers without the network where go does: example.net is never looked up,
    // and GOVCS refuses git before any git runs.
    await expect(fetcher('direct').goMod({ path: 'example.net/x', version: 'v1.0.0' })).rejects.toThrow(/^no modules on example.net$/);
    // Lookup errors are reported bare, as go's errRepo does.
    await expect(fetcher(proxy.url, '', { GOPRIVATE: 'github.com/x/*', GOVCS: 'private:hg' }).goMod({ path: 'github.com/x/y', version: 'v1.0.0' })).rejects.toThrow(
      /^GOVCS disallows using git for private github.com\/x\/y; see 'go help vcs'$/,
    );
    // A GOPRIVATE path is never sent to a proxy, even when the list continues past it.
    const requests = proxy.requests.length;
    await expect(fetcher(`${proxy.url}`, '', { GOPRIVATE: 'github.com/x/*', GONOPROXY: 'github.com/x/*', GOVCS: 'private:hg' }).goMod({ path: 'github.com/x/z', version: 'v1.0.0' })).rejects.toThrow(/GOVCS disallows/);
    expect(proxy.requests.length).toBe(requests);
  });

  it('rejects garbage .info and an .info for another version', async () => {
    proxy.set('/example.com/g/@v/v1.0.0.info', { kind: 'body', body: '<html>not json' });
    proxy.set('/example.com/h/@v/v1.0.0.info', { kind: 'body', body: '{"Version":"v9.9.9"}' });
    const f = fetcher(proxy.url);
    await expect(f.info({ path: 'example.com/g', version: 'v1.0.0' })).rejects.toThrow(/invalid response from proxy/);
    await expect(f.info({ path: 'example.com/h', version: 'v1.0.0' })).rejects.toThrow('proxy returned info for version v9.9.9 instead of requested version');
  });

  it('treats a truncated body and no answer as errors after retrying', async () => {
    proxy.set('/example.com/t/@v/v1.0.0.mod', { kind: 'truncate', body: 'module ex', declared: 100 });
    proxy.set('/example.com/slow/@v/v1.0.0.mod', { kind: 'hang' });
    const f = fetcher(proxy.url);
    await expect(f.goMod({ path: 'example.com/t', version: 'v1.0.0' })).rejects.toThrow(/example.com\/t@v1.0.0: /);
    await expect(f.goMod({ path: 'example.com/slow', version: 'v1.0.0' })).rejects.toThrow(/Client\.Timeout exceeded while awaiting headers/);
  }, 20_000);

  it('can be cancelled', async () => {
    proxy.set('/example.com/slow2/@v/v1.0.0.mod', { kind: 'hang' });
    const ac = new AbortController();
    const p = fetcher(proxy.url).goMod({ path: 'example.com/slow2', version: 'v1.0.0' }, ac.signal);
    setTimeout(() => ac.abort(new Error('canceled by user')), 50);
    await expect(p).rejects.toThrow('canceled by user');
  });

  it('never builds a URL or cache path from a path that is not a module path', async () => {
    const f = fetcher(proxy.url);
    const before = proxy.requests.length;
    await expect(f.goMod({ path: '-x', version: 'v1.0.0' })).rejects.toThrow('malformed module path "-x": leading dash');
    await expect(f.goMod({ path: 'example.com/../../etc', version: 'v1.0.0' })).rejects.toThrow(/malformed module path/);
    await expect(f.goMod({ path: 'example.com/a', version: '../../x' })).rejects.toThrow(/invalid/);
    expect(proxy.requests.length).toBe(before);
  });

  it('escapes upper case in URLs and cache paths', async () => {
    proxy.set('/example.com/%21azure/x/@v/v1.0.0.mod', { kind: 'body', body: 'module example.com/Azure/x\n' });
    expect(await fetcher(proxy.url).goMod({ path: 'example.com/Azure/x', version: 'v1.0.0' })).toBe('module example.com/Azure/x\n');
  });
});

describe('ProxyModuleFetcher caches', () => {
  it('reads the module cache without a network and without writing it', async () => {
    const sub = 'modcache-only';
    const mc = join(dir, sub, 'modcache', 'cache', 'download', 'example.com', 'c', '@v');
    await mkdir(mc, { recursive: true });
    await writeFile(join(mc, 'v1.0.0.mod'), 'module example.com/c\n');
    const f = fetcher('off', '', {}, sub);
    expect(await f.goMod({ path: 'example.com/c', version: 'v1.0.0' })).toBe('module example.com/c\n');
    expect(await f.goModPath({ path: 'example.com/c', version: 'v1.0.0' })).toBe(join(mc, 'v1.0.0.mod'));
  });

  it('says which file is missing for a directory replacement', async () => {
    await expect(fetcher('off').readLocalGoMod(join(dir, 'nope', 'go.mod'))).rejects.toThrow(`open ${join(dir, 'nope', 'go.mod')}: no such file or directory`);
  });
});
