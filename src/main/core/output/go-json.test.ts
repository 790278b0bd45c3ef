/*
 * Go's encoding/json output, against answers taken from Go 1.26.
 */

import { describe, expect, it } from 'vitest';
import { decodeGoBytes } from '../gostrings/utf8';
import { goJsonString, marshalIndent as goMarshalIndent } from './go-json';

const raw = (...bytes: number[]): string => decodeGoBytes(Uint8Array.from(bytes));

describe('Go JSON', () => {
  it('escapes like encoding/json with HTML escaping', () => {
    expect(goJsonString(`<>&\u2028\u2029\x00\x7f${raw(0xff)}\b\f\n\r\t"\\é\u{1F600}\x1f`)).toBe(
      '"\\u003c\\u003e\\u0026\\u2028\\u2029\\u0000\x7f\\ufffd\\b\\f\\n\\r\\t\\"\\\\é\u{1F600}\\u001f"',
    );
  });

  it('indents like json.MarshalIndent(v, "", "\\t")', () => {
    expect(goMarshalIndent({ A: null, B: [], C: {}, D: [{ E: true }, 'x'] })).toBe(
      '{\n\t"A": null,\n\t"B": [],\n\t"C": {},\n\t"D": [\n\t\t{\n\t\t\t"E": true\n\t\t},\n\t\t"x"\n\t]\n}',
    );
  });
});
