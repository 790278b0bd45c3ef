// go.sum hashes computed independently of the engine under test, so that the proxy trees the
// differential suite writes do not depend on the code they are meant to check.
import { createHash } from 'node:crypto';

/**
 * hash1 computes golang.org/x/mod/sumdb/dirhash.Hash1 over named files.
 *
 * Hash1 is the SHA-256 of a summary: one line "<hex sha256 of file>  <name>\n" per file, in
 * sorted name order; the result is "h1:" plus its standard base64.
 */
export function hash1(files: ReadonlyArray<{ name: string; data: Uint8Array | string }>): string {
  const summary = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`)
    .join('');
  return 'h1:' + createHash('sha256').update(summary).digest('base64');
}

/** goModSum returns the h1: hash of a go.mod file's bytes, as a go.sum "/go.mod" line records it. */
export function goModSum(goMod: Uint8Array | string): string {
  return hash1([{ name: 'go.mod', data: goMod }]);
}
