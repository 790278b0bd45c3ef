/*
 * strings.Compare: Go orders strings by their UTF-8 bytes. JavaScript's `<` orders UTF-16 code
 * units, which disagrees where a surrogate pair (a code point above U+FFFF) meets U+E000..U+FFFF,
 * and where a surrogate-escaped invalid byte (see utf8.ts) meets anything non-ASCII.
 */

import { encodeGoBytes } from './utf8';

function isSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdfff;
}

/** compareGoStrings is strings.Compare: byte-wise order of the UTF-8 encodings. */
export function compareGoStrings(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const n0 = Math.min(a.length, b.length);
  let i = 0;
  while (i < n0 && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Where the equal prefix does not end inside a surrogate pair, it encodes to equal bytes, and two
  // differing code points of the Basic Multilingual Plane (surrogates aside) encode in code point
  // order: no encoding needed, which is every comparison of module paths and versions.
  if (i === 0 || !isSurrogate(a.charCodeAt(i - 1))) {
    if (i === n0) return a.length < b.length ? -1 : 1;
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (!isSurrogate(ca) && !isSurrogate(cb)) return ca < cb ? -1 : 1;
  }
  const ab = encodeGoBytes(a);
  const bb = encodeGoBytes(b);
  const n = Math.min(ab.length, bb.length);
  for (let k = 0; k < n; k++) {
    if (ab[k] !== bb[k]) return ab[k]! < bb[k]! ? -1 : 1;
  }
  if (ab.length === bb.length) return 0;
  return ab.length < bb.length ? -1 : 1;
}
