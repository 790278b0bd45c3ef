/*
 * strconv.Unquote, on the UTF-8 bytes as Go works, for go.mod's quoted strings.
 */

import { decodeGoBytes, encodeGoBytes, runeAt, utf8Len, validRune } from './utf8';

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
