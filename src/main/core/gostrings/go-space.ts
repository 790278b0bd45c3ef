/*
 * Go's white space: unicode.IsSpace, strings.TrimSpace and strings.Fields. The go.mod lexer and
 * go's message trimming are defined in terms of these, and JavaScript's \s and trim() differ
 * (they take U+FEFF, Go does not).
 */

import { runeAt } from './utf8';

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
