/*
 * Test support (not shipped): a seeded mutator of go.mod / go.work files for the differential
 * fuzz tests. Mutants start from the valid inputs in testdata/ and get 1 to 3 random mutations.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { createPrng, type Prng } from '../../../../test/helpers/universe/prng';
import { decodeGoBytes, encodeGoBytes } from '../gostrings/utf8';

const testdata = new URL('./testdata/', import.meta.url);

const seedFiles = readdirSync(testdata)
  .filter((n) => (n.endsWith('.mod') || n.endsWith('.work')) && !n.startsWith('err-'))
  .sort()
  .map((name) => ({
    kind: name.endsWith('.work') ? ('work' as const) : ('mod' as const),
    text: decodeGoBytes(new Uint8Array(readFileSync(new URL(name, testdata)))),
  }));

// Things worth inserting: grammar characters, directive words, versions good and bad, paths good
// and bad, and characters the lexer treats specially. "\udcff" and "\udcc3" are invalid bytes.
const PALETTE = [
  '"', "'", '`', '(', ')', '[', ']', '{', '}', ',', '/*', '*/', '//', '// indirect', '// indirect; x',
  '\n', '\r', '\r\n', '\t', ' ', '\\', '=>', '=', '@', '\n)\n', '(\n', ' (', ' )',
  'module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore', 'use',
  'v1', 'v1.2', 'v1.2.3', 'v2.0.0', 'v1.0.0+incompatible', 'v2.3.4+incompatible', 'v1.2.3-pre', 'v1.2.3+meta',
  'master', 'bad', 'xv1', 'v0.0.0-20230101000000-abcdefabcdef', 'v1.2.3.4', 'V1.2.3', 'v01.2.3',
  '1.21', '1.21.0', '1.21rc1', '1.21.0.0', 'v1.21', '1.21-x', 'go1.21', 'go1.22.1', 'default', 'gox',
  'example.com/Upper', 'example.com/x/v2', 'example.com/x/v1', 'example.com/x/v2.0', 'gopkg.in/x.v1',
  'gopkg.in/x.v2-unstable', 'gopkg.in/x', '../dir', './d', '/abs', 'C:\\dir', '.\\win', 'a b',
  '[v1.0.0, v1.1.0]', '[v1.0.0,', 'v1.0.0]', 'Deprecated: ', '\n// Deprecated: gone\n',
  'key=value', 'k=', '=v', '"\\x"', '"\\u00e9"', '"\\xff"', '"a\\"b"', '"\\400"', '"\\U0010FFFF"', '"\\ud800"',
  'é', 'Ü', 'ß', '日本', '\u{1F600}', '\u00a0', '\u2028', '\u0085', '\ufeff', '\u0000', '\u000b', '\u000c',
  '\u007f', '\u200b', '\u0301', '\udcff', '\udcc3', '\u{E0001}', '\u{31350}',
];

