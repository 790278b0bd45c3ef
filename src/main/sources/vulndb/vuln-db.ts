/**
 * Which vulnerability database a scan reads, and its copy in GOMODX_CACHE.
 *
 * Choice, first that applies: --db (a URL, or "proxy"), GOVULNDB (a URL, as govulncheck reads
 * it), else "auto": a copy fetched in the last day, else https://vuln.go.dev, else
 * golang.org/x/vulndb through GOPROXY. A URL may be http(s) or file:// in govulncheck's layout;
 * file:// is read in place. Remote copies are kept under GOMODX_CACHE/vulndb and reused for a day
 * (--refresh fetches again); an origin that cannot be reached falls back to the kept copy with a
 * note saying so, which is what makes scans work offline.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOsvEntry, type OsvEntry } from '../../core/vuln/osv-entry';
import { ageLine } from '../../core/vuln/db-age';
import type { GoEnv } from '../go-env';
import { cacheDirFor, readJson, writeWhole, type CacheMeta } from './db-cache';
import { getDbFile, parseDbMeta, parseJson, parseModulesIndex, type ModuleIndexEntry } from './served-layout';
import { entriesFromZip, latestVulndb, newestInModCache, VULNDB_MODULE, vulndbZip } from './vulndb-module';

type Env = Readonly<Record<string, string | undefined>>;

/** DEFAULT_URL is govulncheck's default database. */
export const DEFAULT_URL = 'https://vuln.go.dev';
/** MAX_AGE_MS is how long a fetched copy is used without asking its origin again. */
const MAX_AGE_MS = 24 * 3600 * 1000;
const PROXY_ORIGIN = 'proxy';

/** VulnDbOptions says where to look and how hard. */
export interface VulnDbOptions {
  readonly env: Env;
  readonly goEnv: GoEnv;
  /** db is --db: a URL or "proxy" (default: GOVULNDB, else auto). */
  readonly db?: string;
  readonly refresh?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
  readonly now?: () => Date;
  /** defaultUrl replaces https://vuln.go.dev in auto mode (tests). */
  readonly defaultUrl?: string;
}

/** VulnDb is an opened database: where it came from and how old it is, and its entries by module. */
export interface VulnDb {
  readonly state: CacheMeta;
  /** url is what govulncheck's -db would name (the golang.org/x/vulndb copy names its module). */
  readonly url: string;
  ageLine(now?: Date): string;
  /** entriesFor returns every entry naming each path (all of them: matching is the caller's). */
  entriesFor(paths: readonly string[], signal?: AbortSignal): Promise<Map<string, OsvEntry[]>>;
}

/** VulnDbError is a database that cannot be read; the message says which and why. */
export class VulnDbError extends Error {
  readonly code = 'vulndb-unavailable';
}

function fresh(meta: CacheMeta | undefined, now: Date): boolean {
  return meta !== undefined && now.getTime() - Date.parse(meta.fetchedAt) < MAX_AGE_MS;
}

function firstLine(e: unknown): string {
  return ((e as Error).message ?? String(e)).split('\n')[0]!;
}

