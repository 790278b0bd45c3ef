/**
 * The JSON lock files (Godeps.json, vendor/manifest, vendor/vendor.json) read as json.Unmarshal
 * read them into modconv's anonymous structs: the syntax checked first (nothing is read from an
 * invalid document), keys matched to fields case-insensitively (the later key winning), unknown
 * keys ignored, null leaving a field empty, and a value of the wrong kind an error worded as
 * encoding/json words it (the first one found).
 */
import { goJsonSyntaxError, jsonKind } from '../gojson/go-json';
import { encodeGoBytes } from '../gostrings/utf8';
import { LegacyParseError, type LegacyConfig, type LegacyRequire } from './legacy-config';

/** JsonLockShape names the fields a format reads: the list, and each element's path and revision. */
export interface JsonLockShape {
  /** topFields are the top-level string fields the Go struct declares before the list (Godeps: ImportPath). */
  readonly topFields: readonly string[];
  readonly list: string;
  readonly path: string;
  readonly rev: string;
}

function fieldOf(obj: Record<string, unknown>, name: string): unknown {
  let found: unknown;
  const low = name.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === low) found = v;
  return found;
}

/** parseJsonDocument checks data as encoding/json does and parses it; a syntax error throws go's text. */
export function parseJsonDocument(file: string, data: string): unknown {
  const syntax = goJsonSyntaxError(encodeGoBytes(data));
  if (syntax) throw new LegacyParseError(file, 0, syntax);
  return JSON.parse(data) as unknown;
}

/** readJsonLock reads the entries of one JSON lock file. */
export function readJsonLock(file: string, data: string, shape: JsonLockShape): LegacyConfig {
  const elemType = `struct { ${shape.path} string; ${shape.rev} string }`;
  const topType = `struct { ${[...shape.topFields.map((f) => `${f} string`), `${shape.list} []${elemType}`].join('; ')} }`;
  const doc = parseJsonDocument(file, data);
  let firstError: string | undefined;
  const typeError = (v: unknown, field: string, type: string): void => {
    firstError ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field .${field} of type ${type}`;
  };
  const require: LegacyRequire[] = [];
  if (doc === null) return { require, replace: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new LegacyParseError(file, 0, `json: cannot unmarshal ${jsonKind(doc)} into Go value of type ${topType}`);
  }
  const top = doc as Record<string, unknown>;
  for (const f of shape.topFields) {
    const v = fieldOf(top, f);
    if (v !== undefined && v !== null && typeof v !== 'string') typeError(v, f, 'string');
  }
  const list = fieldOf(top, shape.list);
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) typeError(list, shape.list, `[]${elemType}`);
    else {
      for (const el of list) {
        if (el === null) {
          require.push({ path: '', version: '' });
          continue;
        }
        if (typeof el !== 'object' || Array.isArray(el)) {
          typeError(el, shape.list, elemType);
          require.push({ path: '', version: '' });
          continue;
        }
        const str = (name: string): string => {
          const v = fieldOf(el as Record<string, unknown>, name);
          if (v === undefined || v === null) return '';
          if (typeof v !== 'string') {
            typeError(v, `${shape.list}.${name}`, 'string');
            return '';
          }
          return v;
        };
        require.push({ path: str(shape.path), version: str(shape.rev) });
      }
    }
  }
  if (firstError !== undefined) throw new LegacyParseError(file, 0, firstError);
  return { require, replace: [] };
}

/**
 * jsonStringField is what json.Unmarshal into struct{ <name> string } leaves in the field, errors
 * ignored as findModulePath ignored them: "" unless data is valid JSON with a string there.
 */
export function jsonStringField(data: string, name: string): string {
  if (goJsonSyntaxError(encodeGoBytes(data))) return '';
  const doc = JSON.parse(data) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return '';
  const v = fieldOf(doc as Record<string, unknown>, name);
  return typeof v === 'string' ? v : '';
}
