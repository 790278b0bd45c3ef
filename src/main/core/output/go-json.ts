/*
 * Package output prints what the go command prints. Go's encoding/json differs from
 * JSON.stringify in ways that matter to a byte-exact diff: it escapes <, > and & (HTML-safe),
 * U+2028 and U+2029, and indents with json.MarshalIndent's layout.
 */

const HEX = '0123456789abcdef';

/**
 * goJsonString encodes s as Go's encoder does with HTML escaping on; invalid UTF-8 (kept as
 * lone surrogates by our decoder) becomes \ufffd.
 */
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

/** GoJsonValue is a value in the shape Go would marshal: objects keep their key order. */
export type GoJsonValue = string | number | boolean | null | readonly GoJsonValue[] | { readonly [key: string]: GoJsonValue | undefined };

/** marshalIndent is json.MarshalIndent(v, prefix="", indent="\t"); undefined fields are omitted. */
export function marshalIndent(v: GoJsonValue, indent = '\t', depth = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const pad = indent.repeat(depth + 1);
  const closePad = indent.repeat(depth);
  if (Array.isArray(v)) {
    const items = v as readonly GoJsonValue[];
    if (items.length === 0) return '[]';
    return '[\n' + items.map((x) => pad + marshalIndent(x, indent, depth + 1)).join(',\n') + '\n' + closePad + ']';
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined) as [string, GoJsonValue][];
  if (entries.length === 0) return '{}';
  return '{\n' + entries.map(([k, x]) => `${pad}${goJsonString(k)}: ${marshalIndent(x, indent, depth + 1)}`).join(',\n') + '\n' + closePad + '}';
}

/**
 * goTimeJson re-encodes an RFC 3339 time as Go's time.Time MarshalJSON does after parsing it:
 * fractional seconds lose trailing zeros, and the zone is kept as given.
 */
export function goTimeJson(t: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/i.exec(t);
  if (!m) return t;
  const frac = (m[2] ?? '').slice(0, 9).replace(/0+$/, '');
  const zone = m[3].toUpperCase() === 'Z' ? 'Z' : m[3];
  return `${m[1]}${frac ? '.' + frac : ''}${zone}`;
}
