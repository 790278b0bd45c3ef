/*
 * Package output prints what the go command prints. Go's encoding/json differs from
 * JSON.stringify in ways that matter to a byte-exact diff: it escapes <, > and & (HTML-safe),
 * U+2028 and U+2029, and indents with json.MarshalIndent's layout.
 */

/** goJsonString encodes s as Go's encoding/json encodes a string. */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate stands for invalid UTF-8, which Go replaces with U+FFFD.
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else out += '\\ufffd';
    } else out += ch;
  }
  return out + '"';
}

/** GoJsonValue is a value in the shape Go would marshal: objects keep their key order. */
export type GoJsonValue = string | number | boolean | null | GoJsonValue[] | { [key: string]: GoJsonValue | undefined };

/** marshalIndent is json.MarshalIndent(v, prefix="", indent="\t"); undefined fields are omitted. */
export function marshalIndent(v: GoJsonValue, indent = '\t', depth = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const pad = indent.repeat(depth + 1);
  const closePad = indent.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => pad + marshalIndent(x, indent, depth + 1)).join(',\n') + '\n' + closePad + ']';
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
