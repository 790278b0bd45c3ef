/*
 * The handful of Go string primitives the go.mod language is defined in terms of (UTF-8 decoding,
 * unicode.IsSpace / IsPrint, strings.TrimSpace / Fields, strconv.Quote / Unquote / QuoteRune, and
 * byte-order comparison), with Go's exact behaviour.
 *
 * Go strings are bytes and may hold invalid UTF-8; JavaScript strings cannot. Text that came from
 * bytes is therefore carried with each invalid byte b (always >= 0x80) stored as the lone surrogate
 * U+DC00+b ("surrogate escape"), so that it survives a round trip and every function here can treat
 * it as Go would treat the raw byte: one byte long, decoding to U+FFFD.
 */

import { isGoPrintRune } from './unicode-print';

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

function isHighSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

function isLowSurrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

function utf8Len(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
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

/** isGoSpace is unicode.IsSpace. */
export function isGoSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return (
    r === 0x1680 ||
    (r >= 0x2000 && r <= 0x200a) ||
    r === 0x2028 ||
    r === 0x2029 ||
    r === 0x202f ||
    r === 0x205f ||
    r === 0x3000
  );
}

/** isGoPrint is unicode.IsPrint (the same set as strconv.IsPrint). */
export function isGoPrint(r: number): boolean {
  return isGoPrintRune(r);
}

/** goTrimSpace is strings.TrimSpace (JavaScript's trim() also strips U+FEFF, Go's does not). */
export function goTrimSpace(s: string): string {
  let start = 0;
  while (start < s.length) {
    const r = runeAt(s, start);
    if (r.invalid || !isGoSpace(r.rune)) break;
    start += r.units;
  }
  let end = s.length;
  while (end > start) {
    // Spaces are all in the BMP, so stepping back one unit is enough to find a trailing one.
    const u = s.charCodeAt(end - 1);
    if (u >= 0xd800 && u <= 0xdfff) break;
    if (!isGoSpace(u)) break;
    end--;
  }
  return s.slice(start, end);
}

/** goFields is strings.Fields: s split around runs of unicode.IsSpace. */
export function goFields(s: string): string[] {
  const out: string[] = [];
  let fieldStart = -1;
  for (let i = 0; i < s.length; ) {
    const r = runeAt(s, i);
    const space = !r.invalid && isGoSpace(r.rune);
    if (space && fieldStart >= 0) {
      out.push(s.slice(fieldStart, i));
      fieldStart = -1;
    } else if (!space && fieldStart < 0) {
      fieldStart = i;
    }
    i += r.units;
  }
  if (fieldStart >= 0) out.push(s.slice(fieldStart));
  return out;
}

const LOWER_HEX = '0123456789abcdef';

function hexDigits(n: number, width: number): string {
  let out = '';
  for (let shift = (width - 1) * 4; shift >= 0; shift -= 4) out += LOWER_HEX[(n >>> shift) & 0xf];
  return out;
}

function validRune(r: number): boolean {
  return r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
}

