import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputLog, rememberAnswer, reusedAnswer } from './result-cache';
import type { CliContext } from './run';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'gomodx-answers-'));
  await writeFile(join(dir, 'go.mod'), 'module m\n');
  const ctx: CliContext = { cwd: dir, dir, env: { HOME: dir, GOMODX_CACHE: join(dir, 'cache'), GOENV: 'off' }, args: [], stdout: () => undefined, stderr: () => undefined };
  const log = new InputLog();
  log.file(join(dir, 'go.mod'), 'module m\n');
  log.missing(join(dir, 'go.work'));
  log.missing(join(dir, 'vendor'));
  rememberAnswer(ctx, 'list', ['-m', 'all'], log, 'm\n', 'build-1');
  return { dir, ctx };
}

describe('result cache', () => {
  it('reuses an answer while its inputs are unchanged, for the same build and arguments only', async () => {
    const { ctx } = await setup();
    expect(reusedAnswer(ctx, 'list', ['-m', 'all'], 'build-1')).toBe('m\n');
    expect(reusedAnswer(ctx, 'list', ['-m', 'all'], 'build-2')).toBeUndefined();
    expect(reusedAnswer(ctx, 'graph', [], 'build-1')).toBeUndefined();
    expect(reusedAnswer({ ...ctx, env: { ...ctx.env, GOFLAGS: '-mod=mod' } }, 'list', ['-m', 'all'], 'build-1')).toBeUndefined();
  });

  it('forgets it when a file it read changes', async () => {
    const { dir, ctx } = await setup();
    await writeFile(join(dir, 'go.mod'), 'module m\n\ngo 1.21\n');
    expect(reusedAnswer(ctx, 'list', ['-m', 'all'], 'build-1')).toBeUndefined();
  });

  it('forgets it when a file whose absence mattered appears', async () => {
    const { dir, ctx } = await setup();
    await writeFile(join(dir, 'go.work'), 'go 1.21\n');
    expect(reusedAnswer(ctx, 'list', ['-m', 'all'], 'build-1')).toBeUndefined();
    await rm(join(dir, 'go.work'));
    await mkdir(join(dir, 'vendor'));
    expect(reusedAnswer(ctx, 'list', ['-m', 'all'], 'build-1')).toBeUndefined();
  });

  it('is off when asked, and when running from source without a build id', async () => {
    const { ctx } = await setup();
    expect(reusedAnswer({ ...ctx, env: { ...ctx.env, GOMODX_RESULT_CACHE: 'off' } }, 'list', ['-m', 'all'], 'build-1')).toBeUndefined();
    expect(reusedAnswer(ctx, 'list', ['-m', 'all'])).toBeUndefined();
  });
});
