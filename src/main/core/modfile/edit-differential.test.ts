/*
 * Differential test of the edit operations: random sequences of `go mod edit` / `go work edit`
 * editing flags are applied by the go command and, through the same x/mod methods the flags
 * call, by our edit functions; the -print and -json outputs (or the error) must be identical.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPrng, type Prng } from '../../../../test/helpers/universe/prng';
import {
  addExclude,
  addGodebug,
  addGoStmt,
  addIgnore,
  addModuleStmt,
  addReplace,
  addRequire,
  addRetract,
  addTool,
  dropExclude,
  dropGodebug,
  dropGoStmt,
  dropIgnore,
  dropReplace,
  dropRequire,
  dropRetract,
  dropTool,
  dropToolchainStmt,
  addToolchainStmt,
  workAddGodebug,
  workAddGoStmt,
  workAddReplace,
  workAddToolchainStmt,
  workAddUse,
  workDropGodebug,
  workDropReplace,
  workDropUse,
} from './edit';
import { modEditJson, modEditPrint, workEditJson, workEditPrint, type EditOutput } from './edit-json';
import { localGoVersion } from '../../../../test/helpers/go-oracle';
import { checkImportPath } from '../modpath/module-path';
import { ModFileError } from './errors';
import { goAvailable, runGoEditBatch, type EditJob } from './go-edit-oracle.test-helper';
import { decodeGoBytes } from '../gostrings/utf8';
import { parseModFile, parseWorkFile, type ModFile, type WorkFile } from './rules';

/** An edit: the go command flag, and the same edit done by us (throwing what go reports). */
interface Edit<F> {
  readonly flag: string;
  readonly apply: (f: F) => void;
  /** module / go / toolchain flags are applied by go before the others, whatever their order. */
  readonly early?: number;
}

const testdata = new URL('./testdata/', import.meta.url);
const seeds = readdirSync(testdata)
  .filter((n) => (n.endsWith('.mod') || n.endsWith('.work')) && !n.startsWith('err-'))
  .sort()
  .map((name) => ({ name, text: decodeGoBytes(new Uint8Array(readFileSync(new URL(name, testdata)))) }));

const PATHS = ['example.com/a', 'example.com/b', 'example.com/a/v2', 'x.y/z', 'gopkg.in/yaml.v3', 'example.com/new'];
const VERSIONS = ['v1.0.0', 'v1.2.3', 'v0.1.0', 'v1.0.1', 'v1.0.10', 'v2.0.0+incompatible', 'v3.0.1', 'v1.2', 'v2.0.0', 'master'];
const DIRS = ['./a', '../b', '/abs/c', './local/e', './x'];

function pickPath(p: Prng, f: { require?: { mod: { path: string } }[] }): string {
  // Flags only take valid import paths; go refuses the rest before editing anything.
  const known = (f.require ?? []).map((r) => r.mod.path).filter((path) => {
    try {
      checkImportPath(path);
      return true;
    } catch {
      return false;
    }
  });
  return p.chance(0.4) && known.length > 0 ? p.pick(known) : p.pick(PATHS);
}

function versionInterval(p: Prng): { arg: string; low: string; high: string } {
  if (p.chance(0.6)) {
    const v = p.pick(VERSIONS);
    return { arg: v, low: v, high: v };
  }
  const low = p.pick(VERSIONS);
  const high = p.pick(VERSIONS);
  return { arg: `[${low},${high}]`, low, high };
}

