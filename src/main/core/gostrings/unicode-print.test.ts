/*
 * The printable-rune table against Go's own answer for every code point: the committed golden
 * (so that an edit of the table fails without Go), and the golden against the go command where
 * one is installed (so that a Go release with another Unicode version is noticed).
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goCommand } from '../../../../test/helpers/go-command';
import { skipNoticeWithoutGo } from '../../../../test/helpers/go-skip-notice';
import { isGoGraphic, isGoPrint } from './unicode-print';

const TESTDATA = join(__dirname, 'testdata');
const GOLDEN = join(TESTDATA, 'unicode-print.golden');
const MAX_RUNE = 0x10ffff;

/** setOf expands the golden's ranges of one kind into a membership array over all code points. */
function setOf(golden: string, kind: string): Uint8Array {
  const set = new Uint8Array(MAX_RUNE + 1);
  for (const line of golden.split('\n')) {
    const [k, lo, hi] = line.split(' ');
    if (k !== kind) continue;
    set.fill(1, parseInt(lo!, 16), parseInt(hi!, 16) + 1);
  }
  return set;
}

function mismatches(want: Uint8Array, got: (r: number) => boolean): string[] {
  const out: string[] = [];
  for (let r = 0; r <= MAX_RUNE && out.length < 10; r++) {
    if ((want[r] === 1) !== got(r)) out.push(`U+${r.toString(16).toUpperCase().padStart(4, '0')} go=${want[r] === 1}`);
  }
  return out;
}

describe('Go printable and graphic runes (golden from Go 1.26, Unicode 15.0.0)', () => {
  const golden = readFileSync(GOLDEN, 'utf8');

  it('isGoPrint is unicode.IsPrint for every code point', () => {
    expect(golden.split('\n')[0]).toBe('unicode 15.0.0');
    expect(mismatches(setOf(golden, 'print'), isGoPrint)).toEqual([]);
  });

  it('isGoGraphic is unicode.IsGraphic for every code point', () => {
    const graphic = setOf(golden, 'print');
    const extra = setOf(golden, 'graphic-not-print');
    for (let r = 0; r <= MAX_RUNE; r++) graphic[r] = graphic[r]! | extra[r]!;
    expect(golden).not.toContain('print-not-graphic');
    expect(mismatches(graphic, isGoGraphic)).toEqual([]);
  });
});

const GO = goCommand();

skipNoticeWithoutGo('the unicode golden against the go command');
describe.skipIf(GO === undefined)('the unicode golden against the go command', () => {
  it('is what testdata/unicode-print/main.go prints', () => {
    const home = join(tmpdir(), 'gomodx-unicode-print-home');
    mkdirSync(home, { recursive: true });
    const res = spawnSync(GO!, ['run', 'main.go'], {
      cwd: join(TESTDATA, 'unicode-print'),
      encoding: 'utf8',
      env: {
        PATH: '/usr/bin:/bin',
        HOME: home,
        GOENV: 'off',
        GOTOOLCHAIN: 'local',
        GOFLAGS: '',
        GOWORK: 'off',
        GOPROXY: 'off',
        // A fixed cache keeps reruns fast; the program needs only fmt and unicode.
        GOCACHE: join(tmpdir(), 'gomodx-unicode-print-gocache'),
      },
    });
    expect(res.stderr).toBe('');
    // A different first line means the installed Go has another Unicode version: regenerate the
    // golden (see main.go) and unicode-print.ts's table from it.
    expect(res.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
  }, 180_000);
});
