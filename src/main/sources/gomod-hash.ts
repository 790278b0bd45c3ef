import { createHash } from 'node:crypto';

/**
 * goModHash is go.sum's "/go.mod" hash: dirhash.Hash1 over a single file named go.mod, that is
 * base64(sha256("<hex sha256 of data>  go.mod\n")) with an "h1:" prefix.
 */
export function goModHash(data: Uint8Array): string {
  const inner = createHash('sha256').update(data).digest('hex');
  return 'h1:' + createHash('sha256').update(`${inner}  go.mod\n`).digest('base64');
}
