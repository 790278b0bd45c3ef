import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModuleVersion } from '../../../../shared/model/module-version';
import { parseModFile } from '../../modfile/rules';
import { ConstraintError, editRequirements } from './edit-requirements';
import { SessionMemory } from '../session-memory';
import { gomod, openWorld, type World } from '../testing/module-world.test-helper';
import { goGet, haveGo, writeWorldProxy } from '../testing/module-world-oracle.test-helper';

/*
 * modload's editRequirements, table-driven: each row edits the main module's requirements with
 * tryUpgrade and mustSelect and expects the new roots (or the conflicts). Rows that only use
 * mustSelect are also run through `go get` over the same world, whose go.mod must list exactly
 * the expected roots.
 */

const WORLD: World = {
  'example.com/a': [
    { version: 'v1.0.0', goMod: gomod('example.com/a', '1.17', { 'example.com/b': 'v1.0.0' }) },
    { version: 'v1.1.0', goMod: gomod('example.com/a', '1.17', { 'example.com/b': 'v1.1.0' }) },
    { version: 'v1.2.0', goMod: gomod('example.com/a', '1.17', { 'example.com/b': 'v1.2.0' }) },
  ],
  'example.com/b': [
    { version: 'v1.0.0', goMod: gomod('example.com/b', '1.17') },
    { version: 'v1.1.0', goMod: gomod('example.com/b', '1.17') },
    { version: 'v1.2.0', goMod: gomod('example.com/b', '1.17') },
  ],
  'example.com/c': [{ version: 'v1.0.0', goMod: gomod('example.com/c', '1.17', { 'example.com/a': 'v1.1.0' }) }],
  'example.com/d': [{ version: 'v1.0.0', goMod: gomod('example.com/d', '1.22.0') }],
  'example.com/e': [{ version: 'v1.0.0', goMod: gomod('example.com/e', '1.17', { 'example.com/d': 'v1.0.0' }) }],
  // old and deep have no go line: old pulls deep, and through it leaf v1.2.0, into a pruned graph.
  'example.com/old': [{ version: 'v1.0.0', goMod: gomod('example.com/old', undefined, { 'example.com/deep': 'v1.0.0' }) }],
  'example.com/deep': [{ version: 'v1.0.0', goMod: gomod('example.com/deep', undefined, { 'example.com/leaf': 'v1.2.0' }) }],
  'example.com/leaf': [
    { version: 'v1.0.0', goMod: gomod('example.com/leaf', '1.17') },
    { version: 'v1.2.0', goMod: gomod('example.com/leaf', '1.17') },
  ],
  'example.com/x': [{ version: 'v1.0.0', goMod: gomod('example.com/x', '1.17') }],
  'example.com/y': [
    { version: 'v1.0.0', goMod: gomod('example.com/y', '1.17') },
    { version: 'v1.1.0', goMod: gomod('example.com/y', '1.17', { 'example.com/x': 'v1.0.0' }) },
  ],
  // u has no go line: its requirements are never pruned.
  'example.com/u': [
    { version: 'v0.9.0', goMod: gomod('example.com/u', undefined) },
    { version: 'v1.0.0', goMod: gomod('example.com/u', undefined, { 'example.com/b': 'v1.2.0' }) },
  ],
  // Rounds whose carried taint marks must take in what a round loads anew (see STEP_MAIN and
  // STALE_MAIN); k is the requested path.
  'example.com/k': [
    { version: 'v1.0.0', goMod: gomod('example.com/k', '1.17') },
    { version: 'v1.1.0', goMod: gomod('example.com/k', '1.17') },
  ],
  // r's older version asks for a newer o; o has no go line, so unpruning it as the selected
  // version of a root path pulls in its closure beyond the root layer.
  'example.com/r': [
    { version: 'v0.9.0', goMod: gomod('example.com/r', '1.17', { 'example.com/o': 'v1.2.0' }) },
    { version: 'v1.0.0', goMod: gomod('example.com/r', '1.17', { 'example.com/o': 'v1.1.0' }) },
  ],
  'example.com/o': [
    { version: 'v1.0.0', goMod: gomod('example.com/o', undefined) },
    { version: 'v1.1.0', goMod: gomod('example.com/o', undefined, { 'example.com/z': 'v1.0.0' }) },
    { version: 'v1.2.0', goMod: gomod('example.com/o', undefined, { 'example.com/w': 'v1.0.0' }) },
  ],
  'example.com/z': [{ version: 'v1.0.0', goMod: gomod('example.com/z', '1.17', { 'example.com/k': 'v1.1.0' }) }],
  'example.com/w': [{ version: 'v1.0.0', goMod: gomod('example.com/w', '1.17', { 'example.com/k': 'v1.1.0' }) }],
  // p reaches the requested path through the unpruned closure of t (round one) and, once ty
  // steps down, through its root q (round two): p's list of marked requirements must grow.
  'example.com/p': [
    { version: 'v0.9.0', goMod: gomod('example.com/p', '1.17') },
    { version: 'v1.0.0', goMod: gomod('example.com/p', '1.17', { 'example.com/tx': 'v1.0.0', 'example.com/q': 'v1.0.0' }) },
  ],
  'example.com/q': [
    { version: 'v0.9.0', goMod: gomod('example.com/q', '1.17') },
    { version: 'v1.0.0', goMod: gomod('example.com/q', '1.17', { 'example.com/ty': 'v1.0.0' }) },
  ],
  'example.com/ty': [
    { version: 'v1.0.0', goMod: gomod('example.com/ty', '1.17', { 'example.com/k': 'v1.1.0' }) },
    { version: 'v1.1.0', goMod: gomod('example.com/ty', '1.17', { 'example.com/k': 'v1.1.0' }) },
  ],
  'example.com/t': [
    { version: 'v0.9.0', goMod: gomod('example.com/t', undefined) },
    { version: 'v1.0.0', goMod: gomod('example.com/t', undefined, { 'example.com/tx': 'v1.0.0' }) },
  ],
  'example.com/tx': [{ version: 'v1.0.0', goMod: gomod('example.com/tx', '1.17', { 'example.com/k': 'v1.1.0' }) }],
};