function modEdit(p: Prng, f: ModFile): Edit<ModFile> {
  const flagError = (flag: string, run: () => void): void => {
    try {
      run();
    } catch (e) {
      throw new Error(`go: ${flag}: ${(e as Error).message}`);
    }
  };
  switch (p.int(0, 17)) {
    case 0: {
      const path = pickPath(p, f);
      const v = p.pick(VERSIONS);
      return { flag: `-require=${path}@${v}`, apply: (g) => addRequire(g, path, v) };
    }
    case 1: {
      const path = pickPath(p, f);
      return { flag: `-droprequire=${path}`, apply: (g) => dropRequire(g, path) };
    }
    case 2: {
      const path = pickPath(p, f);
      const v = p.pick(VERSIONS);
      const flag = `-exclude=${path}@${v}`;
      return { flag, apply: (g) => flagError(flag, () => addExclude(g, path, v)) };
    }
    case 3: {
      const path = pickPath(p, f);
      const v = p.pick(VERSIONS);
      return { flag: `-dropexclude=${path}@${v}`, apply: (g) => dropExclude(g, path, v) };
    }
    case 4:
    case 5: {
      const oldPath = pickPath(p, f);
      const oldVers = p.chance(0.5) ? p.pick(VERSIONS.slice(0, 6)) : '';
      const toDir = p.chance(0.5);
      const newPath = toDir ? p.pick(DIRS) : p.pick(PATHS);
      const newVers = toDir ? '' : p.pick(VERSIONS.slice(0, 6));
      const flag = `-replace=${oldPath}${oldVers ? `@${oldVers}` : ''}=${newPath}${newVers ? `@${newVers}` : ''}`;
      return { flag, apply: (g) => addReplace(g, oldPath, oldVers, newPath, newVers) };
    }
    case 6: {
      const oldPath = pickPath(p, f);
      const oldVers = p.chance(0.5) ? p.pick(VERSIONS.slice(0, 6)) : '';
      return {
        flag: `-dropreplace=${oldPath}${oldVers ? `@${oldVers}` : ''}`,
        apply: (g) => dropReplace(g, oldPath, oldVers),
      };
    }
    case 7: {
      const vi = versionInterval(p);
      const flag = `-retract=${vi.arg}`;
      return { flag, apply: (g) => flagError(flag, () => addRetract(g, vi, '')) };
    }
    case 8: {
      const vi = versionInterval(p);
      return { flag: `-dropretract=${vi.arg}`, apply: (g) => dropRetract(g, vi) };
    }
    case 9: {
      const key = p.pick(['panicnil', 'default', 'asynctimerchan', 'newkey']);
      const value = p.pick(['0', '1', 'go1.21', '']);
      return { flag: `-godebug=${key}=${value}`, apply: (g) => addGodebug(g, key, value) };
    }
    case 10: {
      const key = p.pick(['panicnil', 'default', 'asynctimerchan', 'newkey']);
      return { flag: `-dropgodebug=${key}`, apply: (g) => dropGodebug(g, key) };
    }
    case 11: {
      const path = p.pick(['example.com/a/cmd/tool', 'example.com/t1', 'example.com/zz/cmd', 'golang.org/x/tools/cmd/stringer']);
      return p.chance(0.6)
        ? { flag: `-tool=${path}`, apply: (g) => addTool(g, path) }
        : { flag: `-droptool=${path}`, apply: (g) => dropTool(g, path) };
    }
    case 12: {
      const path = p.pick(['./node_modules', 'static', './with space', 'vendor2']);
      return p.chance(0.6)
        ? { flag: `-ignore=${path}`, apply: (g) => addIgnore(g, path) }
        : { flag: `-dropignore=${path}`, apply: (g) => dropIgnore(g, path) };
    }
    case 13:
    case 14: {
      const v = p.pick(['1.21', '1.23.4', '1.24rc1', 'none']);
      return {
        flag: `-go=${v}`,
        early: 1,
        apply: (g) => (v === 'none' ? dropGoStmt(g) : addGoStmt(g, v)),
      };
    }
    case 15:
    case 16: {
      const v = p.pick(['go1.21.0', 'go1.23.4', 'default', 'none']);
      return {
        flag: `-toolchain=${v}`,
        early: 2,
        apply: (g) => (v === 'none' ? dropToolchainStmt(g) : addToolchainStmt(g, v)),
      };
    }
    default: {
      const path = p.pick(['example.com/renamed', 'example.com/m/v2']);
      return { flag: `-module=${path}`, early: 0, apply: (g) => addModuleStmt(g, path) };
    }
  }
}

function workEdit(p: Prng): Edit<WorkFile> {
  switch (p.int(0, 8)) {
    case 0:
    case 1: {
      const dir = p.pick(['./a', './b', './z', '../c', './with space', './new']);
      return {
        flag: `-use=${dir}`,
        apply: (g) => {
          workAddUse(g, dir, '');
          workAddUse(g, dir, '');
        },
      };
    }
    case 2: {
      const dir = p.pick(['./a', './b', './z', './with space']);
      return { flag: `-dropuse=${dir}`, apply: (g) => workDropUse(g, dir) };
    }
    case 3: {
      const oldPath = p.pick(['example.com/x', 'example.com/y', 'example.com/new']);
      const oldVers = p.chance(0.5) ? 'v1.0.0' : '';
      const newPath = p.pick(DIRS);
      return {
        flag: `-replace=${oldPath}${oldVers ? `@${oldVers}` : ''}=${newPath}`,
        apply: (g) => workAddReplace(g, oldPath, oldVers, newPath, ''),
      };
    }
    case 4: {
      const oldPath = p.pick(['example.com/x', 'example.com/y']);
      const oldVers = p.chance(0.5) ? 'v1.0.0' : '';
      return {
        flag: `-dropreplace=${oldPath}${oldVers ? `@${oldVers}` : ''}`,
        apply: (g) => workDropReplace(g, oldPath, oldVers),
      };
    }
    case 5: {
      const key = p.pick(['panicnil', 'other']);
      return p.chance(0.6)
        ? { flag: `-godebug=${key}=1`, apply: (g) => workAddGodebug(g, key, '1') }
        : { flag: `-dropgodebug=${key}`, apply: (g) => workDropGodebug(g, key) };
    }
    case 6: {
      const v = p.pick(['1.22', '1.25.0', 'none']);
      return {
        flag: `-go=${v}`,
        early: 1,
        apply: (g) => (v === 'none' ? dropGoStmt(g) : workAddGoStmt(g, v)),
      };
    }
    default: {
      const v = p.pick(['go1.22.1', 'default', 'none']);
      return {
        flag: `-toolchain=${v}`,
        early: 2,
        apply: (g) => (v === 'none' ? dropToolchainStmt(g) : workAddToolchainStmt(g, v)),
      };
    }
  }
}

