/*
 * Go string primitives, against answers taken from Go 1.26 (strconv, strings, utf8).
 */

import { describe, expect, it } from 'vitest';
import { goQuote, goQuoteRune } from './go-quote';
import { goFields, goTrimSpace } from './go-space';
import { compareGoStrings } from './go-string-order';
import { goUnquote } from './go-unquote';
import { decodeGoBytes, encodeGoBytes } from './utf8';

const raw = (...bytes: number[]): string => decodeGoBytes(Uint8Array.from(bytes));

describe('goUnquote (strconv.Unquote)', () => {
  it.each([
    ['"\\x41"', 'A'],
    ['"\\377"', raw(0xff)],
    ['"\\xff"', raw(0xff)],
    ['"a\'b"', "a'b"],
    ['"é"', 'é'],
    [`"${raw(0xff)}"`, '\ufffd'],
    ['"\\u00e9"', 'é'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\x07\b\f\n\r\t\v\\"'],
  ])('%j -> %j', (input, want) => {
    expect(goUnquote(input)).toBe(want);
  });

  it.each(['"\\400"', '"\\ud800"', '"\\U00110000"', '"a\\\'b"', '"a', '"\\q"', '"a\nb"', '"\\"', '"a"b"', '"\\x4"'])(
    '%j is invalid syntax',
    (input) => {
      expect(() => goUnquote(input)).toThrow('invalid syntax');
    },
  );
});

describe('goQuote / goQuoteRune (strconv.Quote / QuoteRune)', () => {
  it.each([
    [raw(0xff), '"\\xff"'],
    ['\u00a0', '"\\u00a0"'],
    ['é', '"é"'],
    ['\x7f', '"\\x7f"'],
    ['\u{E0001}', '"\\U000e0001"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\u0085', '"\\u0085"'],
    ['\ufeff', '"\\ufeff"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\u{1F600}', '"\u{1F600}"'],
    ['\u0301', '"\u0301"'],
    ['\x00\x07\x7f\u00ad\u2028é😀', '"\\x00\\a\\x7f\\u00ad\\u2028é😀"'],
  ])('quote %j', (input, want) => {
    expect(goQuote(input)).toBe(want);
  });

  it.each([
    [0, "'\\x00'"],
    [0xa0, "'\\u00a0'"],
    [0xfeff, "'\\ufeff'"],
    [0x0b, "'\\v'"],
    [0x7f, "'\\x7f'"],
    [0xe0001, "'\\U000e0001'"],
    [0x10ffff, "'\\U0010ffff'"],
    [0x78, "'x'"],
    [0x27, "'\\''"],
    [0x22, "'\"'"],
    [0xd800, "'\ufffd'"],
  ])('quoteRune %d', (r, want) => {
    expect(goQuoteRune(r)).toBe(want);
  });
});

describe('bytes, spaces and order', () => {
  it('keeps invalid UTF-8 through a round trip', () => {
    const bytes = Uint8Array.from([0x61, 0xff, 0xc3, 0xa9, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82]);
    const s = decodeGoBytes(bytes);
    expect(s.slice(0, 3)).toBe(`a${raw(0xff)}é`);
    expect(Array.from(encodeGoBytes(s))).toEqual(Array.from(bytes));
  });

  it('trims and splits on Unicode spaces, not on U+FEFF', () => {
    expect(goTrimSpace('\u00a0\u2028 x \u3000\u0085')).toBe('x');
    expect(goTrimSpace('\ufeffx\ufeff')).toBe('\ufeffx\ufeff');
    expect(goFields(' a\u2000b\tc \u205f')).toEqual(['a', 'b', 'c']);
  });

  it('compares by UTF-8 bytes', () => {
    expect(compareGoStrings('\uffff', '\u{10000}')).toBe(-1);
    expect(compareGoStrings('a', 'ab')).toBe(-1);
    expect(compareGoStrings(raw(0xff), '\u{10000}')).toBe(1);
  });

  it('compares like the bytes for strings that part anywhere, in any script', () => {
    // Pieces that share prefixes and mix ASCII, two- and three-byte characters, surrogate pairs,
    // lone surrogates and raw bytes, so that strings part at every kind of boundary.
    const pieces = ['a', 'b', 'z', '/', '.', '\u00e9', '\u00ff', '\uffff', '\ue000', '\u{10000}', '\ud800', '\udc00', raw(0x80), raw(0xff), ''];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string => Array.from({ length: next(5) }, () => pieces[next(pieces.length)]!).join('');
    const bytesOrder = (a: string, b: string): number => Math.sign(Buffer.compare(Buffer.from(encodeGoBytes(a)), Buffer.from(encodeGoBytes(b))));
    for (let k = 0; k < 20000; k++) {
      const shared = word();
      const a = shared + word();
      const b = shared + word();
      expect([a, b, compareGoStrings(a, b)]).toEqual([a, b, bytesOrder(a, b)]);
    }
  });
});
