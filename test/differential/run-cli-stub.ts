// A stand-in for src/main/cli/run.ts with the same runCli signature, which hands every command to
// the go command: with it the differential suite must report no mismatch, which tests the
// harness (environments, caches, comparison) independently of gomodx.
import { runGo } from '../helpers/go-oracle';
import type { CliIo } from './differential-harness';

/** runCli runs `go <argv>` in io.cwd with io.env and forwards its output. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const res = await runGo(argv, { cwd: io.cwd, env: io.env });
  io.stdout(res.stdout);
  io.stderr(res.stderr);
  return res.code;
}
