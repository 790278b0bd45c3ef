/*
 * Differential test of the edit operations against x/mod itself: testdata/xmod-driver, built
 * against the x/mod vendored in the local Go distribution, and we are given
 * and random go.mod files with random operation sequences, including setRequire and
 * setRequireSeparateIndirect that no go command flag reaches, must give the same formatted file,
 * the same requirement list, or the same error.
 */

import { describe, expect, it } from 'vitest';
import { createPrng, type Prng } from '../../../../test/helpers/universe/prng';
import * as edit from './edit';
import { goAvailable, runXmodDriver, xmodAvailable } from './go-edit-oracle.test-helper';
import { formatModFile } from './print';
import { parseModFile, type ModFile } from './rules';

interface Req {
  Path: string;
  Version: string;
  Indirect: boolean;
}

interface Op {
  Name: string;
  Args: string[];
  Reqs: Req[];
}

interface Case {
  In: string;
  Ops: Op[];
}

interface Result {
  Out: string;
  Err: string;
  Require: string[] | null;
}

const PATHS = ['x.y/a', 'x.y/b', 'x.y/c', 'x.y/d', 'x.y/e/v2', 'gopkg.in/yaml.v3', 'example.com/m'];
const VERSIONS = ['v1.0.0', 'v1.2.3', 'v0.1.0', 'v2.0.0+incompatible', 'v2.1.0', 'v3.0.0', 'v1.2', 'master', ''];
const COMMENTS = ['', '', '', ' // indirect', ' //indirect', ' // indirect; why', ' // kept', ' //'];

/** randomGoMod writes a go.mod heavy in require lines and blocks, comments and duplicates. */
function randomGoMod(p: Prng): string {
  const out: string[] = [];
  if (p.chance(0.9)) out.push(`module ${p.pick(['example.com/m', 'example.com/m/v2', 'm'])}`);
  if (p.chance(0.6)) out.push(`go ${p.pick(['1.16', '1.17', '1.21', '1.21.0', '1.22rc1'])}`);
  if (p.chance(0.2)) out.push('toolchain go1.22.1');
  const line = (): string => `${p.pick(PATHS)} ${p.pick(VERSIONS.slice(0, 6))}${p.pick(COMMENTS)}`;
  const n = p.int(0, 5);
  for (let i = 0; i < n; i++) {
    if (p.chance(0.15)) out.push(`// comment ${i}`);
    if (p.chance(0.4)) {
      out.push(`require ${line()}`);
    } else {
      const lines: string[] = [];
      const m = p.int(0, 5);
      for (let j = 0; j < m; j++) {
        if (p.chance(0.15)) lines.push('');
        if (p.chance(0.1)) lines.push(`\t// note ${j}`);
        lines.push(`\t${line()}`);
      }
      out.push(`require (${p.chance(0.1) ? ' // block' : ''}\n${lines.join('\n')}\n)`);
    }
    if (p.chance(0.2)) out.push(`exclude ${p.pick(PATHS)} ${p.pick(VERSIONS.slice(0, 4))}`);
    if (p.chance(0.2)) out.push(`replace ${p.pick(PATHS)} => ./${i}`);
    if (p.chance(0.15)) out.push(`retract ${p.pick(['v1.0.0', '[v1.0.0, v1.1.0]', 'v0.1.0'])}`);
    if (p.chance(0.1)) out.push(`tool ${p.pick(PATHS)}/cmd`);
    if (p.chance(0.1)) out.push(`godebug ${p.pick(['a', 'b'])}=${i}`);
    if (p.chance(0.3)) out.push('');
  }
  return `${out.join('\n')}\n`;
}

function randomReqs(p: Prng): Req[] {
  const reqs = new Map<string, Req>();
  const n = p.int(0, 6);
  for (let i = 0; i < n; i++) {
    const path = p.pick(PATHS);
    reqs.set(path, { Path: path, Version: p.pick(VERSIONS.slice(0, 6)), Indirect: p.chance(0.5) });
  }
  return [...reqs.values()];
}

function randomOp(p: Prng): Op {
  const op = (Name: string, ...Args: string[]): Op => ({ Name, Args, Reqs: [] });
  const v = (): string => p.pick(VERSIONS);
  switch (p.int(0, 21)) {
    case 0:
    case 1:
      return { Name: 'setRequire', Args: [], Reqs: randomReqs(p) };
    case 2:
    case 3:
    case 4:
      return { Name: 'setRequireSeparateIndirect', Args: [], Reqs: randomReqs(p) };
    case 5:
      return op('addRequire', p.pick(PATHS), v());
    case 6:
      return op('addNewRequire', p.pick(PATHS), v(), String(p.chance(0.5)));
    case 7:
      return op('dropRequire', p.pick(PATHS));
    case 8:
      return op('addGoStmt', p.pick(['1.21', '1.22.3', '1.x']));
    case 9:
      return op('addToolchainStmt', p.pick(['go1.22.1', 'default', 'gx']));
    case 10:
      return op('dropToolchainStmt');
    case 11:
      return op('addExclude', p.pick(PATHS), v());
    case 12:
      return op('dropExclude', p.pick(PATHS), v());
    case 13:
      return op('addReplace', p.pick(PATHS), p.pick(['', 'v1.0.0']), p.pick(['./dir', 'x.y/fork', '../up dir']), p.pick(['', 'v1.0.0']));
    case 14:
      return op('dropReplace', p.pick(PATHS), p.pick(['', 'v1.0.0']));
    case 15:
      return op('addRetract', v(), v(), p.pick(['', 'bad', 'two\nlines']));
    case 16:
      return op('dropRetract', v(), v());
    case 17:
      return op(p.pick(['addTool', 'dropTool', 'addIgnore', 'dropIgnore']), p.pick(['x.y/a/cmd', './static', 'a b']));
    case 18:
      return op(p.pick(['addGodebug', 'dropGodebug']), p.pick(['a', 'b']), p.pick(['0', '1']));
    case 19:
      return op('sortBlocks');
    case 20:
      return op('addComment', p.pick(['// added', '// Deprecated: x']));
    default:
      return op('cleanup');
  }
}

