/*
 * Test support (not shipped): runs `go mod edit` / `go work edit` on many files at once, with
 * bounded concurrency, in a hermetic environment, keeping the output bytes exact.
 */

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GO_BINARY, hasGo, hermeticGoEnv } from '../../../../test/helpers/go-oracle';
import { decodeGoBytes } from './go-text';

/** EditJob is one file to hand to the go command, and which output to ask for. */
export interface EditJob {
  readonly kind: 'mod' | 'work';
  readonly data: string | Uint8Array;
  readonly mode: 'json' | 'print';
  /** Extra editing flags placed before -json / -print. */
  readonly flags?: readonly string[];
}

/** EditRun is what go printed; text decoded the way the parser decodes bytes. */
export interface EditRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** goAvailable reports whether the oracle go command can be run. */
export function goAvailable(): boolean {
  return hasGo();
}

function runOne(args: string[], cwd: string, env: Record<string, string>): Promise<EditRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(GO_BINARY, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        exitCode: code ?? 1,
        stdout: decodeGoBytes(new Uint8Array(Buffer.concat(out))),
        stderr: decodeGoBytes(new Uint8Array(Buffer.concat(err))),
      }),
    );
  });
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/**
 * runGoEditBatch runs every job (each file in a directory of its own, named go.mod or go.work and
 * passed by that relative name) at most `concurrency` at a time, results in job order.
 */
export async function runGoEditBatch(jobs: readonly EditJob[], concurrency = 2): Promise<EditRun[]> {
  const root = mkdtempSync(join(tmpdir(), 'modfile-oracle-'));
  try {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(hermeticGoEnv({ root, proxy: 'off', gowork: 'off' }))) {
      if (v !== undefined) env[k] = v;
    }
    const results: EditRun[] = new Array(jobs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const i = next++;
        if (i >= jobs.length) return;
        const job = jobs[i]!;
        const dir = join(root, `j${i}`);
        mkdirSync(dir);
        const name = job.kind === 'mod' ? 'go.mod' : 'go.work';
        writeFileSync(join(dir, name), toBytes(job.data));
        results[i] = await runOne([job.kind, 'edit', ...(job.flags ?? []), `-${job.mode}`, name], dir, env);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
