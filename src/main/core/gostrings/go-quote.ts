/*
 * strconv.Quote and strconv.QuoteRune (fmt's %q), so that texts embedding a quoted path, version
 * or character are byte for byte what the go command prints. Printability is Go's own table
 * (unicode-print.ts), not JavaScript's \p{...} classes.
 */

import { isGoPrint } from './unicode-print';
import { RUNE_ERROR, runeAt, validRune } from './utf8';

const LOWER_HEX = '0123456789abcdef';

function hexDigits(n: number, width: number): string {
  let out = '';
  for (let shift = (width - 1) * 4; shift >= 0; shift -= 4) out += LOWER_HEX[(n >>> shift) & 0xf];
  return out;
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
    if (!r.invalid) out += escapeRune(r.rune, 0x22);
    else if (u >= 0xdc80 && u <= 0xdcff) out += `\\x${hexDigits(u - 0xdc00, 2)}`;
    // Any other lone surrogate came from a JavaScript string that never was UTF-8 (a path
    // handed to the checks that reject invalid UTF-8): the escape names the bad spot, where
    // a bare U+FFFD would look like a real replacement character.
    else out += '\\ufffd';
  }
  return `${out}"`;
}

/** goQuoteRune is strconv.QuoteRune (fmt's %q for a rune). */
export function goQuoteRune(r: number): string {
  return `'${escapeRune(validRune(r) ? r : RUNE_ERROR, 0x27)}'`;
}
