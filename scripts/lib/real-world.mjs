// Shared by scripts/real-projects.mjs and scripts/bench.mjs: the list of real modules, the
// persistent work directory, the environment both go and gomodx run in, and the preparation of
// one temp project per real module (its go.mod from the proxy, a complete go.sum made by go).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The go command used as the oracle. */
export const GO = process.env.GOMODX_GO ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go');

/** The proxy the projects are fetched from. */
export const PROXY = (process.env.GOMODX_REAL_PROXY ?? 'https://proxy.golang.org').replace(/\/+$/, '');

/** Persistent work dir: reruns reuse the module cache, the prepared projects and gomodx's cache. */
export const WORK = process.env.GOMODX_REAL_DIR ?? join(process.env.TMPDIR || tmpdir(), 'gomodx-real-projects');

/** Real modules to check; `note` says why it is on the list or what is special about it. */
export const PROJECTS = [
  { module: 'github.com/golangci/golangci-lint/v2', note: 'linters aggregator, many small deps' },
  { module: 'github.com/gohugoio/hugo', note: 'site generator' },
  // Its newest go.mod needs a newer Go than the machine's: go (and gomodx) switch toolchains.
  { module: 'github.com/gohugoio/hugo', toolchain: 'auto', note: 'newest release, GOTOOLCHAIN=auto: needs a newer Go than the machine has' },
  { module: 'github.com/prometheus/prometheus', note: 'v0.3xx versioning, cloud SDKs' },
  { module: 'github.com/hashicorp/terraform', note: './internal directory replacements, tool and godebug' },
  { module: 'github.com/hashicorp/vault', note: './api and ./sdk directory replacements, huge graph' },
  { module: 'k8s.io/kubernetes', note: './staging replacements of v0.0.0 requirements' },
  { module: 'code.gitea.io/gitea', note: 'version replacements' },
  { module: 'github.com/argoproj/argo-cd/v3', note: 'k8s.io version replacements' },
  { module: 'github.com/ethereum/go-ethereum', note: 'crypto deps' },
  { module: 'github.com/traefik/traefik/v3', note: 'fork replacements, an exclude' },
  { module: 'istio.io/istio', note: 'pseudo-version latest' },
  { module: 'github.com/influxdata/telegraf', note: 'hundreds of plugins' },
  { module: 'github.com/containerd/containerd/v2', note: 'container runtime' },
  // Pinned old versions: go lines below 1.17 make the graph unpruned (every go.mod is read).
  { module: 'github.com/hashicorp/terraform', version: 'v0.15.5', note: 'go 1.14: unpruned graph' },
  { module: 'github.com/hashicorp/vault', version: 'v1.7.0', note: 'go 1.13: unpruned graph' },
  { module: 'helm.sh/helm/v3', version: 'v3.7.0', note: 'go 1.16: unpruned graph' },
  { module: 'github.com/cockroachdb/cockroach', note: 'often not served by mirrors' },
  { module: 'github.com/grafana/grafana', note: 'often not served by mirrors' },
];

/** slugOf names a project's directory. */
export function slugOf(module, version) {
  return (version ? `${module}@${version}` : module).replace(/[^A-Za-z0-9.@]+/g, '_');
}

/** projectDir is where the temp project of module (at a pinned version, or recent; toolchain-switching ones apart) lives. */
export function projectDir(module, version, toolchain) {
  return join(WORK, 'projects', slugOf(module, version) + (toolchain ? `+toolchain-${toolchain}` : ''));
}

/**
 * toolchainEnv is what a project prepared with GOTOOLCHAIN=auto runs with: go may download a
 * newer toolchain, whose checksum it verifies against the checksum database (through the proxy).
 */
export function toolchainEnv(toolchain) {
  return toolchain ? { GOTOOLCHAIN: toolchain, GOSUMDB: 'sum.golang.org' } : {};
}

/** baseEnv is the environment go and gomodx share: hermetic except for the proxy. */
export function baseEnv(overrides = {}) {
  const gopath = join(WORK, 'gopath');
  // Certificates and network proxies are the machine's, not configuration we test: keep them, or
  // a TLS-intercepting network makes Node fail where go (system roots) succeeds.
  const passThrough = Object.fromEntries(
    ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']
      .filter((k) => process.env[k] !== undefined)
      .map((k) => [k, process.env[k]]),
  );
  return {
    ...passThrough,
    PATH: process.env.PATH,
    HOME: join(WORK, 'home'),
    TMPDIR: process.env.TMPDIR || tmpdir(),
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    GOFLAGS: '',
    GOPROXY: PROXY,
    GOSUMDB: 'off',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GOWORK: 'off',
    GOPATH: gopath,
    GOMODCACHE: join(gopath, 'pkg', 'mod'),
    GOCACHE: join(WORK, 'gocache'),
    GOMODX_CACHE: join(WORK, 'gomodx-cache'),
    ...overrides,
  };
}

