/*
 * Go's strings as bytes: UTF-8 decoding (utf8.DecodeRune), len(s), and the round trip between
 * bytes and the JavaScript strings the rest of gomodx works with.
 *
 * Go strings are bytes and may hold invalid UTF-8; JavaScript strings cannot. Text that came from
 * bytes is therefore carried with each invalid byte b (always >= 0x80) stored as the lone surrogate
 * U+DC00+b ("surrogate escape"), so that it survives a round trip and every function in this folder
 * can treat it as Go would treat the raw byte: one byte long, decoding to U+FFFD.
 */

/** RUNE_ERROR is utf8.RuneError, what Go decodes an invalid byte to. */
export const RUNE_ERROR = 0xfffd;

/** RuneInfo is a decoded rune: Go's value for it, and how long it is in the JS string and in UTF-8 bytes. */
export interface RuneInfo {
  readonly rune: number;
  readonly units: number;
  readonly bytes: number;
  /** True for an invalid byte (a lone surrogate): Go's DecodeRune returns (RuneError, 1). */
  readonly invalid: boolean;
}

/** isHighSurrogate reports whether UTF-16 unit u opens a surrogate pair. */
export function isHighSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

/** isLowSurrogate reports whether UTF-16 unit u closes a surrogate pair. */
export function isLowSurrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

/** utf8Len is utf8.RuneLen for a valid code point. */
export function utf8Len(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/** validRune is utf8.ValidRune. */
export function validRune(r: number): boolean {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
}

/** runeAt decodes the rune starting at UTF-16 index i of s (which must be < s.length). */
export function runeAt(s: string, i: number): RuneInfo {
  const u = s.charCodeAt(i);
  if (isHighSurrogate(u) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
    const cp = ((u - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
    return { rune: cp, units: 2, bytes: 4, invalid: false };
  }
  if (u >= 0xd800 && u <= 0xdfff) return { rune: RUNE_ERROR, units: 1, bytes: 1, invalid: true };
  return { rune: u, units: 1, bytes: utf8Len(u), invalid: false };
}

/** byteLength is len(s) in Go: the UTF-8 length, counting an escaped invalid byte as one. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const r = runeAt(s, i);
    n += r.bytes;
    i += r.units;
  }
  return n;
}

/**
 * decodeGoBytes turns bytes into the string form used here: valid UTF-8 decoded, each byte that
 * Go's utf8.DecodeRune would reject kept as a surrogate escape.
 */
export function decodeGoBytes(b: Uint8Array): string {
  let out = '';
  let i = 0;
  const n = b.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => k < n && b[k]! >= lo && b[k]! <= hi;
  while (i < n) {
    const b0 = b[i]!;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    }
    let cp = -1;
    let size = 1;
    if (b0 >= 0xc2 && b0 <= 0xdf && cont(i + 1)) {
      cp = ((b0 & 0x1f) << 6) | (b[i + 1]! & 0x3f);
      size = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (cont(i + 1, lo, hi) && cont(i + 2)) {
        cp = ((b0 & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
        size = 3;
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3)) {
        cp = ((b0 & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
        size = 4;
      }
    }
    if (cp < 0) {
      out += String.fromCharCode(0xdc00 + b0);
      i++;
    } else {
      out += String.fromCodePoint(cp);
      i += size;
    }
  }
  return out;
}

/** encodeGoBytes is the inverse of decodeGoBytes: escaped invalid bytes become raw bytes again. */
export function encodeGoBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const r = runeAt(s, i);
    const u = s.charCodeAt(i);
    i += r.units;
    if (r.invalid) {
      if (u >= 0xdc80 && u <= 0xdcff) out.push(u - 0xdc00);
      else out.push(0xef, 0xbf, 0xbd);
      continue;
    }
    const cp = r.rune;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}
