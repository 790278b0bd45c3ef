/*
 * Golden tests: every testdata/*.mod and *.work input, against what `go mod edit` / `go work edit`
 * printed for it (-json, -print, or the parse failure), stored in testdata/golden/.
 *
 * A second test re-runs the go command on every input and checks that the stored files are
 * still exactly what it prints. Set UPDATE_MODFILE_GOLDEN=1 to rewrite them from go's output.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modEditOutput, workEditOutput, type EditOutput } from './edit-json';
import { goAvailable, runGoEditBatch, type EditJob } from './go-edit-oracle.test-helper';
import { decodeGoBytes, encodeGoBytes } from '../gostrings/utf8';

const testdata = new URL('./testdata/', import.meta.url);
const goldenDir = new URL('./testdata/golden/', import.meta.url);

const inputs = readdirSync(testdata)
  .filter((n) => n.endsWith('.mod') || n.endsWith('.work'))
  .sort();

function readInput(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, testdata)));
}

function readGolden(file: string): string | undefined {
  const url = new URL(file, goldenDir);
  return existsSync(url) ? decodeGoBytes(new Uint8Array(readFileSync(url))) : undefined;
}

/** What the golden files say go printed for input in mode. */
function expected(name: string, mode: 'json' | 'print'): EditOutput {
  const stderr = readGolden(`${name}.stderr`);
  if (stderr !== undefined) return { exitCode: 1, stdout: '', stderr };
  const stdout = readGolden(`${name}.${mode}`);
  if (stdout === undefined) throw new Error(`no golden output for ${name} (-${mode}); run with UPDATE_MODFILE_GOLDEN=1`);
  return { exitCode: 0, stdout, stderr: '' };
}

/** The goldens were recorded with go 1.26.8 (the -json shape changed in 1.27: version-rules.ts). */
const GOLDEN_GO = '1.26.8';

function ours(name: string, mode: 'json' | 'print'): EditOutput {
  const data = readInput(name);
  return name.endsWith('.work') ? workEditOutput('go.work', data, mode, GOLDEN_GO) : modEditOutput('go.mod', data, mode, GOLDEN_GO);
}

describe('modfile golden files', () => {
  it('has inputs', () => {
    expect(inputs.length).toBeGreaterThan(30);
  });

  for (const name of inputs) {
    for (const mode of ['json', 'print'] as const) {
      it(`${name} -${mode}`, () => {
        expect(ours(name, mode)).toEqual(expected(name, mode));
      });
    }
  }
});

describe.skipIf(!goAvailable())('modfile golden files match the go command', () => {
  it('go prints what the golden files hold', async () => {
    const jobs: EditJob[] = [];
    for (const name of inputs) {
      for (const mode of ['json', 'print'] as const) {
        jobs.push({ kind: name.endsWith('.work') ? 'work' : 'mod', data: readInput(name), mode });
      }
    }
    const runs = await runGoEditBatch(jobs, 2);

    if (process.env.UPDATE_MODFILE_GOLDEN === '1') {
      mkdirSync(goldenDir, { recursive: true });
      runs.forEach((run, i) => {
        const name = inputs[Math.floor(i / 2)]!;
        const mode = jobs[i]!.mode;
        if (run.exitCode !== 0) writeFileSync(new URL(`${name}.stderr`, goldenDir), encodeGoBytes(run.stderr));
        else writeFileSync(new URL(`${name}.${mode}`, goldenDir), encodeGoBytes(run.stdout));
      });
    }

    const mismatches: string[] = [];
    runs.forEach((run, i) => {
      const name = inputs[Math.floor(i / 2)]!;
      const mode = jobs[i]!.mode;
      const want = expected(name, mode);
      const got: EditOutput = { exitCode: run.exitCode === 0 ? 0 : 1, stdout: run.stdout, stderr: run.stderr };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${name} -${mode}:\n  golden ${JSON.stringify(want)}\n  go     ${JSON.stringify(got)}`);
      }
    });
    expect(mismatches.join('\n')).toBe('');
  }, 120_000);
});
