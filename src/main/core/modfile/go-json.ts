/*
 * Go's encoding/json output for the simple values `go mod edit -json` prints: json.MarshalIndent
 * with a tab indent, HTML-escaped strings (< > & as \u003c \u003e \u0026), U+2028/U+2029
 * escaped, and invalid UTF-8 (surrogate-escaped bytes here) written as \ufffd.
 */

/** GoJsonValue is what goMarshalIndent accepts; object keys are written in insertion order. */
export type GoJsonValue = string | boolean | null | readonly GoJsonValue[] | { readonly [key: string]: GoJsonValue };

const HEX = '0123456789abcdef';

/** goJsonString encodes s as Go's encoder does with HTML escaping on. */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      switch (c) {
        case 0x22:
          out += '\\"';
          break;
        case 0x5c:
          out += '\\\\';
          break;
        case 0x08:
          out += '\\b';
          break;
        case 0x0c:
          out += '\\f';
          break;
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        default:
          if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
          else out += s[i];
      }
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c === 0x2028 || c === 0x2029) out += `\\u202${HEX[c & 0xf]}`;
    else out += s[i];
  }
  return `${out}"`;
}

function encode(v: GoJsonValue, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = `${indent}\t`;
  if (Array.isArray(v)) {
    const items = v as readonly GoJsonValue[];
    if (items.length === 0) return '[]';
    return `[\n${items.map((x) => inner + encode(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as { readonly [key: string]: GoJsonValue });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${goJsonString(k)}: ${encode(x, inner)}`).join(',\n')}\n${indent}}`;
}

/** goMarshalIndent is json.MarshalIndent(v, "", "\t"). */
export function goMarshalIndent(v: GoJsonValue): string {
  return encode(v, '');
}
