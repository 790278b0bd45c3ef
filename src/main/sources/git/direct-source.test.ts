// Direct mode's adapters on loopback only: go-import discovery against a local HTTPS server
// (with a throwaway certificate), including pages that lie, are huge, redirect or never answer;
// and the security and time limits of the git side (crafted module paths, ext:: and option-like
// URLs, a remote that hangs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectSource } from './direct-source';
import { GitRunner, observeGitCalls, type GitCall } from './git-runner';
import { makePageGetter } from './import-page';
import { RepoRootResolver } from './repo-root-resolver';

const dir = mkdtempSync(join(tmpdir(), 'gomodx-direct-src-'));
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const hasGit = spawnSync('git', ['--version']).status === 0;

let server: Server | undefined;
let port = 0;
let ca = '';
/** The test CA as a file: pages are fetched through the shared client, which trusts SSL_CERT_FILE as go does. */
let caFile = '';
const requests: string[] = [];

const meta = (content: string): string => `<html><head><meta name="go-import" content="${content}"></head><body></body></html>`;

const PAGES: Record<string, (res: import('node:http').ServerResponse) => void> = {
  '/good/lib': (res) => res.end(meta('example.test/good/lib git https://git.example.test/good/lib')),
  '/mono/tools/x': (res) => res.end(meta('example.test/mono/tools git https://git.example.test/mono tools')),
  '/mono/tools': (res) => res.end(meta('example.test/mono/tools git https://git.example.test/mono tools')),
  // The page of /liar/pkg claims the prefix /liar for another repository than /liar's own page does.
  '/liar/pkg': (res) => res.end(meta('example.test/liar git https://evil.test/liar')),
  '/liar': (res) => res.end(meta('example.test/liar git https://git.example.test/liar')),
  '/huge/x': (res) => res.end('<html><head>' + ' '.repeat(200_000) + meta('example.test/huge/x git https://git.example.test/huge')),
  '/redirect-http/x': (res) => res.writeHead(302, { location: 'http://example.test/plain' }).end(),
  '/redirect-ftp/x': (res) => res.writeHead(302, { location: 'ftp://example.test/x' }).end(),
  '/redirect-ok/x': (res) => res.writeHead(301, { location: '/good/lib' }).end(),
  '/slow/x': () => undefined,
  '/ext/x': (res) => res.end(meta('example.test/ext/x git ext::sh%20-c%20touch%20/tmp/pwned')),
  '/option/x': (res) => res.end(meta('example.test/option/x git --upload-pack=touch')),
  '/file/x': (res) => res.end(meta('example.test/file/x git file:///etc')),
  '/http-repo/x': (res) => res.end(meta('example.test/http-repo/x git http://git.example.test/x')),
  '/hg/x': (res) => res.end(meta('example.test/hg/x hg https://hg.example.test/x')),
  '/proxy/x': (res) => res.end(meta('example.test/proxy/x mod https://proxy.example.test') + meta('example.test/proxy/x git https://git.example.test/x')),
  '/missing/x': (res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('no such module\n'),
};

beforeAll(async () => {
  if (!hasOpenssl) return;
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=example.test', '-addext', 'subjectAltName=DNS:example.test']);
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  ca = readFileSync(cert, 'utf8');
  caFile = cert;
  server = createServer({ key: readFileSync(key), cert: ca }, (req, res) => {
    requests.push(req.url ?? '');
    const page = PAGES[(req.url ?? '').replace(/\?go-get=1$/, '')];
    if (page) page(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  rmSync(dir, { recursive: true, force: true });
});

function resolver(opts: { goinsecure?: string; maxBytes?: number } = {}): RepoRootResolver {
  return new RepoRootResolver({
    goprivate: '',
    govcs: '',
    goinsecure: opts.goinsecure ?? '',
    getPage: makePageGetter({ env: { SSL_CERT_FILE: caFile }, dial: { host: '127.0.0.1', port }, timeoutMs: 800, maxBytes: opts.maxBytes ?? 64 * 1024 }),
    ping: async () => false,
  });
}

describe.skipIf(!hasOpenssl)('go-import discovery over HTTPS (loopback)', () => {
  it('finds the repository, with the optional subdirectory, and follows same-scheme redirects', async () => {
    await expect(resolver().resolve('example.test/good/lib/sub')).rejects.toThrow(); // no page for the longer path
    expect(await resolver().resolve('example.test/good/lib')).toMatchObject({ kind: 'vcs', root: 'example.test/good/lib', repo: 'https://git.example.test/good/lib', subdir: '' });
    expect(await resolver().resolve('example.test/mono/tools/x')).toMatchObject({ root: 'example.test/mono/tools', repo: 'https://git.example.test/mono', subdir: 'tools' });
    await expect(resolver().resolve('example.test/redirect-ok/x')).rejects.toThrow('did not match import path example.test/redirect-ok/x');
  });

  it('checks a prefix claim against the prefix page', async () => {
    await expect(resolver().resolve('example.test/liar/pkg')).rejects.toThrow(
      'unrecognized import path "example.test/liar/pkg": https://example.test/liar/pkg?go-get=1 and https://example.test/liar?go-get=1 disagree about go-import for example.test/liar',
    );
  });

  it('limits the page size, the time, and redirects', async () => {
    await expect(resolver({ maxBytes: 64 * 1024 }).resolve('example.test/huge/x')).rejects.toThrow(/page larger than/);
    await expect(resolver().resolve('example.test/redirect-http/x')).rejects.toThrow('redirected from secure URL https://example.test/redirect-http/x?go-get=1 to insecure URL http://example.test/plain');
    await expect(resolver().resolve('example.test/redirect-ftp/x')).rejects.toThrow('Get "ftp://example.test/x": redirected from secure URL https://example.test/redirect-ftp/x?go-get=1 to insecure URL ftp://example.test/x');
    const started = Date.now();
    await expect(resolver().resolve('example.test/slow/x')).rejects.toThrow('context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('never hands git a URL scheme it should not use', async () => {
    await expect(resolver().resolve('example.test/ext/x')).rejects.toThrow('invalid repo root "ext::sh%20-c%20touch%20/tmp/pwned": scheme "ext" not allowed');
    await expect(resolver().resolve('example.test/option/x')).rejects.toThrow('invalid repo root "--upload-pack=touch": no scheme');
    await expect(resolver().resolve('example.test/file/x')).rejects.toThrow('invalid repo root "file:///etc": file scheme disallowed');
    await expect(resolver().resolve('example.test/http-repo/x')).rejects.toThrow('scheme "http" not allowed (GOINSECURE does not match)');
    await expect(resolver().resolve('example.test/hg/x')).rejects.toThrow('example.test/hg/x: hg repositories are not supported (only git)');
  });

  it('prefers mod entries (a module proxy) and reports 404 pages as go does', async () => {
    expect(await resolver().resolve('example.test/proxy/x')).toEqual({ kind: 'mod', root: 'example.test/proxy/x', proxy: 'https://proxy.example.test' });
    const err = await resolver().resolve('example.test/missing/x').catch((e: Error) => e);
    expect((err as Error).message).toBe('unrecognized import path "example.test/missing/x": reading https://example.test/missing/x?go-get=1: 404 Not Found\n\tserver response: no such module');
    expect((err as { notFound?: boolean }).notFound).toBe(true);
  });
});

describe.skipIf(!hasOpenssl)('go-import discovery behind a corporate proxy', () => {
  it('tunnels through HTTPS_PROXY and trusts SSL_CERT_FILE, as every other request does', async () => {
    const tunnels: string[] = [];
    const proxy = createHttpServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(String(req.url));
      const upstream = netConnect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyPort = (proxy.address() as AddressInfo).port;
    try {
      const env = { HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`, SSL_CERT_FILE: caFile };
      const r = new RepoRootResolver({ goprivate: '', govcs: '', goinsecure: '', getPage: makePageGetter({ env, timeoutMs: 2000 }), ping: async () => false });
      expect(await r.resolve('example.test/good/lib')).toMatchObject({ kind: 'vcs', repo: 'https://git.example.test/good/lib' });
      expect(tunnels).toEqual(['example.test:443']);
      // Without the CA the page is refused, in go's words.
      const untrusted = new RepoRootResolver({ goprivate: '', govcs: '', goinsecure: '', getPage: makePageGetter({ env: { HTTPS_PROXY: env.HTTPS_PROXY }, timeoutMs: 2000 }), ping: async () => false });
      await expect(untrusted.resolve('example.test/good/lib')).rejects.toThrow('tls: failed to verify certificate: x509: certificate signed by unknown authority');
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});

describe('GOINSECURE: plain http where go allows it', () => {
  it('falls back from https to http only for GOINSECURE paths, and then accepts http repositories', async () => {
    const plain = createHttpServer((_req, res) => res.end(meta('example.test/plain/x git http://git.example.test/plain')));
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    const plainPort = (plain.address() as AddressInfo).port;
    const make = (goinsecure: string): RepoRootResolver =>
      new RepoRootResolver({ goprivate: '', govcs: '', goinsecure, getPage: makePageGetter({ env: {}, dial: { host: '127.0.0.1', port: plainPort }, timeoutMs: 2000 }), ping: async () => false });
    try {
      await expect(make('').resolve('example.test/plain/x')).rejects.toThrow('unrecognized import path "example.test/plain/x": https fetch: Get "https://example.test/plain/x?go-get=1"');
      expect(await make('example.test/plain').resolve('example.test/plain/x')).toMatchObject({ kind: 'vcs', repo: 'http://git.example.test/plain' });
    } finally {
      plain.closeAllConnections();
      await new Promise<void>((r) => plain.close(() => r()));
    }
  });
});

describe.skipIf(!hasGit)('the git side: crafted input, time limits, cancellation', () => {
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({ PATH: '/usr/bin:/bin', HOME: join(dir, 'home'), GIT_CONFIG_NOSYSTEM: '1', ...extra });

  it('refuses module paths shaped like options before any git runs', async () => {
    const calls: GitCall[] = [];
    const stop = observeGitCalls((c) => calls.push(c));
    try {
      const gitconfig = join(dir, 'local-gitconfig');
      writeFileSync(gitconfig, `[url "file://${dir}/no-such-repos/"]\n\tinsteadOf = https://github.com/\n`);
      const src = new DirectSource({ goprivate: '', govcs: '', goinsecure: '', cacheDir: join(dir, 'cache1'), env: env({ GIT_CONFIG_GLOBAL: gitconfig }), localGo: '1.26.8' });
      for (const path of ['-x', '--upload-pack=touch /tmp/pwned', 'github.com/acme/--upload-pack=x', 'github.com/acme/x y', 'ext::sh -c touch']) {
        await expect(src.answer(path, { kind: 'list' }), path).rejects.toThrow(/malformed module path/);
      }
      expect(calls).toEqual([]);
      // A path element may start with "-" after the host: it reaches git only inside an https URL,
      // after --end-of-options.
      await expect(src.answer('github.com/-x/y', { kind: 'list' })).rejects.toThrow('does not appear to be a git repository');
      const lsRemote = calls.find((c) => c.args[0] === 'ls-remote');
      expect(lsRemote?.args).toEqual(['ls-remote', '-q', '--end-of-options', 'https://github.com/-x/y']);
    } finally {
      stop();
    }
  });

  it("keeps simple-git's guards: option injection into fetch is refused", async () => {
    const runner = new GitRunner({ env: env() });
    await expect(runner.run(dir, ['fetch', '--upload-pack=touch /tmp/pwned', 'origin'])).rejects.toThrow(/upload-pack|not permitted|unsafe/i);
    await expect(runner.run(dir, ['-c', 'core.sshCommand=touch /tmp/pwned', 'ls-remote', 'ssh://x/y'])).rejects.toThrow(/sshCommand|not permitted|unsafe/i);
  });

  it('kills a git command that hangs, and stops on cancel', async () => {
    const reposDir = join(dir, 'slow-repos');
    mkdirSync(reposDir, { recursive: true });
    const gitconfig = join(dir, 'slow-gitconfig');
    writeFileSync(gitconfig, '[url "ssh://slow.invalid/"]\n\tinsteadOf = https://github.com/\n');
    // The "ssh" transport of this remote never answers.
    const slowEnv = env({ GIT_CONFIG_GLOBAL: gitconfig, GIT_SSH_COMMAND: 'sleep 30 #' });
    const src = new DirectSource({ goprivate: '', govcs: '', goinsecure: '', cacheDir: join(dir, 'cache2'), env: slowEnv, localGo: '1.26.8', gitTimeoutMs: 700 });
    let started = Date.now();
    await expect(src.answer('github.com/acme/slow', { kind: 'list' })).rejects.toThrow(/^module github.com\/acme\/slow: git ls-remote -q --end-of-options https:\/\/github.com\/acme\/slow in .*: signal: killed \(no output within the time limit\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const src2 = new DirectSource({ goprivate: '', govcs: '', goinsecure: '', cacheDir: join(dir, 'cache3'), env: slowEnv, localGo: '1.26.8' });
    const ac = new AbortController();
    started = Date.now();
    setTimeout(() => ac.abort(new Error('canceled')), 300);
    await expect(src2.answer('github.com/acme/slow', { kind: 'list' }, ac.signal)).rejects.toThrow('canceled');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
