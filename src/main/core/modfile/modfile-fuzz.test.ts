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

import { describe, expect, it } from 'vitest';
import { modEditOutput, workEditOutput, type EditOutput } from './edit-json';
import { goAvailable, runGoEditBatch, type EditJob } from './go-edit-oracle.test-helper';
import { decodeGoBytes } from '../gostrings/utf8';
import { makeMutants, type Mutant } from './modfile-mutator.test-helper';
import { skipNoticeWithoutGo } from '../../../../test/helpers/go-skip-notice';
import { localGoVersion } from '../../../../test/helpers/go-oracle';

function ours(m: Mutant, mode: 'json' | 'print'): EditOutput {
  return m.kind === 'mod' ? modEditOutput('go.mod', m.data, mode, localGoVersion()) : workEditOutput('go.work', m.data, mode, localGoVersion());
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
  }, 120_000);
});

skipNoticeWithoutGo('modfile mutation fuzzing');
