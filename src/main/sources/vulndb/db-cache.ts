/**
 * The vulnerability database's home in GOMODX_CACHE: one directory per origin, holding what was
 * fetched and a meta.json saying when. Every file is written whole (a temporary file renamed
 * over it), so an interrupted or failed refresh leaves the previous copy as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DbState } from '../../core/vuln/db-age';

/** CacheMeta is meta.json: the database state plus what identifies the copy. */
export interface CacheMeta extends DbState {
  /** version is the golang.org/x/vulndb module version of a proxy copy. */
  readonly version?: string;
  /** zipHash is that module zip's h1: hash, as go.sum would record it. */
  readonly zipHash?: string;
}

/** cacheDirFor is the directory that holds the copy of origin. */
export function cacheDirFor(gomodxCache: string, origin: string): string {
  const key = createHash('sha256').update(origin).digest('hex').slice(0, 16);
  return join(gomodxCache, 'vulndb', key);
}

/** writeWhole writes file through a temporary sibling and a rename. */
export async function writeWhole(file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new Error(`writing the vulnerability database cache ${file}: ${(e as Error).message}`);
  }
}

/** readJson reads a JSON file of the cache, or undefined when it is missing or unreadable. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
