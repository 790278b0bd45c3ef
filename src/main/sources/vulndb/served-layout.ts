/**
 * A database in the layout govulncheck reads (GOVULNDB; https://go.dev/security/vuln/database#api):
 * index/db.json ({"modified"}), index/modules.json ([{path, vulns: [{id, modified, fixed}]}])
 * and ID/<id>.json, over http(s) (gzipped copies preferred, as govulncheck asks for them) or
 * as a file:// directory.
 */
import { gunzipSync } from 'node:zlib';
import { getProxyFile, NotFoundError } from '../proxy-client';
import { OsvFormatError } from '../../core/vuln/osv-entry';

/** ModuleIndexEntry is one module of index/modules.json. */
export interface ModuleIndexEntry {
  readonly path: string;
  readonly vulns: readonly { readonly id: string; readonly modified?: string; readonly fixed?: string }[];
}

type Env = Readonly<Record<string, string | undefined>>;

const REQUEST = { timeoutMs: 20_000, retries: 2, maxBytes: 256 << 20 };

/** getDbFile fetches rel under base: rel.gz first over http(s), as govulncheck's client does. */
export async function getDbFile(base: string, rel: string, env: Env, signal?: AbortSignal, request: { timeoutMs?: number; retries?: number } = {}): Promise<Buffer> {
  const opts = { ...REQUEST, ...request, env };
  if (!base.startsWith('file:')) {
    try {
      return gunzipSync(await getProxyFile(base, rel + '.gz', signal, opts));
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  return getProxyFile(base, rel, signal, opts);
}

/** parseJson parses a database file, naming it when it is not JSON. */
export function parseJson(data: Buffer, where: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (e) {
    throw new OsvFormatError(where, `not JSON: ${(e as Error).message}`);
  }
}

/** parseModulesIndex checks index/modules.json's shape. */
export function parseModulesIndex(x: unknown, where: string): ModuleIndexEntry[] {
  if (!Array.isArray(x)) throw new OsvFormatError(where, 'not a JSON list of modules');
  for (const m of x) {
    if (typeof m !== 'object' || m === null || typeof m.path !== 'string' || !Array.isArray(m.vulns) || m.vulns.some((v: { id?: unknown }) => typeof v?.id !== 'string')) {
      throw new OsvFormatError(where, `bad module record ${JSON.stringify(m).slice(0, 120)}`);
    }
  }
  return x as ModuleIndexEntry[];
}

/** parseDbMeta reads index/db.json's modified time. */
export function parseDbMeta(x: unknown, where: string): { modified?: string } {
  if (typeof x !== 'object' || x === null) throw new OsvFormatError(where, 'not a JSON object');
  const m = (x as { modified?: unknown }).modified;
  if (m !== undefined && typeof m !== 'string') throw new OsvFormatError(where, 'modified is not a time');
  return m === undefined ? {} : { modified: m };
}
