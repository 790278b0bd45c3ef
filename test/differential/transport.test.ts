// Trust and transport as the go command does them (issue 17), hermetic: a fault-injecting HTTP
// server, an HTTPS one with a CA made here by openssl, and a forward proxy, all on 127.0.0.1.
// For every case where go answers in bounded time, gomodx must print what go prints (stderr,
// exit code). Proxies: go ignores them for loopback hosts, so the proxied cases name a host
// that does not resolve ("proxy.test"): only the proxy, which maps it to loopback, can reach it,
// so no DNS is involved. What go cannot be compared on (it has no size cap for .mod and no
// timeout) is checked on gomodx alone, the 2 GiB body in a child process whose RSS is measured.
import { spawnSync, spawn } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GO_BINARY, hasGo, runGo } from '../helpers/go-oracle';
import { goModSum } from '../helpers/universe/go-sum-hash';
import { loadRunCli, runGomodx, type RunCli } from './differential-harness';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const skip = !hasGo() || !hasOpenssl;
if (skip) console.log('transport tests skipped: no go command or no openssl');
const runCli: RunCli | undefined = skip ? undefined : await loadRunCli();

const MOD = 'module example.com/m\n\ngo 1.21\n';
const INFO = '{"Version":"v1.0.0","Time":"2023-01-01T00:00:00Z"}';
const MOD_PATH = '/example.com/m/@v/v1.0.0.mod';
const INFO_PATH = '/example.com/m/@v/v1.0.0.info';

let base = '';
let caFile = '';
let httpPort = 0;
let httpsPort = 0;
let proxyPort = 0;
let badPort = 0;
const servers: Server[] = [];
const sockets = new Set<Socket>();
const proxyLog: string[] = [];
let hugeSent = 0;

function track(s: Server): Server {
  s.on('connection', (c: Socket) => {
    sockets.add(c);
    c.on('close', () => sockets.delete(c));
  });
  servers.push(s);
  return s;
}

function listen(s: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
  });
}

const text = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

/** fault answers /<case>/<proxy path> with the case's misbehaviour, else serves the module. */
function fault(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, kase, ...rest] = url.pathname.split('/');
  const file = '/' + rest.join('/');
  const serve = (): void => {
    if (file === MOD_PATH) return text(res, 200, MOD);
    if (file === INFO_PATH) return text(res, 200, INFO, 'application/json');
    return text(res, 404, 'not found: ' + file + '\n');
  };
  switch (kase) {
    case 'ok':
      return serve();
    case 's403':
      return text(res, 403, 'forbidden by policy\n');
    case 's404':
      return text(res, 404, Array.from({ length: 12 }, (_, i) => `line ${i + 1} of the explanation`).join('\n') + '\n');
    case 's410':
      return text(res, 410, 'gone: ' + 'x'.repeat(700) + '\n');
    case 's500':
      return text(res, 500, 'all fine \x1b[2J\x1b]0;owned\x07 really\n');
    case 's502':
      return text(res, 502, '<html><body><h1>Bad gateway</h1></body></html>', 'text/html');
    case 'latin1':
      return text(res, 403, 'caf\xe9\n', 'text/plain; charset=iso-8859-1');
    case 'garbage':
      req.socket.end('NOT HTTP AT ALL\r\n\r\n');
      return;
    case 'nothing':
      req.socket.destroy();
      return;
    case 'truncated':
      res.writeHead(200, { 'content-length': '100' });
      res.write('module example.com/m\n');
      setTimeout(() => req.socket.destroy(), 20);
      return;
    case 'tohttp':
      res.writeHead(302, { location: `http://127.0.0.1:${httpPort}/ok${file}` });
      res.end();
      return;
    case 'loop': {
      const n = Number(url.searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `${url.pathname}?n=${n + 1}` });
      res.end();
      return;
    }
    case 'auth': {
      const want = 'Basic ' + Buffer.from('alice:s3cret').toString('base64');
      if (req.headers.authorization !== want) return text(res, 401, 'who are you?\n');
      return serve();
    }
    case 'badinfo':
      if (file === INFO_PATH) return text(res, 200, '<html>{"Version":', 'application/json');
      return serve();
    case 'wronginfo':
      if (file === INFO_PATH) return text(res, 200, '{"Version":42}', 'application/json');
      return serve();
    case 'huge': {
      // A chunked body of up to 2 GiB, written as fast as the client reads it.
      const chunk = Buffer.alloc(1 << 20, 0x61);
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const pump = (): void => {
        while (sent < 2 ** 31) {
          sent += chunk.length;
          hugeSent = sent;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
      return;
    }
    case 'slow':
      return; // never answers; the client's timeout must end it
    default:
      return text(res, 404, 'no such case\n');
  }
}

