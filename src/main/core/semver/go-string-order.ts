/**
 * compareGoStrings orders two strings the way Go's strings.Compare does: by their UTF-8 bytes.
 *
 * JavaScript's `<` compares UTF-16 code units, which disagrees with UTF-8 byte order only when a
 * character above U+FFFF (a surrogate pair) meets one in U+E000..U+FFFF; UTF-8 byte order is
 * code point order, so comparing code points gives Go's answer.
 */
export function compareGoStrings(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const surrA = ca >= 0xd800 && ca <= 0xdfff;
    const surrB = cb >= 0xd800 && cb <= 0xdfff;
    // A surrogate (astral code point) sorts after every BMP code unit in UTF-8 order.
    if (surrA !== surrB) return surrA ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  if (a.length === b.length) return 0;
  return a.length < b.length ? -1 : 1;
}
