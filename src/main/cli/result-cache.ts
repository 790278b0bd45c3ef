/**
 * Answers of read-only commands (`list -m all`, `graph`) are kept in GOMODX_CACHE and reused
 * while every input they depended on is byte for byte the same: the go.mod, go.work, go.sum
 * files and local replacements that were read, the files whose absence mattered, the GO*
 * environment and PATH (which go is local), the local go's GOROOT/VERSION and go.env, the
 * arguments, and the gomodx build. Module contents need no check: a version's
 * go.mod is fixed by go.sum. Only successful answers are kept. GOMODX_RESULT_CACHE=off turns
 * this off; so does running from source (tests), where there is no build id.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBytes, InputLog, type InputState } from '../services/input-log';
import { readGoEnv } from '../sources/go-env';
import type { CliContext } from './run';

declare const __GOMODX_BUILD_ID__: string | undefined;

const BUILD_ID = typeof __GOMODX_BUILD_ID__ === 'string' ? __GOMODX_BUILD_ID__ : undefined;

interface StoredAnswer {
  inputs: [string, InputState][];
  stdout: string;
}

function enabled(ctx: CliContext, build: string | undefined): build is string {
  return build !== undefined && ctx.env.GOMODX_RESULT_CACHE !== 'off';
}

function answerFile(ctx: CliContext, verb: string, args: readonly string[], build: string): string {
  const env = Object.entries(ctx.env)
    .filter(([k]) => k.startsWith('GO') || k === 'HOME' || k === 'PATH' || k.startsWith('XDG_'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = createHash('sha256').update(JSON.stringify({ build, verb, args, dir: ctx.dir, env })).digest('hex');
  return join(readGoEnv(ctx.env).GOMODX_CACHE, 'answers', key.slice(0, 2), `${key}.json`);
}

function currentState(path: string, recorded: InputState): InputState | 'present' {
  try {
    if (recorded === null) return existsSync(path) ? 'present' : null;
    if (recorded === 'dir') return statSync(path).isDirectory() ? 'dir' : 'present';
    return hashBytes(readFileSync(path));
  } catch {
    return null;
  }
}

/** reusedAnswer returns the stored stdout of this command if none of its inputs changed. */
export function reusedAnswer(ctx: CliContext, verb: string, args: readonly string[], build = BUILD_ID): string | undefined {
  if (!enabled(ctx, build)) return undefined;
  let stored: StoredAnswer;
  try {
    stored = JSON.parse(readFileSync(answerFile(ctx, verb, args, build), 'utf8')) as StoredAnswer;
  } catch {
    return undefined;
  }
  for (const [path, state] of stored.inputs) {
    if (currentState(path, state) !== state) return undefined;
  }
  return stored.stdout;
}

/** rememberAnswer stores a successful answer with the inputs it was computed from. */
export function rememberAnswer(ctx: CliContext, verb: string, args: readonly string[], inputs: InputLog, stdout: string, build = BUILD_ID): void {
  if (!enabled(ctx, build)) return;
  try {
    const file = answerFile(ctx, verb, args, build);
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ inputs: [...inputs.inputs], stdout } satisfies StoredAnswer));
    renameSync(tmp, file);
  } catch {
    // Not remembering an answer only costs time next run.
  }
}

export { InputLog };
