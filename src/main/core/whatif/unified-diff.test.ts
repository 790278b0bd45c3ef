import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff';

/*
 * The go.mod diff of a preview, checked against GNU diff -u on edits whose alignment is
 * unambiguous (what go get does to a go.mod), and on random texts by applying it back.
 */

const GNU_DIFF = '/usr/bin/diff';
const scratch = mkdtempSync(join(tmpdir(), 'gomodx-udiff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gnu(a: string, b: string): string {
  const fa = join(scratch, 'a');
  const fb = join(scratch, 'b');
  writeFileSync(fa, a);
  writeFileSync(fb, b);
  const r = spawnSync(GNU_DIFF, ['-u', '--label', 'go.mod', '--label', 'go.mod', fa, fb], { encoding: 'utf8' });
  return r.stdout;
}

function goMod(n: number, version: (i: number) => string, extra = ''): string {
  const lines = ['module example.com/m', '', 'go 1.22', '', 'require ('];
  for (let i = 0; i < n; i++) lines.push(`\texample.com/dep${String(i).padStart(4, '0')} ${version(i)}`);
  lines.push(')', extra);
  return lines.join('\n') + '\n';
}

const CASES: [string, string, string][] = [
  ['one version bump', goMod(30, () => 'v1.0.0'), goMod(30, (i) => (i === 14 ? 'v1.1.0' : 'v1.0.0'))],
  ['bumps near both ends', goMod(30, () => 'v1.0.0'), goMod(30, (i) => (i === 0 || i === 29 ? 'v1.2.3' : 'v1.0.0'))],
  ['many scattered bumps', goMod(400, () => 'v1.0.0'), goMod(400, (i) => (i % 3 === 0 ? 'v1.0.1' : 'v1.0.0'))],
  ['a line appended', goMod(10, () => 'v1.0.0'), goMod(10, () => 'v1.0.0', 'exclude example.com/x v1.0.0')],
  ['a first line inserted', 'b\nc\n', 'a\nb\nc\n'],
  ['a last line removed', 'a\nb\nc\n', 'a\nb\n'],
  ['everything removed', 'a\nb\n', ''],
  ['from nothing', '', 'module example.com/m\n'],
  ['no newline at the end', 'a\nb\nc', 'a\nB\nc'],
  ['a newline added at the end', 'a\nb', 'a\nb\n'],
];

describe.skipIf(!existsSync(GNU_DIFF))('unifiedDiff against GNU diff -u', () => {
  it.each(CASES)('%s', (_name, a, b) => {
    expect(unifiedDiff(a, b, 'go.mod', 'go.mod')).toBe(gnu(a, b));
  });
});

/** applyPatch applies a unified diff made by unifiedDiff to a (strictly: context must match). */
function applyPatch(a: string, patch: string): string {
  const src = a.split(/(?<=\n)/).filter((l) => l !== '');
  const out: string[] = [];
  let at = 0;
  const lines = patch.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]!);
    if (!h) throw new Error(`not a hunk header: ${lines[i]}`);
    const count = h[2] === undefined ? 1 : Number(h[2]);
    const first = count === 0 ? Number(h[1]) : Number(h[1]) - 1;
    while (at < first) out.push(src[at++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const l = lines[i]!;
      const noNewline = lines[i + 1] === '\\ No newline at end of file';
      const text = l.slice(1) + (noNewline ? '' : '\n');
      if (noNewline) i++;
      if (l[0] === '+') out.push(text);
      else if (src[at++] !== text) throw new Error(`context mismatch at line ${at}: ${JSON.stringify(l)}`);
      if (l[0] === ' ') out.push(text);
    }
    i--;
  }
  while (at < src.length) out.push(src[at++]!);
  return out.join('');
}

/** randomBelow returns a seeded generator of integers in [0, n). */
function randomBelow(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', 'go.mod', 'go.mod')).toBe('');
  });

  it('turns a into b when applied, on random texts', () => {
    const rnd = randomBelow(7);
    for (let k = 0; k < 300; k++) {
      const a = Array.from({ length: rnd(40) }, () => 'xyz'[rnd(3)]!).join('\n') + (rnd(4) ? '\n' : '');
      const b = Array.from({ length: rnd(40) }, () => 'xyzw'[rnd(4)]!).join('\n') + (rnd(4) ? '\n' : '');
      const patch = unifiedDiff(a, b, 'go.mod', 'go.mod');
      expect(a === b ? a : applyPatch(a, patch)).toBe(b);
    }
  });

  it('turns a into b when applied, on large go.mod-like texts (cut at unique lines)', () => {
    const rnd = randomBelow(11);
    for (let k = 0; k < 20; k++) {
      const a = goMod(500, (i) => `v1.${i % 7}.0`);
      // Versions move, lines repeat (blank lines, duplicates), blocks move.
      const lines = goMod(500, (i) => (rnd(3) === 0 ? `v1.${rnd(9)}.0` : `v1.${i % 7}.0`)).split('\n');
      for (let r = 0; r < 10; r++) lines.splice(rnd(lines.length), rnd(3), ...(rnd(2) ? ['', ')'] : [lines[rnd(lines.length)]!]));
      const b = lines.join('\n');
      expect(applyPatch(a, unifiedDiff(a, b, 'go.mod', 'go.mod'))).toBe(b);
    }
  });
});
