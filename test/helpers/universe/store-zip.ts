// Module zips for the fake proxies: only the file contents matter (go.sum hashes them, not the
// archive), but the archive must be well formed and reproducible, so entries are stored with a
// fixed timestamp.
import { zipSync, type Zippable } from 'fflate';

/** ZIP_TIME is the timestamp of every entry (1980-01-01, the earliest a zip can hold). */
const ZIP_TIME = new Date(1980, 0, 1);

/** storeZip builds a ZIP archive holding the given files uncompressed, with a fixed timestamp. */
export function storeZip(files: ReadonlyArray<{ name: string; data: string | Uint8Array }>): Buffer {
  const tree: Zippable = {};
  for (const f of files) tree[f.name] = [typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data, { level: 0, mtime: ZIP_TIME }];
  return Buffer.from(zipSync(tree));
}