/** openVulnDb opens the database the options choose (see the file comment). */
export async function openVulnDb(opts: VulnDbOptions): Promise<VulnDb> {
  const now = opts.now?.() ?? new Date();
  const choice = opts.db ?? (opts.env.GOVULNDB || 'auto');
  if (choice === PROXY_ORIGIN) return openProxyDb(opts, now);
  if (choice !== 'auto') {
    if (!/^(https?|file):\/\//.test(choice)) throw new VulnDbError(`vulnerability database ${JSON.stringify(choice)}: want an http(s):// or file:// URL, or "proxy" for ${VULNDB_MODULE} through GOPROXY`);
    return choice.startsWith('file:') ? openFileDb(choice.replace(/\/+$/, ''), now) : openUrlDb(choice.replace(/\/+$/, ''), opts, now);
  }
  const cache = opts.goEnv.GOMODX_CACHE;
  const defaultUrl = opts.defaultUrl ?? DEFAULT_URL;
  if (!opts.refresh) {
    const [u, p] = await Promise.all([readJson<CacheMeta>(join(cacheDirFor(cache, defaultUrl), 'meta.json')), readJson<CacheMeta>(join(cacheDirFor(cache, PROXY_ORIGIN), 'meta.json'))]);
    if (fresh(u, now)) return openUrlDb(defaultUrl, opts, now);
    if (fresh(p, now)) return openProxyDb(opts, now);
  }
  try {
    // Only a probe: an unreachable default must not hold the scan up before the proxy is asked.
    return await openUrlDb(defaultUrl, opts, now, { timeoutMs: 8_000, retries: 1 });
  } catch (e) {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(`${defaultUrl} cannot be reached (${firstLine(e)}); using ${VULNDB_MODULE} through GOPROXY`);
    return openProxyDb(opts, now);
  }
}

function dbOf(state: CacheMeta, url: string, entriesFor: VulnDb['entriesFor']): VulnDb {
  return { state, url, ageLine: (at = new Date()) => ageLine(state, at), entriesFor };
}

/** openFileDb reads a file:// database in place (nothing to cache: it is already local). */
async function openFileDb(url: string, now: Date): Promise<VulnDb> {
  try {
    fileURLToPath(url);
  } catch (e) {
    throw new VulnDbError(`vulnerability database ${url}: ${(e as Error).message}`);
  }
  const read = async (rel: string): Promise<unknown> => {
    try {
      return parseJson(await getDbFile(url, rel, {}), `${url}/${rel}`);
    } catch (e) {
      throw new VulnDbError(`vulnerability database ${url}: ${firstLine(e)}`);
    }
  };
  const meta = parseDbMeta(await read('index/db.json'), `${url}/index/db.json`);
  const modules = parseModulesIndex(await read('index/modules.json'), `${url}/index/modules.json`);
  const byPath = new Map(modules.map((m) => [m.path, m]));
  const state: CacheMeta = { origin: url, ...meta, fetchedAt: now.toISOString() };
  return dbOf(state, url, async (paths) => {
    const out = new Map<string, OsvEntry[]>();
    for (const p of new Set(paths)) {
      const m = byPath.get(p);
      if (!m) continue;
      out.set(p, await Promise.all(m.vulns.map(async (v) => parseOsvEntry(await read(`ID/${v.id}.json`), `${url}/ID/${v.id}.json`))));
    }
    return out;
  });
}

/** openUrlDb opens an http(s) database through its cached copy (see the file comment). */
async function openUrlDb(url: string, opts: VulnDbOptions, now: Date, request?: { timeoutMs?: number; retries?: number }): Promise<VulnDb> {
  const dir = cacheDirFor(opts.goEnv.GOMODX_CACHE, url);
  let meta = await readJson<CacheMeta>(join(dir, 'meta.json'));
  let modules = meta ? await readJson<ModuleIndexEntry[]>(join(dir, 'modules.json')) : undefined;
  let note: string | undefined;
  if (opts.refresh || !fresh(meta, now) || !modules) {
    opts.onProgress?.(`fetching ${url}/index/modules.json`);
    try {
      const m = parseDbMeta(parseJson(await getDbFile(url, 'index/db.json', opts.env, opts.signal, request), `${url}/index/db.json`), `${url}/index/db.json`);
      const idx = parseModulesIndex(parseJson(await getDbFile(url, 'index/modules.json', opts.env, opts.signal), `${url}/index/modules.json`), `${url}/index/modules.json`);
      await writeWhole(join(dir, 'modules.json'), JSON.stringify(idx));
      meta = { origin: url, ...m, fetchedAt: now.toISOString() };
      await writeWhole(join(dir, 'meta.json'), JSON.stringify(meta));
      modules = idx;
    } catch (e) {
      opts.signal?.throwIfAborted();
      if (!meta || !modules) throw new VulnDbError(`vulnerability database ${url}: ${firstLine(e)}`);
      note = `${url} could not be reached (${firstLine(e)}): using the copy fetched ${meta.fetchedAt}`;
    }
  }
  const state: CacheMeta = { ...meta!, ...(note ? { note } : {}) };
  const byPath = new Map(modules.map((m) => [m.path, m]));
  const entry = async (id: string, modified: string | undefined, signal?: AbortSignal): Promise<OsvEntry> => {
    const file = join(dir, 'ID', `${id}.json`);
    const kept = await readJson<{ modified?: string; entry: unknown }>(file);
    if (kept && kept.modified === modified) return parseOsvEntry(kept.entry, file);
    try {
      const e = parseOsvEntry(parseJson(await getDbFile(url, `ID/${id}.json`, opts.env, signal), `${url}/ID/${id}.json`), `${url}/ID/${id}.json`);
      await writeWhole(file, JSON.stringify({ modified, entry: e }));
      return e;
    } catch (err) {
      if (kept) return parseOsvEntry(kept.entry, file);
      throw new VulnDbError(`vulnerability database ${url}: ${firstLine(err)}`);
    }
  };
  return dbOf(state, url, async (paths, signal) => {
    const out = new Map<string, OsvEntry[]>();
    for (const p of new Set(paths)) {
      const m = byPath.get(p);
      if (m) out.set(p, await Promise.all(m.vulns.map((v) => entry(v.id, v.modified, signal))));
    }
    return out;
  });
}

/** openProxyDb opens golang.org/x/vulndb through GOPROXY, through its cached copy. */
async function openProxyDb(opts: VulnDbOptions, now: Date): Promise<VulnDb> {
  const dir = cacheDirFor(opts.goEnv.GOMODX_CACHE, PROXY_ORIGIN);
  let meta = await readJson<CacheMeta>(join(dir, 'meta.json'));
  let entries = meta ? await readJson<unknown[]>(join(dir, 'entries.json')) : undefined;
  let note: string | undefined;
  if (opts.refresh || !fresh(meta, now) || !entries) {
    let version: string | undefined;
    let time: string | undefined;
    let via = '';
    try {
      const latest = await latestVulndb(opts.goEnv, opts.env, opts.signal);
      ({ version, time } = latest);
      via = latest.proxy;
    } catch (e) {
      opts.signal?.throwIfAborted();
      if (meta && entries) note = `GOPROXY could not be reached (${firstLine(e)}): using the copy fetched ${meta.fetchedAt}`;
      else {
        version = await newestInModCache(opts.goEnv);
        if (!version) throw new VulnDbError(`vulnerability database ${VULNDB_MODULE} through GOPROXY: ${firstLine(e)}`);
        via = 'the module cache';
        note = `GOPROXY could not be reached (${firstLine(e)}): using the module cache's ${VULNDB_MODULE}@${version}`;
      }
    }
    if (version !== undefined) {
      if (meta && entries && meta.version === version) {
        meta = { ...meta, fetchedAt: now.toISOString() };
      } else {
        try {
          const { zip, from } = await vulndbZip(opts.goEnv, opts.env, version, opts.signal, opts.onProgress);
          opts.onProgress?.(`reading ${VULNDB_MODULE}@${version}`);
          const read = await entriesFromZip(zip, version, opts.signal);
          entries = read.entries as unknown[];
          await writeWhole(join(dir, 'entries.json'), JSON.stringify(entries));
          meta = { origin: `${VULNDB_MODULE}@${version} via ${via === 'the module cache' ? from : via}`, version, zipHash: read.hash, ...(time ? { modified: time } : {}), fetchedAt: now.toISOString() };
        } catch (e) {
          opts.signal?.throwIfAborted();
          if (!meta || !entries) throw new VulnDbError(firstLine(e));
          note = `${VULNDB_MODULE}@${version} could not be read (${firstLine(e)}): using the copy fetched ${meta.fetchedAt}`;
        }
      }
      if (meta) await writeWhole(join(dir, 'meta.json'), JSON.stringify(meta));
    }
  }
  const byPath = new Map<string, OsvEntry[]>();
  for (const [i, x] of entries!.entries()) {
    const e = parseOsvEntry(x, `${join(dir, 'entries.json')} [${i}]`);
    for (const p of new Set(e.affected.map((a) => a.package.name))) byPath.set(p, [...(byPath.get(p) ?? []), e]);
  }
  const state: CacheMeta = { ...meta!, ...(note ? { note } : {}) };
  return dbOf(state, `${VULNDB_MODULE}@${meta!.version ?? ''}`, async (paths) => {
    const out = new Map<string, OsvEntry[]>();
    for (const p of new Set(paths)) {
      const es = byPath.get(p);
      if (es) out.set(p, [...es].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    }
    return out;
  });
}