/** The forward proxy: CONNECT goes to the HTTPS server, absolute-form GETs to the HTTP one. */
function forwardProxy(): Server {
  const s = createHttpServer((req, res) => {
    proxyLog.push(`GET ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = httpRequest({ host: '127.0.0.1', port: httpPort, path: target.pathname + target.search, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    up.end();
  });
  s.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    proxyLog.push(`CONNECT ${req.url}`);
    const up = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  return s;
}

async function makeCerts(dir: string): Promise<{ ca: string; key: string; cert: string }> {
  const run = (args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=gomodx test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=proxy.test']);
  await writeFile(path.join(dir, 'ext.cnf'), 'subjectAltName=DNS:proxy.test,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  run(['x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '2', '-extfile', 'ext.cnf']);
  return { ca: path.join(dir, 'ca.pem'), key: await readFile(path.join(dir, 'srv.key'), 'utf8'), cert: await readFile(path.join(dir, 'srv.pem'), 'utf8') };
}

beforeAll(async () => {
  if (skip) return;
  base = await mkdtemp(path.join(tmpdir(), 'gomodx-transport-'));
  const { ca, key, cert } = await makeCerts(base);
  caFile = ca;
  httpPort = await listen(track(createHttpServer(fault)));
  httpsPort = await listen(track(createHttpsServer({ key, cert }, fault)));
  proxyPort = await listen(track(forwardProxy()));
  // A WHATWG "bad port" (fetch refuses it; go does not): used only when it is free here.
  for (const p of [10080, 6666, 6000]) {
    try {
      badPort = await listen(track(createHttpServer(fault)), p);
      break;
    } catch {
      servers.pop();
    }
  }
}, 30_000);

afterAll(async () => {
  for (const c of sockets) c.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  if (base) await rm(base, { recursive: true, force: true });
});

let caseNo = 0;

/** both runs args with go and gomodx in a fresh project and caches, with env added. */
async function both(args: string[], env: Record<string, string>, opts: { netrc?: string } = {}): Promise<{ go: string; gomodx: string; goCode: number; gomodxCode: number }> {
  const root = path.join(base, `case${++caseNo}`);
  const work = path.join(root, 'work');
  const home = path.join(root, 'home');
  await mkdir(work, { recursive: true });
  await mkdir(home, { recursive: true });
  if (opts.netrc) await writeFile(path.join(home, '.netrc'), opts.netrc);
  await writeFile(path.join(work, 'go.mod'), 'module example.com/app\n\ngo 1.21\n\nrequire example.com/m v1.0.0\n');
  await writeFile(path.join(work, 'go.sum'), `example.com/m v1.0.0/go.mod ${goModSum(MOD)}\n`);
  const common = (tool: string): Record<string, string | undefined> => ({
    PATH: `${path.dirname(GO_BINARY)}:/usr/bin:/bin`,
    HOME: home,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOENV: 'off',
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOINSECURE: '',
    GOWORK: 'off',
    GOPATH: path.join(root, 'gopath'),
    GOCACHE: path.join(root, 'gocache'),
    GOMODCACHE: path.join(root, `${tool}-modcache`),
    GOMODX_CACHE: path.join(root, 'gomodx-cache'),
    GOMODX_RESULT_CACHE: 'off',
    // No proxy unless a case sets one, and no system CA bundle that could make a case pass by luck.
    HTTPS_PROXY: '',
    HTTP_PROXY: '',
    NO_PROXY: '',
    SSL_CERT_DIR: path.join(root, 'no-certs'),
    ...env,
  });
  const go = await runGo(args, { cwd: work, env: common('go'), timeoutMs: 30_000 });
  const mine = await runGomodx(runCli!, args, { cwd: work, env: common('gomodx'), timeoutMs: 30_000 });
  return { go: go.stderr, gomodx: mine.stderr, goCode: go.code, gomodxCode: mine.code };
}

const http = (kase: string): string => `http://127.0.0.1:${httpPort}/${kase}`;
const https = (kase: string): string => `https://127.0.0.1:${httpsPort}/${kase}`;
const LIST = ['list', '-m', 'all'];
const STAT = ['list', '-m', 'example.com/m@v1.0.0'];

describe.skipIf(skip)('transport as the go command does it', () => {
  const same = async (args: string[], env: Record<string, string>, expectFail: boolean, contains?: string, opts?: { netrc?: string }): Promise<string> => {
    const r = await both(args, env, opts);
    expect(r.gomodx).toBe(r.go);
    expect(r.gomodxCode).toBe(r.goCode);
    expect(r.goCode !== 0).toBe(expectFail);
    if (contains) expect(r.go).toContain(contains);
    return r.go;
  };

  it.each([
    ['403 with a plain-text reason', 's403', 'server response: forbidden by policy'],
    ['404 with too many lines', 's404', '[Truncated: too many lines.]'],
    ['410 with a line too long', 's410', '[Truncated: too long.]'],
    ['500 whose body holds terminal escapes (not shown)', 's500', '500 Internal Server Error'],
    ['502 with an HTML body (not shown)', 's502', '502 Bad Gateway'],
    ['403 in another charset (not shown)', 'latin1', '403 Forbidden'],
    ['an answer that is not HTTP', 'garbage', 'malformed HTTP'],
    ['a connection closed without an answer', 'nothing', ': EOF'],
    ['a body cut short', 'truncated', 'unexpected EOF'],
    ['ten redirects', 'loop', 'stopped after 10 redirects'],
  ])('%s', async (_name, kase, contains) => {
    const out = await same(LIST, { GOPROXY: http(kase) }, true, contains);
    expect(out).not.toContain('\x1b');
  });

  it('refuses a redirect from https to http', async () => {
    await same(LIST, { GOPROXY: https('tohttp'), SSL_CERT_FILE: caFile }, true, 'redirected from secure URL');
  });

  it('falls through "|" on an invalid .info, and words it as go does without', async () => {
    await same(STAT, { GOPROXY: `${http('badinfo')}|${http('ok')}` }, false);
    await same(STAT, { GOPROXY: http('badinfo') }, true, 'invalid response from proxy');
    await same(STAT, { GOPROXY: http('wronginfo') }, true, 'cannot unmarshal number');
    await same(STAT, { GOPROXY: `${http('wronginfo')},${http('ok')}` }, true);
  });

  it('trusts a CA only through SSL_CERT_FILE (or the system store), as go does', async () => {
    await same(LIST, { GOPROXY: https('ok') }, true, 'x509: certificate signed by unknown authority');
    await same(LIST, { GOPROXY: https('ok'), SSL_CERT_FILE: caFile }, false);
  });

  it('sends URL credentials over https, redacts them, and refuses them over http', async () => {
    await same(LIST, { GOPROXY: `https://alice:s3cret@127.0.0.1:${httpsPort}/auth`, SSL_CERT_FILE: caFile }, false);
    const out = await same(LIST, { GOPROXY: `https://alice:wrong@127.0.0.1:${httpsPort}/auth`, SSL_CERT_FILE: caFile }, true, 'alice:xxxxx@');
    expect(out).not.toContain('wrong');
    const plain = await same(LIST, { GOPROXY: `http://alice:s3cret@127.0.0.1:${httpPort}/auth` }, true, 'refusing to pass credentials to insecure URL');
    expect(plain).not.toContain('s3cret');
  });

  it('reads ~/.netrc (GOAUTH=netrc, the default) for https only, and not with GOAUTH=off', async () => {
    const netrc = `machine 127.0.0.1:${httpsPort} login alice password s3cret\nmachine 127.0.0.1:${httpPort} login alice password s3cret\n`;
    await same(LIST, { GOPROXY: https('auth'), SSL_CERT_FILE: caFile }, false, undefined, { netrc });
    await same(LIST, { GOPROXY: https('auth'), SSL_CERT_FILE: caFile, GOAUTH: 'off' }, true, '401 Unauthorized', { netrc });
    await same(LIST, { GOPROXY: http('auth') }, true, '401 Unauthorized', { netrc });
  });

  it('runs GOAUTH commands and git credential helpers, asking again with the URL after a 401', async () => {
    const cred = `Authorization: Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    const script = async (name: string, body: string): Promise<string> => {
      const file = path.join(base, name);
      await writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return file;
    };
    const eager = await script('auth-eager.sh', `printf 'https://127.0.0.1:${httpsPort}/auth\\n\\n${cred}\\n\\n'`);
    // Answers only when asked about a URL, with the failed response on stdin.
    const late = await script('auth-late.sh', `[ $# -eq 1 ] || exit 0\nhead -n 1 | grep -q '^HTTP/1.1 401 Unauthorized' || exit 0\nprintf '%s\\n\\n${cred}\\n\\n' "$1"`);
    const wrong = await script('auth-wrong.sh', `printf 'https://127.0.0.1:${httpsPort}/auth\\n\\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\\n\\n'`);
    const garbage = await script('auth-garbage.sh', `echo 'not the format'`);
    const env = { GOPROXY: https('auth'), SSL_CERT_FILE: caFile };
    await same(LIST, { ...env, GOAUTH: eager }, false);
    await same(LIST, { ...env, GOAUTH: late }, false);
    await same(LIST, { ...env, GOAUTH: wrong }, true, '401 Unauthorized');
    await same(LIST, { ...env, GOAUTH: garbage }, true, '401 Unauthorized');
    // The first method named wins a prefix both give; a longer prefix wins over a shorter one.
    await same(LIST, { ...env, GOAUTH: `${eager};${wrong}` }, false);
    await same(LIST, { ...env, GOAUTH: `${wrong};${eager}` }, true, '401 Unauthorized');
    const host = await script('auth-host.sh', `printf 'https://127.0.0.1:${httpsPort}\\n\\nAuthorization: Basic d3Jvbmc6d3Jvbmc=\\n\\n'`);
    await same(LIST, { ...env, GOAUTH: `${host};${eager}` }, false);
    const repo = path.join(base, 'auth-git');
    await mkdir(repo, { recursive: true });
    spawnSync('git', ['init', '-q', repo]);
    spawnSync('git', ['-C', repo, 'config', 'credential.helper', '!f() { echo username=alice; echo password=s3cret; }; f']);
    await same(LIST, { ...env, GOAUTH: `git ${repo}` }, false);
  });

  it('goes through HTTPS_PROXY and HTTP_PROXY for other hosts, never for loopback', async () => {
    const proxy = `http://127.0.0.1:${proxyPort}`;
    proxyLog.length = 0;
    await same(LIST, { GOPROXY: 'https://proxy.test/ok', HTTPS_PROXY: proxy, SSL_CERT_FILE: caFile }, false);
    expect(proxyLog.length).toBeGreaterThan(0);
    expect(proxyLog.every((l) => l === 'CONNECT proxy.test:443')).toBe(true);
    proxyLog.length = 0;
    await same(LIST, { GOPROXY: 'http://proxy.test/ok', HTTP_PROXY: proxy }, false);
    expect(proxyLog.length).toBeGreaterThan(0);
    expect(proxyLog.every((l) => l.startsWith('GET http://proxy.test/ok/'))).toBe(true);
    proxyLog.length = 0;
    await same(LIST, { GOPROXY: http('ok'), HTTP_PROXY: 'http://127.0.0.1:9' }, false);
    expect(proxyLog).toEqual([]);
    await same(LIST, { GOPROXY: 'https://proxy.test/ok', HTTPS_PROXY: 'http://127.0.0.1:9', SSL_CERT_FILE: caFile }, true, 'proxyconnect tcp');
  });

  it.runIf(badPort !== 0 || true)('connects to a WHATWG "bad port" as go does', async () => {
    if (badPort === 0) return console.log('no bad port free here: case skipped');
    await same(LIST, { GOPROXY: `http://127.0.0.1:${badPort}/ok` }, false);
  });
});

describe.skipIf(skip)('transport limits go does not have', () => {
  it('stops waiting for an answer at the timeout', async () => {
    const { getProxyFile } = await import('../../src/main/sources/proxy-client');
    const started = Date.now();
    await expect(getProxyFile(http('slow'), MOD_PATH.slice(1), undefined, { timeoutMs: 300, env: {} })).rejects.toThrow(
      `Get "${http('slow')}${MOD_PATH}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a 2 GiB body at the cap while reading it, once, without buffering it', async () => {
    const dir = path.join(base, 'huge-child');
    await mkdir(dir, { recursive: true });
    const entry = path.join(dir, 'entry.ts');
    await writeFile(
      entry,
      `import { getProxyFile } from ${JSON.stringify(path.resolve('src/main/sources/proxy-client.ts'))};
let peak = 0;
const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
const started = Date.now();
let message = '';
try { await getProxyFile(process.argv[2], 'example.com/m/@v/v1.0.0.mod', undefined, { env: {} }); } catch (e) { message = e.message; }
clearInterval(t);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ message, peakMiB: Math.round(peak / 2 ** 20), ms: Date.now() - started }));
process.exit(0);
`,
    );
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: path.join(dir, 'child.mjs'), logLevel: 'error', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
    hugeSent = 0;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(dir, 'child.mjs'), http('huge')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let s = '';
      child.stdout.on('data', (c: Buffer) => (s += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(s);
      });
      child.on('error', reject);
    });
    const r = JSON.parse(out) as { message: string; peakMiB: number; ms: number };
    console.log(`2 GiB body: refused after ${r.ms} ms, peak RSS ${r.peakMiB} MiB, server wrote ${Math.round(hugeSent / 2 ** 20)} MiB`);
    expect(r.message).toBe(`read "${http('huge')}${MOD_PATH}": response body too large (more than ${16 << 20} bytes)`);
    expect(r.peakMiB).toBeLessThan(200);
    expect(hugeSent).toBeLessThan(256 << 20);
    expect(r.ms).toBeLessThan(10_000);
  }, 60_000);
});
