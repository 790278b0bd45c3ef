/**
 * Package gojson: what Go's encoding/json says about a document, where gomodx must say the
 * same (a proxy's .info answer that is not valid JSON, or whose Version is not a string).
 *
 * Domain rules: the syntax check is encoding/json's scanner, byte by byte, with its messages
 * ("invalid character 'x' looking for beginning of value", "unexpected end of JSON input");
 * a character is quoted as Go quotes the byte as a rune. Struct fields match keys
 * case-insensitively, the last one in the object winning.
 */
import { goQuote } from '../gostrings/go-quote';

/** quoteChar is encoding/json's quoteChar: one byte, quoted as a rune in single quotes. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const s = goQuote(String.fromCodePoint(c));
  return "'" + s.slice(1, -1) + "'";
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** goJsonSyntaxError returns encoding/json's error for data, or undefined when it is valid JSON. */
export function goJsonSyntaxError(data: Uint8Array): string | undefined {
  let i = 0;
  const n = data.length;
  const bad = (ctx: string): string => `invalid character ${quoteChar(data[i]!)} ${ctx}`;
  const EOF = 'unexpected end of JSON input';
  const skip = (): void => {
    while (i < n && isSpace(data[i]!)) i++;
  };
  // Each parser returns an error text or undefined; i is left after the value.
  const literal = (word: string): string | undefined => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (i >= n) return EOF;
      if (data[i] !== word.charCodeAt(k)) return bad(`in literal ${word} (expecting ${quoteChar(word.charCodeAt(k))})`);
    }
    i++;
    return undefined;
  };
  const string = (): string | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return EOF;
      const c = data[i]!;
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        i++;
        if (i >= n) return EOF;
        const e = data[i]!;
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= n) return EOF;
            if (!isHex(data[i]!)) return bad('in \\u hexadecimal character escape');
          }
          i++;
          continue;
        }
        if (!'btnfr\\/"'.includes(String.fromCharCode(e))) return bad('in string escape code');
        i++;
        continue;
      }
      if (c < 0x20) return bad('in string literal');
      i++;
    }
  };
  const number = (): string | undefined => {
    if (data[i] === 0x2d) {
      i++;
      if (i >= n) return EOF;
      if (!isDigit(data[i]!)) return bad('in numeric literal');
    }
    if (data[i] === 0x30) i++;
    else while (i < n && isDigit(data[i]!)) i++;
    if (i < n && data[i] === 0x2e) {
      i++;
      if (i >= n) return EOF;
      if (!isDigit(data[i]!)) return bad('after decimal point in numeric literal');
      while (i < n && isDigit(data[i]!)) i++;
    }
    if (i < n && (data[i] === 0x65 || data[i] === 0x45)) {
      i++;
      if (i < n && (data[i] === 0x2b || data[i] === 0x2d)) i++;
      if (i >= n) return EOF;
      if (!isDigit(data[i]!)) return bad('in exponent of numeric literal');
      while (i < n && isDigit(data[i]!)) i++;
    }
    return undefined;
  };
  const value = (depth: number): string | undefined => {
    skip();
    if (i >= n) return EOF;
    if (depth > 10000) return 'exceeded max depth';
    const c = data[i]!;
    if (c === 0x7b) {
      i++;
      skip();
      if (i >= n) return EOF;
      if (data[i] === 0x7d) {
        i++;
        return undefined;
      }
      for (;;) {
        skip();
        if (i >= n) return EOF;
        if (data[i] !== 0x22) return bad('looking for beginning of object key string');
        const e1 = string();
        if (e1) return e1;
        skip();
        if (i >= n) return EOF;
        if (data[i] !== 0x3a) return bad('after object key');
        i++;
        const e2 = value(depth + 1);
        if (e2) return e2;
        skip();
        if (i >= n) return EOF;
        if (data[i] === 0x2c) {
          i++;
          continue;
        }
        if (data[i] === 0x7d) {
          i++;
          return undefined;
        }
        return bad('after object key:value pair');
      }
    }
    if (c === 0x5b) {
      i++;
      skip();
      if (i >= n) return EOF;
      if (data[i] === 0x5d) {
        i++;
        return undefined;
      }
      for (;;) {
        const e = value(depth + 1);
        if (e) return e;
        skip();
        if (i >= n) return EOF;
        if (data[i] === 0x2c) {
          i++;
          continue;
        }
        if (data[i] === 0x5d) {
          i++;
          return undefined;
        }
        return bad('after array element');
      }
    }
    if (c === 0x22) return string();
    if (c === 0x2d || isDigit(c)) return number();
    if (c === 0x74) return literal('true');
    if (c === 0x66) return literal('false');
    if (c === 0x6e) return literal('null');
    return bad('looking for beginning of value');
  };
  const err = value(0);
  if (err) return err;
  skip();
  if (i < n) return bad('after top-level value');
  return undefined;
}

/** jsonKind names a decoded value's kind as encoding/json's UnmarshalTypeError does. */
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** RevInfoJson is the part of modfetch.RevInfo gomodx reads. */
export interface RevInfoJson {
  readonly version: string;
  readonly time: string;
}

/**
 * decodeRevInfo decodes a .info document as json.Unmarshal into modfetch.RevInfo does, throwing
 * go's error text (syntax, or a Version that is not a string).
 */
export function decodeRevInfo(data: Uint8Array): RevInfoJson {
  const syntax = goJsonSyntaxError(data);
  if (syntax) throw new Error(syntax);
  const v: unknown = JSON.parse(new TextDecoder().decode(data));
  if (v === null) return { version: '', time: '' };
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`json: cannot unmarshal ${jsonKind(v)} into Go value of type modfetch.RevInfo`);
  let version = '';
  let time = '';
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const low = k.toLowerCase();
    if (low === 'version') {
      if (val === null) continue;
      if (typeof val !== 'string') throw new Error(`json: cannot unmarshal ${jsonKind(val)} into Go struct field RevInfo.Version of type string`);
      version = val;
    } else if (low === 'time' && typeof val === 'string') time = val;
  }
  return { version, time };
}