/** Splits text into runs of non-space and runs of space, so tokens can be edited. */
function chunks(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function mutateOnce(p: Prng, text: string): string {
  const lines = text.split('\n');
  const pos = (): number => p.int(0, text.length);
  switch (p.int(0, 13)) {
    case 0: {
      // delete a token
      const c = chunks(text);
      if (c.length === 0) return text;
      c.splice(p.int(0, c.length - 1), 1);
      return c.join('');
    }
    case 1: {
      // duplicate a token
      const c = chunks(text);
      if (c.length === 0) return text;
      const i = p.int(0, c.length - 1);
      c.splice(i, 0, c[i]!, ' ');
      return c.join('');
    }
    case 2: {
      // swap two tokens
      const c = chunks(text);
      if (c.length < 2) return text;
      const i = p.int(0, c.length - 1);
      const j = p.int(0, c.length - 1);
      [c[i], c[j]] = [c[j]!, c[i]!];
      return c.join('');
    }
    case 3:
      lines.splice(p.int(0, lines.length - 1), 1);
      return lines.join('\n');
    case 4: {
      const i = p.int(0, lines.length - 1);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 5: {
      const i = p.int(0, lines.length - 1);
      const j = p.int(0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 6:
    case 7:
    case 8: {
      const at = pos();
      return text.slice(0, at) + p.pick(PALETTE) + text.slice(at);
    }
    case 9: {
      // replace a token by something from the palette
      const c = chunks(text);
      const idx = c.map((s, i) => (/\s/.test(s) ? -1 : i)).filter((i) => i >= 0);
      if (idx.length === 0) return text;
      c[p.pick(idx)] = p.pick(PALETTE);
      return c.join('');
    }
    case 10: {
      // upper-case a stretch
      const a = pos();
      const b = Math.min(text.length, a + p.int(1, 12));
      return text.slice(0, a) + text.slice(a, b).toUpperCase() + text.slice(b);
    }
    case 11:
      return p.chance(0.5) ? `\ufeff${text}` : text.replace(/\n/g, p.chance(0.5) ? '\r\n' : '\n\r');
    case 12: {
      // delete a character range
      const a = pos();
      return text.slice(0, a) + text.slice(Math.min(text.length, a + p.int(1, 3)));
    }
    default: {
      // turn a line into a block or a block line into a line
      const i = p.int(0, lines.length - 1);
      const words = lines[i]!.trim().split(/\s+/);
      if (words.length >= 2 && p.chance(0.5)) {
        lines[i] = `${words[0]} (\n\t${words.slice(1).join(' ')}\n)`;
      } else {
        lines[i] = `require ${lines[i]}`;
      }
      return lines.join('\n');
    }
  }
}

const SOUP_WORDS = ['module', 'require', 'replace', 'exclude', 'retract', 'go', 'toolchain', 'godebug', 'tool', 'ignore', 'use'];

/**
 * tokenSoup builds a file from scratch out of directive words and palette items, in lines and
 * blocks, with comments here and there: dense in the lexer's and parser's corner cases.
 */
function tokenSoup(p: Prng): string {
  const lines: string[] = [];
  const n = p.int(1, 10);
  const sep = (): string => p.pick([' ', ' ', '\t', '  ', ' \t ']);
  const words = (k: number): string => Array.from({ length: k }, () => p.pick(PALETTE)).join(sep());
  for (let i = 0; i < n; i++) {
    const comment = p.chance(0.2) ? `${sep()}// ${words(p.int(0, 2))}` : '';
    if (p.chance(0.2)) {
      const inner = Array.from({ length: p.int(0, 4) }, () => `${p.pick(['\t', '', '  '])}${words(p.int(1, 4))}`);
      lines.push(`${p.pick(SOUP_WORDS)} (${comment}`, ...inner, p.pick([')', ') // end', ')x', '  )']));
    } else if (p.chance(0.15)) {
      lines.push(p.pick(['', '// whole line', '//', '  // indented']));
    } else {
      lines.push(`${p.chance(0.7) ? p.pick(SOUP_WORDS) : p.pick(PALETTE)}${sep()}${words(p.int(0, 4))}${comment}`);
    }
  }
  return lines.join(p.chance(0.9) ? '\n' : '\r\n') + (p.chance(0.8) ? '\n' : '');
}

/** Mutant is one mutated file and the seed that made it. */
export interface Mutant {
  readonly seed: number;
  readonly kind: 'mod' | 'work';
  readonly data: Uint8Array;
}

/** makeMutants returns count mutants, a pure function of seed. */
export function makeMutants(seed: number, count: number): Mutant[] {
  const p = createPrng(seed);
  const out: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    if (p.chance(0.12)) {
      out.push({ seed, kind: p.chance(0.8) ? 'mod' : 'work', data: encodeGoBytes(tokenSoup(p)) });
      continue;
    }
    const base = p.pick(seedFiles);
    let text = base.text;
    const n = p.int(1, 3);
    for (let k = 0; k < n; k++) text = mutateOnce(p, text);
    out.push({ seed, kind: base.kind, data: encodeGoBytes(text) });
  }
  return out;
}

