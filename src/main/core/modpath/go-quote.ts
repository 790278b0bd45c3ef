/*
 * Go's %q formatting (strconv.Quote / strconv.QuoteRune), so that error texts that embed a quoted
 * path, version or character are byte-for-byte what the go command prints.
 */

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols, and the ASCII space only.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** isGoPrint reports whether Go's strconv.IsPrint would print the code point unescaped. */
export function isGoPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeCodePoint(cp: number, quote: string): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (isGoPrint(cp)) return ch;
  switch (cp) {
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
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  // A lone surrogate cannot come from valid UTF-8; Go would have decoded it as U+FFFD.
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** goQuote formats s as Go's %q verb (strconv.Quote) does for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeCodePoint(ch.codePointAt(0)!, '"');
  return `${out}"`;
}

/** goQuoteRune formats one code point as Go's %q verb (strconv.QuoteRune) does for a rune. */
export function goQuoteRune(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const r = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
  return `'${escapeCodePoint(r, "'")}'`;
}