/** run runs a command (at most timeoutMs, default 10 minutes) and returns {code, stdout, stderr, ms}. */
export function run(cmd, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30, timeout: timeoutMs });
  const ms = performance.now() - t0;
  if (r.error?.code === 'ETIMEDOUT') throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) did not finish in ${timeoutMs / 1000} s`);
  if (r.error) throw r.error;
  return { code: r.status ?? 128, stdout: r.stdout, stderr: r.stderr, ms };
}

/** gomodxCommand is the node binary and script that run the built CLI. */
export function gomodxCommand() {
  return [process.execPath, [join(ROOT, 'bin', 'gomodx.js')]];
}

/** buildCli bundles the CLI so that we measure the current sources. */
export function buildCli() {
  const r = run(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, env: process.env });
  if (r.code !== 0) throw new Error(`build-cli failed:\n${r.stderr}${r.stdout}`);
}

/** escapeModulePath is module.EscapePath for paths already known to be valid. */
export function escapeModulePath(p) {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** proxyGet fetches one file from the proxy; 404/410 resolve to undefined. */
export async function proxyGet(rel) {
  const url = `${PROXY}/${rel}`;
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    } catch (e) {
      if (attempt < 3) continue;
      throw new Error(`GET ${url}: ${e.cause?.code ?? e.message}`);
    }
    if (res.status === 404 || res.status === 410 || res.status === 403) return undefined;
    if (res.status >= 500 && attempt < 3) continue;
    if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${res.statusText}`);
    return await res.text();
  }
}

function parseGoVersion(v) {
  // "1.26.8", "1.27", "1.21rc1", "1.21.0" → [major, minor, patch, kind(0 rc/beta, 1 release), pre]
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/.exec(v);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), m[3] === undefined ? -1 : Number(m[3]), m[4] ? 0 : 1, Number(m[5] ?? 0)];
}

