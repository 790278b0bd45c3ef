// Runs one universe through the go command and through gomodx (in-process, via runCli) and
// compares what they print. Kept apart from the test file so that the machinery itself can be
// tested with stubs before the real CLI exists.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runGo, type GoRun } from '../helpers/go-oracle';
import { goEnvFor, settleUniverse, type SettledUniverse } from '../helpers/universe/settle-universe';
import type { Universe } from '../helpers/universe/universe-model';

/** CliIo is what runCli gets instead of the process: its directory, environment and streams. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** RunCli is the in-process entry point of gomodx (src/main/cli/run.ts): argv without "gomodx". */
export type RunCli = (argv: string[], io: CliIo) => Promise<number>;

/** RUN_CLI_FILE is where the real runCli lives. */
export const RUN_CLI_FILE = fileURLToPath(new URL('../../src/main/cli/run.ts', import.meta.url));

/** envInteger reads a non-negative integer setting from the environment (fallback when unset). */
export function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}=${raw}: want a non-negative integer`);
  return n;
}

/**
 * loadRunCli imports runCli from file, or returns undefined when the file does not exist yet.
 *
 * The import specifier is computed at run time so that the typecheck does not depend on the CLI
 * being written; the signature is checked when the function is called.
 */
export async function loadRunCli(file: string = RUN_CLI_FILE): Promise<RunCli | undefined> {
  if (!existsSync(file)) return undefined;
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { runCli?: unknown };
  if (typeof mod.runCli !== 'function') throw new Error(`${file} does not export a runCli function`);
  return mod.runCli as RunCli;
}

/**
 * runGomodx calls runCli and collects its output like a process run. A throw becomes exit 70 and
 * a call still pending after timeoutMs exit 124, so one bad universe cannot sink the whole suite.
 */
export async function runGomodx(
  runCli: RunCli,
  args: readonly string[],
  opts: { cwd: string; env: Record<string, string | undefined>; timeoutMs?: number },
): Promise<GoRun> {
  let stdout = '';
  let stderr = '';
  let code: number;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  try {
    const call = runCli([...args], {
      cwd: opts.cwd,
      env: { ...opts.env },
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
    });
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        stderr += `gomodx did not finish within ${timeoutMs} ms\n`;
        resolve(124);
      }, timeoutMs);
    });
    code = await Promise.race([call, timeout]);
  } catch (e) {
    code = 70;
    stderr += `gomodx threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
  } finally {
    clearTimeout(timer);
  }
  return { code, stdout, stderr };
}

/** StderrMode says how much of stderr must agree when both tools fail. */
export type StderrMode = 'first-line' | 'full';

/** Verdict is the result of comparing two runs of the same command. */
export interface Verdict {
  readonly ok: boolean;
  /** reason says what differs: "exit status", "stdout" or "stderr". */
  readonly reason?: 'exit status' | 'stdout' | 'stderr';
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/**
 * compareRuns compares the go command's run with gomodx's: exit status as success or failure,
 * stdout byte for byte, and when both fail the first line (or all) of stderr.
 */
export function compareRuns(go: GoRun, gomodx: GoRun, mode: StderrMode): Verdict {
  if ((go.code === 0) !== (gomodx.code === 0)) return { ok: false, reason: 'exit status' };
  if (go.stdout !== gomodx.stdout) return { ok: false, reason: 'stdout' };
  if (go.code !== 0) {
    const same = mode === 'full' ? go.stderr === gomodx.stderr : firstLine(go.stderr) === firstLine(gomodx.stderr);
    if (!same) return { ok: false, reason: 'stderr' };
  }
  return { ok: true };
}

/**
 * lineDiff returns a unified-style diff of two texts ("-" lines only in a, "+" only in b), with
 * up to `context` unchanged lines around changes and at most maxLines lines of output.
 */
export function lineDiff(a: string, b: string, context = 2, maxLines = 80): string {
  const x = a.split('\n');
  const y = b.split('\n');
  // LCS table from the end; outputs here are at most a few thousand lines.
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { tag: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push({ tag: ' ', line: x[i]! });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ tag: '-', line: x[i]! });
      i++;
    } else {
      ops.push({ tag: '+', line: y[j]! });
      j++;
    }
  }
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach((op, k) => {
    if (op.tag === ' ') return;
    for (let d = Math.max(0, k - context); d <= Math.min(ops.length - 1, k + context); d++) keep[d] = true;
  });
  const out: string[] = [];
  let skipped = false;
  ops.forEach((op, k) => {
    if (!keep[k]) {
      skipped = true;
      return;
    }
    if (skipped && out.length > 0) out.push('@@');
    skipped = false;
    out.push(`${op.tag} ${op.line}`);
  });
  if (out.length > maxLines) return [...out.slice(0, maxLines), `... (${out.length - maxLines} more diff lines)`].join('\n');
  return out.join('\n');
}

/** CommandResult is one command of one universe, run by both tools. */
export interface CommandResult {
  readonly args: readonly string[];
  readonly go: GoRun;
  readonly gomodx?: GoRun;
  readonly verdict?: Verdict;
}

/** UniverseOutcome is everything learnt from one universe. */
export interface UniverseOutcome {
  readonly settled: SettledUniverse;
  readonly results: readonly CommandResult[];
  /** goProblems lists ways in which the go command did not behave as the generator intended. */
  readonly goProblems: readonly string[];
  /** kept tells whether the universe directory was left on disk (for a failure, or on request). */
  readonly kept: boolean;
}