const PRUNED_MAIN = gomod('example.com/m', '1.21', { 'example.com/a': 'v1.2.0', 'example.com/c': 'v1.0.0' });
const OLD_DEPS_MAIN = gomod('example.com/m', '1.21', { 'example.com/old': 'v1.0.0', 'example.com/leaf': 'v1.0.0', 'example.com/x': 'v1.0.0', 'example.com/y': 'v1.1.0' });
const STEP_MAIN = gomod('example.com/m', '1.21', { 'example.com/r': 'v1.0.0', 'example.com/o': 'v1.0.0', 'example.com/k': 'v1.1.0' });
const STALE_MAIN = gomod('example.com/m', '1.21', {
  'example.com/p': 'v1.0.0',
  'example.com/q': 'v1.0.0',
  'example.com/t': 'v1.0.0',
  'example.com/ty': 'v1.1.0',
  'example.com/k': 'v1.1.0',
});
const UNPRUNED_MAIN = gomod('example.com/m', '1.16', { 'example.com/a': 'v1.2.0', 'example.com/u': 'v1.0.0' });

interface Row {
  readonly name: string;
  readonly main: string;
  readonly tryUpgrade?: readonly string[];
  readonly mustSelect?: readonly string[];
  /** The roots after the edit, "path@version", sorted; go included. */
  readonly roots?: readonly string[];
  /** The conflict summaries. */
  readonly conflicts?: readonly string[];
}