/** goVersionCompare orders Go versions the way gover.Compare does for the forms go.mod uses. */
export function goVersionCompare(a, b) {
  const x = parseGoVersion(a);
  const y = parseGoVersion(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  // "1.21" (language version) sorts before "1.21rc1" before "1.21.0".
  const key = (p) => [p[0], p[1], p[2] === -1 && p[3] === 1 ? -2 : p[2] === -1 ? -1 : 0, p[2] === -1 ? p[4] : p[2]];
  const kx = key(x);
  const ky = key(y);
  for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1;
  return 0;
}

/** localGoVersion is the oracle's version without the "go" prefix. */
export function localGoVersion() {
  const r = run(GO, ['env', 'GOVERSION'], { env: baseEnv() });
  if (r.code !== 0) throw new Error(`go env GOVERSION: ${r.stderr}`);
  return r.stdout.trim().replace(/^go/, '');
}

function goLine(mod) {
  return /^go\s+(\S+)/m.exec(mod)?.[1];
}

function semverRelease(v) {
  return /^v\d+\.\d+\.\d+$/.test(v);
}

function semverCmp(a, b) {
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/**
 * candidateVersions: the version @latest names, then older releases from @v/list, newest first.
 * go's own @latest resolution is used (it also reads @v/list when the proxy has no @latest).
 */
export async function candidateVersions(module) {
  const out = [];
  const latest = run(GO, ['list', '-m', '-f', '{{.Version}}', `${module}@latest`], { cwd: WORK, env: baseEnv() });
  if (latest.code === 0) out.push(latest.stdout.trim());
  const list = await proxyGet(`${escapeModulePath(module)}/@v/list`);
  if (list !== undefined) {
    const releases = list.split('\n').map((s) => s.trim()).filter(semverRelease).sort(semverCmp).reverse();
    for (const v of releases) if (!out.includes(v)) out.push(v);
  }
  return out;
}

function goModEditJson(dir) {
  const r = run(GO, ['mod', 'edit', '-json'], { cwd: dir, env: baseEnv() });
  if (r.code !== 0) throw new Error(`go mod edit -json: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function isDirectoryPath(p) {
  return p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p === '.' || p === '..';
}

/**
 * dropDirectoryReplacements removes `replace X => ./dir` (they point into the repository we do not
 * have) and, when the proxy does not serve the version X is required at (e.g. v0.0.0 or the zero
 * pseudo-version), the requirement on X too. Returns a description of every change.
 */
async function dropDirectoryReplacements(dir) {
  const j = goModEditJson(dir);
  const notes = [];
  const requires = new Map((j.Require ?? []).map((r) => [r.Path, r.Version]));
  for (const rep of j.Replace ?? []) {
    if (rep.New.Version || !isDirectoryPath(rep.New.Path)) continue;
    const old = rep.Old.Version ? `${rep.Old.Path}@${rep.Old.Version}` : rep.Old.Path;
    const args = [`-dropreplace=${old}`];
    let note = `dropped replace ${old} => ${rep.New.Path}`;
    const req = requires.get(rep.Old.Path);
    if (req !== undefined) {
      const mod = await proxyGet(`${escapeModulePath(rep.Old.Path)}/@v/${req}.mod`);
      if (mod === undefined) {
        args.push(`-droprequire=${rep.Old.Path}`);
        note += ` and require ${rep.Old.Path} ${req} (not on the proxy)`;
      }
    }
    const r = run(GO, ['mod', 'edit', ...args], { cwd: dir, env: baseEnv() });
    if (r.code !== 0) throw new Error(`go mod edit ${args.join(' ')}: ${r.stderr}`);
    notes.push(note);
  }
  return notes;
}

function readMeta(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** loadPreparedProjects lists the projects real-projects.mjs has prepared (meta.json present). */
export function loadPreparedProjects() {
  const base = join(WORK, 'projects');
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .map((d) => ({ dir: join(base, d), meta: readMeta(join(base, d)) }))
    // Projects that need a toolchain switch run in another environment: the benchmarks leave them out.
    .filter((p) => p.meta?.ok && !p.meta.toolchain);
}

/**
 * prepareProject makes the temp project of one real module at a pinned version or the newest
 * usable one (or reuses the project made before when that was for the same version). Returns {ok, dir, module, version, notes, skipped?, error?}.
 */
export async function prepareProject(module, { version: pinned, toolchain, refresh = false, log = () => {} } = {}) {
  const dir = projectDir(module, pinned, toolchain);
  const tc = toolchainEnv(toolchain);
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(WORK, 'home'), { recursive: true });
  const localGo = localGoVersion();
  const candidates = pinned ? [pinned] : await candidateVersions(module);
  if (candidates.length === 0) {
    return { ok: false, skipped: true, dir, module, error: `the proxy serves no version of ${module}` };
  }
  const old = readMeta(dir);
  if (!refresh && old?.ok && old.latest === candidates[0] && existsSync(join(dir, 'go.sum'))) return { ...old, dir };
  // A project that could not be made from the same versions is not retried until --refresh.
  if (!refresh && old && !old.ok && old.latest === candidates[0]) return { ...old, dir };

  const notes = [];
  let lastError = '';
  let tried = 0;
  for (const version of candidates) {
    if (tried >= 8) break;
    const mod = await proxyGet(`${escapeModulePath(module)}/@v/${version}.mod`);
    if (mod === undefined) continue;
    const gl = goLine(mod);
    if (!toolchain && gl && goVersionCompare(gl, localGo) > 0) {
      notes.push(`skipped ${version}: its go.mod says go ${gl}, newer than the local go ${localGo}`);
      continue;
    }
    tried++;
    log(`  preparing ${module}@${version}`);
    writeFileSync(join(dir, 'go.mod'), mod);
    for (const f of ['go.sum', 'meta.json']) rmSync(join(dir, f), { force: true });
    const versionNotes = await dropDirectoryReplacements(dir);
    const edited = readFileSync(join(dir, 'go.mod'), 'utf8');
    // -mod=mod lets go fix the requirements and write go.sum lines for every go.mod it reads.
    const fix = run(GO, ['list', '-m', 'all'], { cwd: dir, env: baseEnv({ GOFLAGS: '-mod=mod', ...tc }) });
    if (fix.code !== 0) {
      lastError = `GOFLAGS=-mod=mod go list -m all failed for ${version}:\n${fix.stderr}`;
      notes.push(`skipped ${version}: go list -m all failed: ${fix.stderr.trim().split('\n')[0]}`);
      continue;
    }
    if (readFileSync(join(dir, 'go.mod'), 'utf8') !== edited) versionNotes.push('go rewrote go.mod (kept)');
    // The -json listing needs the .info files; the readonly runs must succeed as they are.
    const check = run(GO, ['list', '-m', '-json', 'all'], { cwd: dir, env: baseEnv(tc) });
    if (check.code !== 0) {
      lastError = `go list -m -json all (readonly) failed for ${version}:\n${check.stderr}`;
      notes.push(`skipped ${version}: readonly go list -m -json all failed: ${check.stderr.trim().split('\n')[0]}`);
      continue;
    }
    const meta = { ok: true, module, version, toolchain, latest: candidates[0], notes: [...notes, ...versionNotes], preparedAt: new Date().toISOString() };
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
    return { ...meta, dir };
  }
  const meta = { ok: false, module, latest: candidates[0], notes, error: lastError || 'no usable version' };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  return { ...meta, dir };
}

/** median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** percentile (nearest rank) of numbers. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