/** goSanityProblems checks go's runs against the universe's intent. */
export function goSanityProblems(s: SettledUniverse, results: readonly CommandResult[]): string[] {
  const problems: string[] = [];
  const u = s.universe;
  const list = results.find((r) => r.args.join(' ') === 'list -m all');
  if (s.settle === 'unsettled') problems.push(`go could not settle the draft go.mod:\n${s.note ?? ''}`);
  if (list) {
    if (u.intent === 'consistent' && list.go.code !== 0) {
      problems.push(`go list -m all failed on a consistent universe:\n${list.go.stderr}`);
    }
    if (u.intent === 'inconsistent' && s.settle === 'kept-inconsistent') {
      if (list.go.code === 0) problems.push('go list -m all succeeded on a universe kept inconsistent');
      else if (!/updates to go\.mod needed|ignoring requirement on excluded version/.test(list.go.stderr)) {
        problems.push(`go list -m all failed for an unexpected reason:\n${list.go.stderr}`);
      }
    }
    if (u.intent === 'error') {
      if (list.go.code === 0) problems.push('go list -m all succeeded on an error case');
      else if (u.expectedError && !list.go.stderr.includes(u.expectedError)) {
        problems.push(`go list -m all stderr lacks ${JSON.stringify(u.expectedError)}:\n${list.go.stderr}`);
      }
    }
  }
  if (u.intent !== 'error') {
    for (const r of results) {
      if (r.go.stderr.includes('missing go.sum entry')) {
        problems.push(`go ${r.args.join(' ')} reported a missing go.sum entry:\n${r.go.stderr}`);
      }
    }
  }
  return problems;
}

/** RunUniverseOptions controls one universe's run. */
export interface RunUniverseOptions {
  /** root is a fresh directory for this universe. */
  readonly root: string;
  /** runCli is gomodx; without it only the go command runs. */
  readonly runCli?: RunCli;
  /** keep leaves the directory on disk even when everything agreed. */
  readonly keep?: boolean;
}

/**
 * runUniverse settles u on disk, runs every command with go, then with gomodx, and compares.
 *
 * gomodx gets go's environment, but for `list -m all` and `mod graph` an empty module cache of
 * its own (so it fetches through the file:// proxy itself), and for `list -m -json all` the cache
 * go has just filled (so that the Dir and GoMod paths can agree).
 */
export async function runUniverse(u: Universe, opts: RunUniverseOptions): Promise<UniverseOutcome> {
  await mkdir(opts.root, { recursive: true });
  const settled = await settleUniverse(u, opts.root);
  const su = settled.universe;
  const goCache = path.join(opts.root, 'go-modcache');
  const goEnv = goEnvFor(su, settled.layout, goCache);
  const cwd = settled.layout.runDir;
  const goRuns: GoRun[] = [];
  for (const args of su.commands) goRuns.push(await runGo(args, { cwd, env: goEnv }));
  const results: CommandResult[] = [];
  const mode: StderrMode = su.intent === 'error' ? 'full' : 'first-line';
  for (let i = 0; i < su.commands.length; i++) {
    const args = su.commands[i]!;
    const go = goRuns[i]!;
    if (!opts.runCli) {
      results.push({ args, go });
      continue;
    }
    const usesGoCache = args.includes('-json') && args[0] === 'list';
    const env = usesGoCache
      ? goEnv
      : { ...goEnv, GOMODCACHE: path.join(opts.root, `gomodx-modcache-${i}`) };
    const gomodx = await runGomodx(opts.runCli, args, { cwd, env });
    results.push({ args, go, gomodx, verdict: compareRuns(go, gomodx, mode) });
  }
  const goProblems = goSanityProblems(settled, results);
  const failed = goProblems.length > 0 || results.some((r) => r.verdict && !r.verdict.ok);
  const kept = failed || !!opts.keep;
  if (!kept) await rm(opts.root, { recursive: true, force: true });
  return { settled, results, goProblems, kept };
}

/** reproduceHint tells how to run one universe again. */
export function reproduceHint(u: Universe): string {
  const test = 'npx vitest run --config test/vitest.config.ts test/differential/resolve.test.ts';
  return u.intent === 'error'
    ? `GOMODX_DIFF_COUNT=0 ${test} -t '${u.name}'`
    : `GOMODX_DIFF_SEED=${u.seed} GOMODX_DIFF_COUNT=1 ${test}`;
}

/** mismatchReport describes every command on which gomodx and go disagree in one universe. */
export function mismatchReport(o: UniverseOutcome): string {
  const u = o.settled.universe;
  const parts: string[] = [];
  for (const r of o.results) {
    if (!r.verdict || r.verdict.ok || !r.gomodx) continue;
    const head = `$ ${r.args.join(' ')}  (${r.verdict.reason} differs; go exit ${r.go.code}, gomodx exit ${r.gomodx.code})`;
    let body: string;
    // JSON objects span many lines: more context shows which module a changed field belongs to.
    if (r.verdict.reason === 'stdout') body = lineDiff(r.go.stdout, r.gomodx.stdout, r.args.includes('-json') ? 8 : 2);
    else body = lineDiff(r.go.stderr, r.gomodx.stderr);
    if (r.verdict.reason === 'exit status' && r.go.stdout !== r.gomodx.stdout) {
      body += '\n-- stdout --\n' + lineDiff(r.go.stdout, r.gomodx.stdout);
    }
    parts.push(`${head}\n--- go\n+++ gomodx\n${body}`);
  }
  if (parts.length === 0) return '';
  return [
    `universe ${u.name} (seed ${u.seed}, ${u.intent}, settle ${o.settled.settle}): gomodx differs from go`,
    `tags: ${u.tags.join(' ')}`,
    `directory kept: ${o.settled.layout.root} (commands run in ${o.settled.layout.runDir})`,
    `reproduce: ${reproduceHint(u)}`,
    ...parts,
  ].join('\n');
}

/** mapWithConcurrency runs fn over items with at most limit calls in flight, keeping order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