function runOurs<F>(
  parse: () => F,
  edits: readonly Edit<F>[],
  mode: 'json' | 'print',
  print: { json: (f: F) => string; print: (f: F) => string },
  header: string,
): EditOutput {
  let f: F;
  try {
    f = parse();
  } catch (e) {
    if (!(e instanceof ModFileError)) throw e;
    return { exitCode: 1, stdout: '', stderr: `${header}${e.message}\n` };
  }
  // go applies -module, -go and -toolchain first, then the other edits in order.
  const ordered = [
    ...edits.filter((e) => e.early !== undefined).sort((a, b) => a.early! - b.early!),
    ...edits.filter((e) => e.early === undefined),
  ];
  try {
    for (const e of ordered) e.apply(f);
  } catch (e) {
    return { exitCode: 1, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  return { exitCode: 0, stdout: print[mode](f), stderr: '' };
}

interface Case {
  readonly kind: 'mod' | 'work';
  readonly text: string;
  readonly flags: string[];
  readonly ours: (mode: 'json' | 'print') => EditOutput;
}

function makeCases(seed: number, count: number): Case[] {
  const p = createPrng(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const base = p.pick(seeds);
    const n = p.int(1, 4);
    if (base.name.endsWith('.work')) {
      const edits: Edit<WorkFile>[] = [];
      for (let k = 0; k < n; k++) edits.push(workEdit(p));
      // go rejects a repeated non-repeatable flag; keep the last of each of those.
      const unique = dedupeEarly(edits);
      cases.push({
        kind: 'work',
        text: base.text,
        flags: unique.map((e) => e.flag),
        ours: (mode) =>
          runOurs(() => parseWorkFile('go.work', base.text), unique, mode, { json: (f) => workEditJson(f, localGoVersion()), print: workEditPrint },
            'go: errors parsing go.work:\nerrors parsing go.work:\n'),
      });
    } else {
      let probe: ModFile;
      try {
        probe = parseModFile('go.mod', base.text);
      } catch {
        continue;
      }
      const edits: Edit<ModFile>[] = [];
      for (let k = 0; k < n; k++) edits.push(modEdit(p, probe));
      const unique = dedupeEarly(edits);
      cases.push({
        kind: 'mod',
        text: base.text,
        flags: unique.map((e) => e.flag),
        ours: (mode) =>
          runOurs(() => parseModFile('go.mod', base.text), unique, mode, { json: (f) => modEditJson(f, localGoVersion()), print: modEditPrint },
            'go: errors parsing go.mod:\n'),
      });
    }
  }
  return cases;
}

function dedupeEarly<F>(edits: Edit<F>[]): Edit<F>[] {
  const lastEarly = new Map<number, Edit<F>>();
  for (const e of edits) if (e.early !== undefined) lastEarly.set(e.early, e);
  return edits.filter((e) => e.early === undefined || lastEarly.get(e.early) === e);
}

const seedList = (process.env.MODFILE_EDIT_SEEDS ?? '1,2').split(',').map(Number);
const perSeed = Number(process.env.MODFILE_EDIT_COUNT ?? '100');

describe.skipIf(!goAvailable())('modfile edits against go mod edit / go work edit', () => {
  it(`agrees on ${seedList.length * perSeed} random edit sequences (seeds ${seedList.join(',')})`, async () => {
    const cases = seedList.flatMap((s) => makeCases(s, perSeed));
    const jobs: EditJob[] = cases.flatMap((c) =>
      (['json', 'print'] as const).map((mode) => ({ kind: c.kind, data: c.text, mode, flags: c.flags })),
    );
    const runs = await runGoEditBatch(jobs, 2);
    const failures: string[] = [];
    let edited = 0;
    runs.forEach((run, i) => {
      const c = cases[Math.floor(i / 2)]!;
      const mode = jobs[i]!.mode;
      const want: EditOutput = { exitCode: run.exitCode === 0 ? 0 : 1, stdout: run.stdout, stderr: run.stderr };
      if (want.exitCode === 0) edited++;
      const got = c.ours(mode);
      if (JSON.stringify(got) === JSON.stringify(want)) return;
      failures.push(
        [
          `${c.kind} edit #${Math.floor(i / 2)} -${mode} ${c.flags.join(' ')}`,
          `  input: ${JSON.stringify(c.text)}`,
          `  go:   ${JSON.stringify(want)}`,
          `  ours: ${JSON.stringify(got)}`,
        ].join('\n'),
      );
    });
    expect(edited).toBeGreaterThan(runs.length / 2);
    expect(failures.slice(0, 8).join('\n\n') + (failures.length > 8 ? `\n... ${failures.length} in all` : '')).toBe('');
  }, 120_000);
});