const ROWS: readonly Row[] = [
  { name: 'nothing to do', main: PRUNED_MAIN, mustSelect: ['example.com/a@v1.2.0'], roots: ['example.com/a@v1.2.0', 'example.com/c@v1.0.0', 'go@1.21'] },
  {
    name: 'downgrade forces the requirer down, and removes what cannot go low enough',
    main: PRUNED_MAIN,
    mustSelect: ['example.com/b@v1.0.0'],
    roots: ['example.com/a@v1.0.0', 'example.com/b@v1.0.0', 'go@1.21'],
  },
  {
    name: 'downgrade steps the requirer down one version at a time',
    main: PRUNED_MAIN,
    mustSelect: ['example.com/b@v1.1.0'],
    roots: ['example.com/a@v1.1.0', 'example.com/b@v1.1.0', 'example.com/c@v1.0.0', 'go@1.21'],
  },
  { name: 'none removes every requirer', main: PRUNED_MAIN, mustSelect: ['example.com/b@none'], roots: ['go@1.21'] },
  {
    name: 'requested versions that contradict each other conflict',
    main: PRUNED_MAIN,
    mustSelect: ['example.com/b@v1.0.0', 'example.com/c@v1.0.0'],
    conflicts: ['example.com/c@v1.0.0 indirectly requires example.com/b@v1.1.0, but v1.0.0 is requested'],
  },
  {
    name: 'two versions of one path conflict',
    main: PRUNED_MAIN,
    mustSelect: ['example.com/b@v1.0.0', 'example.com/b@v1.1.0'],
    conflicts: ['example.com/b@v1.1.0 is above v1.0.0'],
  },
  {
    name: 'a go line above the main one raises go',
    main: PRUNED_MAIN,
    mustSelect: ['example.com/d@v1.0.0'],
    roots: ['example.com/a@v1.2.0', 'example.com/c@v1.0.0', 'example.com/d@v1.0.0', 'go@1.22.0'],
  },
  {
    // e is a root now, but d (which needs go 1.22.0) is not: d's go.mod stays pruned out.
    name: 'tryUpgrade adds a root without unpruning what it requires',
    main: PRUNED_MAIN,
    tryUpgrade: ['example.com/e@v1.0.0'],
    roots: ['example.com/a@v1.2.0', 'example.com/c@v1.0.0', 'example.com/e@v1.0.0', 'go@1.21'],
  },
  {
    // The second round loads the same unpruned closure (of old) as the first: from the table's
    // cache, whose selection must still raise leaf to what deep requires.
    name: 'an unpruned closure met again in a later round still raises what it requires',
    main: OLD_DEPS_MAIN,
    mustSelect: ['example.com/x@none'],
    roots: ['example.com/leaf@v1.2.0', 'example.com/old@v1.0.0', 'example.com/y@v1.0.0', 'go@1.21'],
  },
  {
    // Round two unprunes o v1.2.0 (what r v0.9.0 asks for): w, loaded only beyond the layer,
    // must be marked, or r v0.9.0 looks fine.
    name: 'a requirer stepped down to pulls a new unpruned closure in, which is checked too',
    main: STEP_MAIN,
    mustSelect: ['example.com/k@v1.0.0'],
    roots: ['example.com/k@v1.0.0', 'example.com/o@v1.0.0', 'go@1.21'],
  },
  {
    name: 'a root that reaches a request only through a root stepped down to is checked through it',
    main: STALE_MAIN,
    mustSelect: ['example.com/k@v1.0.0'],
    roots: ['example.com/k@v1.0.0', 'example.com/p@v0.9.0', 'example.com/q@v0.9.0', 'example.com/t@v0.9.0', 'go@1.21'],
  },
  { name: 'tryUpgrade never lowers', main: PRUNED_MAIN, tryUpgrade: ['example.com/a@v1.0.0'], roots: ['example.com/a@v1.2.0', 'example.com/c@v1.0.0', 'go@1.21'] },
  {
    name: 'unpruned: an unpruned requirer is removed when it pulls a requested module too high',
    main: UNPRUNED_MAIN,
    mustSelect: ['example.com/b@v1.1.0'],
    roots: ['example.com/a@v1.1.0', 'example.com/b@v1.1.0', 'example.com/u@v0.9.0', 'go@1.16'],
  },
  {
    name: 'unpruned: go raised to 1.17 or later converts to a pruned graph (all of the build list)',
    main: UNPRUNED_MAIN,
    mustSelect: ['example.com/d@v1.0.0'],
    roots: ['example.com/a@v1.2.0', 'example.com/b@v1.2.0', 'example.com/d@v1.0.0', 'example.com/u@v1.0.0', 'go@1.22.0', 'toolchain@go1.22.0'],
  },
];

function mv(s: string): ModuleVersion {
  const at = s.indexOf('@');
  return { path: s.slice(0, at), version: s.slice(at + 1) };
}

async function runRow(row: Row, plainGraph: boolean): Promise<{ roots?: string[]; conflicts?: string[] }> {
  const w = openWorld(WORLD, row.main);
  const { rs } = await w.loader.expandGraph(w.requirements);
  try {
    const edited = await editRequirements({ loader: w.loader, queries: w.queries, session: new SessionMemory({ plainGraph, checkTaint: !plainGraph }) }, rs, (row.tryUpgrade ?? []).map(mv), (row.mustSelect ?? []).map(mv));
    return { roots: edited.rs.rootModules.map((m) => `${m.path}@${m.version}`) };
  } catch (e) {
    if (e instanceof ConstraintError) return { conflicts: e.conflicts.map((c) => c.summary()) };
    throw e;
  }
}

// Accelerated (every round checks the marks it carried over from the round before) and forced plain.
describe.each([
  { mode: 'accelerated', plain: false },
  { mode: 'plain', plain: true },
])('editRequirements ($mode)', ({ plain }) => {
  for (const row of ROWS) {
    it(row.name, async () => {
      const got = await runRow(row, plain);
      if (row.conflicts) expect(got.conflicts).toEqual(row.conflicts);
      else expect(got.roots?.filter((r) => !r.startsWith('toolchain@'))).toEqual(row.roots!.filter((r) => !r.startsWith('toolchain@')));
    });
  }
});

describe.skipIf(!haveGo())('the rows agree with go get', () => {
  const root = mkdtempSync(join(tmpdir(), 'gomodx-edit-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeWorldProxy(WORLD, join(root, 'proxy'));
  ROWS.forEach((row, i) => {
    if (row.tryUpgrade || !row.mustSelect) return;
    it(row.name, () => {
      const r = goGet(root, join(root, 'proxy'), `w${i}`, row.main, row.mustSelect!);
      if (row.conflicts) {
        expect(r.code).not.toBe(0);
        return;
      }
      expect(r.stderr).not.toMatch(/^go: (?!downloading|upgraded|downgraded|added|removed)/m);
      const f = parseModFile('go.mod', r.goMod);
      const requires = f.require.map((q) => `${q.mod.path}@${q.mod.version}`);
      if (f.go) requires.push(`go@${f.go.version}`);
      expect(requires.sort()).toEqual(row.roots!.filter((x) => !x.startsWith('toolchain@')).slice().sort());
    });
  });
});
