/*
 * The go.mod printer's quoting and trimming, rune by rune at every boundary of Go's printable
 * table, against go mod edit -print.
 */

import { describe, expect, it } from 'vitest';
import { goPrintRanges } from '../gostrings/unicode-print';
import { modEditOutput } from './edit-json';
import { goAvailable, runGoEditBatch } from './go-edit-oracle.test-helper';

describe.skipIf(!goAvailable())('printable runes and spaces match the go command', () => {
  it('quotes every range boundary, and trims every space, as go mod edit -print does', async () => {
    // A tool path holding one rune is written back unquoted exactly when the rune is printable;
    // a comment ending in a space rune is trimmed exactly when Go calls it a space.
    const probe = new Set<number>();
    for (const [lo, hi] of goPrintRanges()) for (const r of [lo - 1, lo, hi, hi + 1]) probe.add(r);
    for (const r of [0x09, 0x0b, 0x0c, 0x1c, 0x20, 0x85, 0xa0, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) {
      probe.add(r);
    }
    const runes = [...probe].filter((r) => r > 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff)).sort((a, b) => a - b);
    const hex = (r: number): string => r.toString(16).padStart(8, '0');
    const lines = ['module m', ''];
    for (const r of runes) {
      if (r !== 0x0a && r !== 0x0d) lines.push(`// c${String.fromCodePoint(r)}`);
      lines.push(`tool "a\\U${hex(r)}"`);
    }
    const text = `${lines.join('\n')}\n`;
    const [run] = await runGoEditBatch([{ kind: 'mod', data: text, mode: 'print' }]);
    const ours = modEditOutput('go.mod', text, 'print', '1.26.8');
    expect(run!.exitCode).toBe(0);
    const goLines = run!.stdout.split('\n');
    const ourLines = ours.stdout.split('\n');
    const diff = goLines.flatMap((l, i) => (l === ourLines[i] ? [] : [`go ${JSON.stringify(l)} ours ${JSON.stringify(ourLines[i])}`]));
    expect(diff.slice(0, 20)).toEqual([]);
    expect(ourLines.length).toBe(goLines.length);
  }, 120_000);
});
