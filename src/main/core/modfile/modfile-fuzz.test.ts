/*
 * Differential mutation fuzzing against the go command: valid go.mod / go.work files are mutated
 * (tokens and lines deleted, duplicated, swapped; quotes, parentheses, comment markers, odd
 * versions, bad paths, upper case, unicode, BOM, CR and invalid UTF-8 inserted), and for every
 * mutant our parser and `go mod edit` / `go work edit` must agree on accepting it, on the -json
 * and -print output when both accept, and on the exact error text when both refuse.
 *
 * Deterministic: MODFILE_FUZZ_SEEDS (comma-separated) and MODFILE_FUZZ_COUNT (mutants per seed)
 * choose the run; a failure prints the seed, the mutant and both outputs.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPrng, type Prng } from '../../../../test/helpers/universe/prng';
import { modEditOutput, workEditOutput, type EditOutput } from './edit-json';
import { goAvailable, runGoEditBatch, type EditJob } from './go-edit-oracle.test-helper';
import { decodeGoBytes, encodeGoBytes } from './go-text';

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
  'master', 'v0.0.0-20230101000000-abcdefabcdef', 'v1.2.3.4', 'V1.2.3', 'v01.2.3',
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

interface Mutant {
  readonly seed: number;
  readonly kind: 'mod' | 'work';
  readonly data: Uint8Array;
}

function makeMutants(seed: number, count: number): Mutant[] {
  const p = createPrng(seed);
  const out: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    const base = p.pick(seedFiles);
    let text = base.text;
    const n = p.int(1, 3);
    for (let k = 0; k < n; k++) text = mutateOnce(p, text);
    out.push({ seed, kind: base.kind, data: encodeGoBytes(text) });
  }
  return out;
}

function ours(m: Mutant, mode: 'json' | 'print'): EditOutput {
  return m.kind === 'mod' ? modEditOutput('go.mod', m.data, mode) : workEditOutput('go.work', m.data, mode);
}

const seeds = (process.env.MODFILE_FUZZ_SEEDS ?? '1,2,3').split(',').map((s) => Number(s.trim()));
const perSeed = Number(process.env.MODFILE_FUZZ_COUNT ?? '140');

describe.skipIf(!goAvailable())('modfile mutation fuzzing against the go command', () => {
  it(`agrees with go on ${seeds.length * perSeed} mutants (seeds ${seeds.join(',')})`, async () => {
    const mutants = seeds.flatMap((s) => makeMutants(s, perSeed));
    const jobs: EditJob[] = mutants.flatMap((m) => [
      { kind: m.kind, data: m.data, mode: 'json' as const },
      { kind: m.kind, data: m.data, mode: 'print' as const },
    ]);
    const runs = await runGoEditBatch(jobs, 2);

    const failures: string[] = [];
    let accepted = 0;
    runs.forEach((run, i) => {
      const m = mutants[Math.floor(i / 2)]!;
      const mode = jobs[i]!.mode;
      const got = ours(m, mode);
      const want: EditOutput = { exitCode: run.exitCode === 0 ? 0 : 1, stdout: run.stdout, stderr: run.stderr };
      if (want.exitCode === 0 && mode === 'json') accepted++;
      if (got.exitCode === want.exitCode && got.stdout === want.stdout && got.stderr === want.stderr) return;
      const what =
        got.exitCode !== want.exitCode
          ? `go ${want.exitCode === 0 ? 'accepts' : 'refuses'}, we ${got.exitCode === 0 ? 'accept' : 'refuse'}`
          : 'outputs differ';
      failures.push(
        [
          `seed ${m.seed}, ${m.kind} mutant #${Math.floor(i / 2)} -${mode}: ${what}`,
          `  input: ${JSON.stringify(decodeGoBytes(m.data))}`,
          `  go    stdout: ${JSON.stringify(want.stdout)}`,
          `  ours  stdout: ${JSON.stringify(got.stdout)}`,
          `  go    stderr: ${JSON.stringify(want.stderr)}`,
          `  ours  stderr: ${JSON.stringify(got.stderr)}`,
        ].join('\n'),
      );
    });
    if (process.env.MODFILE_FUZZ_STATS === '1') {
      const kinds = new Map<string, number>();
      for (const run of runs) {
        const key = run.exitCode === 0 ? 'accepted' : run.stderr.split('\n')[1]!.replace(/^go\.(mod|work):[\d:]+ /, '').slice(0, 40);
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
      }
      console.log([...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}\t${k}`).join('\n'));
    }
    // Both sides of the language must be exercised, or the fuzzer proves little.
    expect(accepted).toBeGreaterThan(mutants.length / 10);
    expect(accepted).toBeLessThan(mutants.length * 0.9);
    expect(failures.slice(0, 10).join('\n\n') + (failures.length > 10 ? `\n... ${failures.length} in all` : '')).toBe('');
  });
});

describe.runIf(!goAvailable())('modfile mutation fuzzing', () => {
  it.skip('needs the go command at /usr/local/go/bin/go (or GOMODX_GO) to compare against', () => {});
});