function makeCases(seed: number, count: number): Case[] {
  const p = createPrng(seed);
  const cases: Case[] = [];
  while (cases.length < count) {
    const text = randomGoMod(p);
    try {
      parseModFile('go.mod', text);
    } catch {
      continue;
    }
    const ops: Op[] = [];
    const n = p.int(1, 4);
    for (let i = 0; i < n; i++) {
      const o = randomOp(p);
      // x/mod's SetRequire* dereference the nil Syntax of entries cleared by earlier edits.
      if (o.Name.startsWith('setRequire') && ops.length > 0) ops.push({ Name: 'cleanup', Args: [], Reqs: [] });
      ops.push(o);
    }
    if (p.chance(0.7)) ops.push({ Name: 'cleanup', Args: [], Reqs: [] });
    cases.push({ In: text, Ops: ops });
  }
  return cases;
}

function applyOurs(f: ModFile, o: Op): void {
  const a = o.Args;
  const specs = o.Reqs.map((r) => ({ mod: { path: r.Path, version: r.Version }, indirect: r.Indirect }));
  switch (o.Name) {
    case 'addRequire':
      return edit.addRequire(f, a[0]!, a[1]!);
    case 'addNewRequire':
      return edit.addNewRequire(f, a[0]!, a[1]!, a[2] === 'true');
    case 'dropRequire':
      return edit.dropRequire(f, a[0]!);
    case 'setRequire':
      return edit.setRequire(f, specs);
    case 'setRequireSeparateIndirect':
      return edit.setRequireSeparateIndirect(f, specs);
    case 'addGoStmt':
      return edit.addGoStmt(f, a[0]!);
    case 'addToolchainStmt':
      return edit.addToolchainStmt(f, a[0]!);
    case 'dropToolchainStmt':
      return edit.dropToolchainStmt(f);
    case 'addExclude':
      return edit.addExclude(f, a[0]!, a[1]!);
    case 'dropExclude':
      return edit.dropExclude(f, a[0]!, a[1]!);
    case 'addReplace':
      return edit.addReplace(f, a[0]!, a[1]!, a[2]!, a[3]!);
    case 'dropReplace':
      return edit.dropReplace(f, a[0]!, a[1]!);
    case 'addRetract':
      return edit.addRetract(f, { low: a[0]!, high: a[1]! }, a[2]!);
    case 'dropRetract':
      return edit.dropRetract(f, { low: a[0]!, high: a[1]! });
    case 'addTool':
      return edit.addTool(f, a[0]!);
    case 'dropTool':
      return edit.dropTool(f, a[0]!);
    case 'addIgnore':
      return edit.addIgnore(f, a[0]!);
    case 'dropIgnore':
      return edit.dropIgnore(f, a[0]!);
    case 'addGodebug':
      return edit.addGodebug(f, a[0]!, a[1]!);
    case 'dropGodebug':
      return edit.dropGodebug(f, a[0]!);
    case 'addComment':
      return edit.addComment(f, a[0]!);
    case 'sortBlocks':
      return edit.sortBlocks(f);
    case 'cleanup':
      return edit.cleanupModFile(f);
    default:
      throw new Error(`unknown op ${o.Name}`);
  }
}

function ours(c: Case): Result {
  let f: ModFile;
  try {
    f = parseModFile('go.mod', c.In);
  } catch (e) {
    return { Out: '', Err: `parse: ${(e as Error).message}`, Require: null };
  }
  for (const o of c.Ops) {
    try {
      applyOurs(f, o);
    } catch (e) {
      return { Out: '', Err: `${o.Name}: ${(e as Error).message}`, Require: null };
    }
  }
  const req = f.require.map((r) => `${r.mod.path} ${r.mod.version}${r.indirect ? ' // indirect' : ''}`).sort();
  return { Out: formatModFile(f), Err: '', Require: req.length === 0 ? null : req };
}

const seeds = (process.env.MODFILE_XMOD_SEEDS ?? '1').split(',').map(Number);
const perSeed = Number(process.env.MODFILE_XMOD_COUNT ?? '400');

describe.skipIf(!goAvailable() || !xmodAvailable())('modfile edits against the vendored x/mod', () => {
  it(`agrees on ${seeds.length * perSeed} random edit sequences (seeds ${seeds.join(',')})`, () => {
    const cases = seeds.flatMap((s) => makeCases(s, perSeed));
    const want = runXmodDriver({ Edits: cases }).Edits as Result[];
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const got = ours(c);
      if (JSON.stringify(got) === JSON.stringify(want[i])) return;
      failures.push(
        [
          `case #${i}: ${c.Ops.map((o) => `${o.Name}(${[...o.Args, ...o.Reqs.map((r) => `${r.Path}@${r.Version}${r.Indirect ? '!' : ''}`)].join(', ')})`).join('; ')}`,
          `  input:  ${JSON.stringify(c.In)}`,
          `  x/mod:  ${JSON.stringify(want[i])}`,
          `  ours:   ${JSON.stringify(got)}`,
        ].join('\n'),
      );
    });
    expect(failures.slice(0, 6).join('\n\n') + (failures.length > 6 ? `\n... ${failures.length} in all` : '')).toBe('');
  }, 240_000);
});
