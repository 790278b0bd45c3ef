/**
 * The Go vulnerability database as the golang.org/x/vulndb module (its data/osv/*.json), fetched
 * through the user's own GOPROXY: the path that works behind a corporate proxy. The module has
 * no tags, so @latest is its newest commit's pseudo-version; a zip already in the go command's
 * module cache is read instead of downloaded.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGoProxy } from '../../core/config/goproxy-list';
import { escapePath, escapeVersion } from '../../core/modpath/escape';
import { compare } from '../../core/semver/semver';
import { parseOsvEntry, type OsvEntry } from '../../core/vuln/osv-entry';
import type { GoEnv } from '../go-env';
import { ZipArchive } from '../module-zip';
import { getProxyFile } from '../proxy-client';

/** VULNDB_MODULE is the module holding the database's OSV files. */
export const VULNDB_MODULE = 'golang.org/x/vulndb';

type Env = Readonly<Record<string, string | undefined>>;

const ZIP_REQUEST = { timeoutMs: 600_000, retries: 3, maxBytes: 500 << 20 };

/** proxiesOf lists the GOPROXY URLs to ask (direct and off cannot serve a module zip here). */
function proxiesOf(env: GoEnv): string[] {
  return parseGoProxy(env.GOPROXY, false)
    .map((p) => p.url)
    .filter((u) => u !== 'direct' && u !== 'off' && u !== 'noproxy');
}

/** latestVulndb asks the proxies for x/vulndb@latest: its version, time and the proxy that answered. */
export async function latestVulndb(env: GoEnv, rawEnv: Env, signal?: AbortSignal): Promise<{ version: string; time?: string; proxy: string }> {
  const proxies = proxiesOf(env);
  if (proxies.length === 0) throw new Error(`GOPROXY=${env.GOPROXY} names no proxy to fetch ${VULNDB_MODULE} from; set GOVULNDB or use --db=URL`);
  let last: Error | undefined;
  const req = { env: rawEnv, timeoutMs: 20_000, retries: 2 };
  for (const proxy of proxies) {
    try {
      // As go's @latest query: the newest listed version first, the proxy's @latest when none is listed.
      const listed = (await getProxyFile(proxy, `${escapePath(VULNDB_MODULE)}/@v/list`, signal, req).catch(() => Buffer.from('')))
        .toString('utf8')
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0] ?? '')
        .filter((v) => v !== '');
      const newest = listed.sort(compare).pop();
      const rel = newest ? `@v/${escapeVersion(newest)}.info` : '@latest';
      const info = JSON.parse((await getProxyFile(proxy, `${escapePath(VULNDB_MODULE)}/${rel}`, signal, req)).toString('utf8')) as { Version?: unknown; Time?: unknown };
      if (typeof info.Version !== 'string') throw new Error(`${proxy}: ${VULNDB_MODULE}/${rel} has no Version`);
      return { version: info.Version, ...(typeof info.Time === 'string' ? { time: info.Time } : {}), proxy };
    } catch (e) {
      signal?.throwIfAborted();
      last = e as Error;
    }
  }
  throw last ?? new Error(`no proxy answered for ${VULNDB_MODULE}`);
}

/** newestInModCache finds the newest x/vulndb zip the go command has already downloaded. */
export async function newestInModCache(env: GoEnv): Promise<string | undefined> {
  try {
    const names = await readdir(join(env.GOMODCACHE, 'cache', 'download', escapePath(VULNDB_MODULE), '@v'));
    const versions = names.filter((n) => n.endsWith('.zip')).map((n) => n.slice(0, -4));
    return versions.sort(compare).pop();
  } catch {
    return undefined;
  }
}

/** vulndbZip returns the module zip of version: from the module cache if go has it, else a proxy. */
export async function vulndbZip(env: GoEnv, rawEnv: Env, version: string, signal?: AbortSignal, onProgress?: (m: string) => void): Promise<{ zip: Buffer; from: string }> {
  const cached = join(env.GOMODCACHE, 'cache', 'download', escapePath(VULNDB_MODULE), '@v', `${escapeVersion(version)}.zip`);
  try {
    return { zip: await readFile(cached), from: cached };
  } catch {
    // not downloaded by go: ask the proxies
  }
  let last: Error | undefined;
  for (const proxy of proxiesOf(env)) {
    onProgress?.(`downloading ${VULNDB_MODULE}@${version} from ${proxy}`);
    try {
      return { zip: await getProxyFile(proxy, `${escapePath(VULNDB_MODULE)}/@v/${escapeVersion(version)}.zip`, signal, { ...ZIP_REQUEST, env: rawEnv }), from: proxy };
    } catch (e) {
      signal?.throwIfAborted();
      last = e as Error;
    }
  }
  throw last ?? new Error(`no proxy to download ${VULNDB_MODULE}@${version} from`);
}

/**
 * entriesFromZip reads and checks every data/osv/*.json of the module zip. A zip that is not a
 * zip, or an entry that is not a valid OSV entry, fails with its name: nothing half-read is kept.
 */
export async function entriesFromZip(zipData: Buffer, version: string, signal?: AbortSignal): Promise<{ entries: OsvEntry[]; hash: string }> {
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(zipData);
  } catch (e) {
    throw new Error(`${VULNDB_MODULE}@${version}: reading the module zip: ${(e as Error).message}`);
  }
  const hash = await zip.hash(signal);
  const prefix = `${VULNDB_MODULE}@${version}/data/osv/`;
  const entries: OsvEntry[] = [];
  for (const f of zip.files) {
    if (!f.name.startsWith(prefix) || !f.name.endsWith('.json') || f.name.slice(prefix.length).includes('/')) continue;
    const where = `${VULNDB_MODULE}@${version}: data/osv/${f.name.slice(prefix.length)}`;
    let x: unknown;
    try {
      x = JSON.parse(zip.read(f).toString('utf8'));
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    entries.push(parseOsvEntry(x, where));
  }
  if (entries.length === 0) throw new Error(`${VULNDB_MODULE}@${version}: the module zip has no data/osv/*.json`);
  return { entries, hash };
}
