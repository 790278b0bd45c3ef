/*
 * Differential test of parsing in the modes `go mod edit` cannot show: lax parsing (ParseLax, used
 * for dependencies' go.mod files) and parsing with a version fixer (used for the main go.mod),
 * plus go.work. Mutants from the fuzzer are parsed by x/mod (through testdata/xmod-driver) and by
 * us; the parsed entries, the formatted file, or the error text must be identical.
 */

import { describe, expect, it } from 'vitest';
import { canonicalVersion, ModuleError } from '../modpath/module-path';
import { ModFileError } from './errors';
import { goAvailable, runXmodDriver, xmodAvailable } from './go-edit-oracle.test-helper';
import { goQuote } from '../gostrings/go-quote';
import { decodeGoBytes } from '../gostrings/utf8';
import { makeMutants } from './modfile-mutator.test-helper';
import { formatSyntax } from './print';
import { parseModFile, parseWorkFile, type VersionFixer } from './rules';

interface ParseCase {
  Mode: 'strict' | 'lax' | 'work';
  Fix: boolean;
  In: string;
}

type ParseResult = Record<string, string | string[] | null>;

/** The driver's fixer, answer for answer: plain error, module error, canonical, or "v"-prefixed. */
const fix: VersionFixer = (path, vers) => {
  if (vers === 'bad') throw new Error(`plain error for ${path}`);
  if (vers.startsWith('x')) throw new ModuleError(path, '', new Error('module error'));
  const cv = canonicalVersion(vers);
  return cv !== '' ? cv : `v${vers}`;
};

// Go's JSON encoder writes each invalid UTF-8 byte as U+FFFD.
function asGoJson(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function list(xs: string[]): string[] | null {
  return xs.length === 0 ? null : xs.map(asGoJson);
}

function modString(m: { path: string; version: string }): string {
  return m.version === '' ? m.path : `${m.path}@${m.version}`;
}

function ours(c: ParseCase): ParseResult {
  const empty: ParseResult = {
    Err: '',
    Module: '',
    Deprecated: '',
    Go: '',
    Toolchain: '',
    Godebug: null,
    Require: null,
    Exclude: null,
    Replace: null,
    Retract: null,
    Tool: null,
    Ignore: null,
    Use: null,
    Out: '',
  };
  const fixer = c.Fix ? fix : undefined;
  try {
    if (c.Mode === 'work') {
      const w = parseWorkFile('go.work', c.In, fixer);
      return {
        ...empty,
        Go: w.go?.version ?? '',
        Toolchain: w.toolchain?.name ?? '',
        Godebug: list(w.godebug.map((g) => `${g.key}=${g.value}`)),
        Use: list(w.use.map((u) => u.path)),
        Replace: list(w.replace.map((r) => `${modString(r.old)} => ${modString(r.new)}`)),
        Out: asGoJson(formatSyntax(w.syntax)),
      };
    }
    const f = parseModFile('go.mod', c.In, { lax: c.Mode === 'lax', fix: fixer });
    return {
      ...empty,
      Module: asGoJson(f.module?.mod.path ?? ''),
      Deprecated: asGoJson(f.module?.deprecated ?? ''),
      Go: f.go?.version ?? '',
      Toolchain: f.toolchain?.name ?? '',
      Godebug: list(f.godebug.map((g) => `${g.key}=${g.value}`)),
      Require: list(f.require.map((r) => `${r.mod.path} ${r.mod.version} ${r.indirect}`)),
      Exclude: list(f.exclude.map((x) => modString(x.mod))),
      Replace: list(f.replace.map((r) => `${modString(r.old)} => ${modString(r.new)}`)),
      Retract: list(f.retract.map((r) => `[${r.low}, ${r.high}] ${goQuote(r.rationale)}`)),
      Tool: list(f.tool.map((t) => t.path)),
      Ignore: list(f.ignore.map((t) => t.path)),
      Out: asGoJson(formatSyntax(f.syntax)),
    };
  } catch (e) {
    if (!(e instanceof ModFileError)) throw e;
    return { ...empty, Err: asGoJson(e.message) };
  }
}

const seeds = (process.env.MODFILE_PARSE_SEEDS ?? '11,12').split(',').map(Number);
const perSeed = Number(process.env.MODFILE_PARSE_COUNT ?? '300');

describe.skipIf(!goAvailable() || !xmodAvailable())('lax, fixer and go.work parsing against the vendored x/mod', () => {
  it(`agrees on ${seeds.length * perSeed} mutants in every mode (seeds ${seeds.join(',')})`, () => {
    const cases: ParseCase[] = [];
    for (const m of seeds.flatMap((s) => makeMutants(s, perSeed))) {
      // JSON cannot carry invalid UTF-8 to the driver; both sides get U+FFFD instead (the go mod
      // edit fuzzer covers raw invalid bytes).
      const text = asGoJson(decodeGoBytes(m.data));
      if (m.kind === 'work') {
        cases.push({ Mode: 'work', Fix: false, In: text }, { Mode: 'work', Fix: true, In: text });
      } else {
        for (const Mode of ['strict', 'lax'] as const) {
          for (const Fix of [false, true]) cases.push({ Mode, Fix, In: text });
        }
      }
    }
    const want = runXmodDriver({ Parses: cases }).Parses as ParseResult[];
    const failures: string[] = [];
    let accepted = 0;
    cases.forEach((c, i) => {
      const got = ours(c);
      if (want[i]!.Err === '') accepted++;
      if (JSON.stringify(got) === JSON.stringify(want[i])) return;
      failures.push(
        [
          `case #${i} (${c.Mode}${c.Fix ? ', fixer' : ''})`,
          `  input: ${JSON.stringify(c.In)}`,
          `  x/mod: ${JSON.stringify(want[i])}`,
          `  ours:  ${JSON.stringify(got)}`,
        ].join('\n'),
      );
    });
    expect(accepted).toBeGreaterThan(cases.length / 10);
    expect(failures.slice(0, 6).join('\n\n') + (failures.length > 6 ? `\n... ${failures.length} in all` : '')).toBe('');
  }, 240_000);
});