function escapeRune(r: number, quote: number): string {
  if (r === quote || r === 0x5c) return `\\${String.fromCodePoint(r)}`;
  if (isGoPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${hexDigits(r, 2)}`;
  if (!validRune(r)) r = RUNE_ERROR;
  if (r < 0x10000) return `\\u${hexDigits(r, 4)}`;
  return `\\U${hexDigits(r, 8)}`;
}

/** goQuote is strconv.Quote (and so fmt's %q for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; ) {
    const r = runeAt(s, i);
    const u = s.charCodeAt(i);
    i += r.units;
    if (r.invalid && u >= 0xdc80 && u <= 0xdcff) out += `\\x${hexDigits(u - 0xdc00, 2)}`;
    else out += escapeRune(r.rune, 0x22);
  }
  return `${out}"`;
}

/** goQuoteRune is strconv.QuoteRune (fmt's %q for a rune). */
export function goQuoteRune(r: number): string {
  return `'${escapeRune(validRune(r) ? r : RUNE_ERROR, 0x27)}'`;
}

/** GoSyntaxError is strconv.ErrSyntax. */
export class GoSyntaxError extends Error {
  constructor() {
    super('invalid syntax');
    this.name = 'GoSyntaxError';
  }
}

function unhex(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

function appendRuneBytes(out: number[], cp: number): void {
  for (const b of encodeGoBytes(String.fromCodePoint(cp))) out.push(b);
}

/**
 * goUnquote is strconv.Unquote. It works on the UTF-8 bytes, as Go does, so that \x escapes can
 * produce bytes that are not UTF-8 and invalid input bytes turn into U+FFFD exactly where Go's do.
 */
export function goUnquote(s: string): string {
  const b = encodeGoBytes(s);
  const n = b.length;
  if (n < 2) throw new GoSyntaxError();
  const quote = b[0]!;
  if (quote === 0x60) {
    // A raw string: no escapes, no newlines; carriage returns are dropped.
    if (b[n - 1] !== 0x60) throw new GoSyntaxError();
    const inner = b.subarray(1, n - 1);
    if (inner.includes(0x60) || inner.includes(0x0a)) throw new GoSyntaxError();
    return decodeGoBytes(inner.filter((c) => c !== 0x0d));
  }
  if (quote !== 0x22 && quote !== 0x27) throw new GoSyntaxError();
  const out: number[] = [];
  let i = 1;
  while (i < n && b[i] !== quote) {
    const c = b[i]!;
    if (c === 0x0a) throw new GoSyntaxError();
    if (c >= 0x80) {
      // A literal non-ASCII character is copied as a rune; an invalid byte becomes U+FFFD.
      const r = runeAt(decodeGoBytes(b.subarray(i, Math.min(n, i + 4))), 0);
      appendRuneBytes(out, r.rune);
      i += r.invalid ? 1 : utf8Len(r.rune);
    } else if (c !== 0x5c) {
      out.push(c);
      i++;
    } else {
      if (i + 1 >= n) throw new GoSyntaxError();
      const e = b[i + 1]!;
      i += 2;
      switch (e) {
        case 0x61:
          out.push(0x07);
          break;
        case 0x62:
          out.push(0x08);
          break;
        case 0x66:
          out.push(0x0c);
          break;
        case 0x6e:
          out.push(0x0a);
          break;
        case 0x72:
          out.push(0x0d);
          break;
        case 0x74:
          out.push(0x09);
          break;
        case 0x76:
          out.push(0x0b);
          break;
        case 0x78:
        case 0x75:
        case 0x55: {
          const digits = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
          if (i + digits > n) throw new GoSyntaxError();
          let v = 0;
          for (let j = 0; j < digits; j++) {
            const d = unhex(b[i + j]!);
            if (d < 0) throw new GoSyntaxError();
            v = v * 16 + d;
          }
          i += digits;
          if (e === 0x78) {
            out.push(v);
          } else {
            if (!validRune(v)) throw new GoSyntaxError();
            appendRuneBytes(out, v);
          }
          break;
        }
        case 0x30:
        case 0x31:
        case 0x32:
        case 0x33:
        case 0x34:
        case 0x35:
        case 0x36:
        case 0x37: {
          let v = e - 0x30;
          if (i + 2 > n) throw new GoSyntaxError();
          for (let j = 0; j < 2; j++) {
            const d = b[i + j]! - 0x30;
            if (d < 0 || d > 7) throw new GoSyntaxError();
            v = (v << 3) | d;
          }
          i += 2;
          if (v > 255) throw new GoSyntaxError();
          out.push(v);
          break;
        }
        case 0x5c:
          out.push(0x5c);
          break;
        case 0x27:
        case 0x22:
          if (e !== quote) throw new GoSyntaxError();
          out.push(e);
          break;
        default:
          throw new GoSyntaxError();
      }
    }
    if (quote === 0x27) break;
  }
  if (i >= n || b[i] !== quote) throw new GoSyntaxError();
  if (i + 1 !== n) throw new GoSyntaxError();
  return decodeGoBytes(Uint8Array.from(out));
}

/** compareGoStrings is strings.Compare: byte-wise order of the UTF-8 encodings. */
export function compareGoStrings(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  // Where the strings part at an ASCII character after an ASCII one (or at the start), the
  // equal prefixes encode to equal bytes and the next byte is that character: no encoding.
  const n0 = Math.min(a.length, b.length);
  let i = 0;
  while (i < n0 && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === 0 || a.charCodeAt(i - 1) < 0x80) {
    if (i === n0) return a.length < b.length ? -1 : 1;
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca < 0x80 && cb < 0x80) return ca < cb ? -1 : 1;
  }
  const ab = encodeGoBytes(a);
  const bb = encodeGoBytes(b);
  const n = Math.min(ab.length, bb.length);
  for (let i = 0; i < n; i++) {
    if (ab[i] !== bb[i]) return ab[i]! < bb[i]! ? -1 : 1;
  }
  if (ab.length === bb.length) return 0;
  return ab.length < bb.length ? -1 : 1;
}
