import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, type GoRun } from '../helpers/go-oracle';
import { errorCaseUniverses } from '../helpers/universe/generate-error-cases';
import { generateUniverse } from '../helpers/universe/generate-universe';
import {
  compareRuns,
  lineDiff,
  loadRunCli,
  mapWithConcurrency,
  mismatchReport,
  runGomodx,
  runUniverse,
  type CliIo,
  type RunCli,
} from './differential-harness';
import { runCli as goPassThrough } from './run-cli-stub';

const run = (code: number, stdout: string, stderr = ''): GoRun => ({ code, stdout, stderr });

describe('compareRuns', () => {
  it.each([
    ['same success', run(0, 'a\n'), run(0, 'a\n'), 'first-line', undefined],
    ['success vs failure', run(0, 'a\n'), run(1, 'a\n'), 'first-line', 'exit status'],
    ['exit codes differ but both fail', run(1, '', 'go: x\n'), run(2, '', 'go: x\n'), 'first-line', undefined],
    ['stdout differs', run(0, 'a\n'), run(0, 'a\nb\n'), 'first-line', 'stdout'],
    ['trailing newline matters', run(0, 'a\n'), run(0, 'a'), 'first-line', 'stdout'],
    ['first stderr line differs', run(1, '', 'go: x\n'), run(1, '', 'go: y\n'), 'first-line', 'stderr'],
    ['later stderr lines ignored', run(1, '', 'go: x\n\tA\n'), run(1, '', 'go: x\n\tB\n'), 'first-line', undefined],
    ['later stderr lines compared in full mode', run(1, '', 'go: x\n\tA\n'), run(1, '', 'go: x\n\tB\n'), 'full', 'stderr'],
    ['stderr ignored on success', run(0, 'a\n', 'go: downloading\n'), run(0, 'a\n'), 'full', undefined],
  ] as const)('%s', (_name, go, gomodx, mode, reason) => {
    const v = compareRuns(go, gomodx, mode);
    expect(v.ok).toBe(reason === undefined);
    expect(v.reason).toBe(reason);
  });
});

describe('lineDiff', () => {
  it('marks removed and added lines with context', () => {
    const d = lineDiff('a\nb\nc\nd\ne\nf\ng\n', 'a\nb\nc\nX\ne\nf\ng\n', 1);
    expect(d.split('\n')).toEqual(['  c', '- d', '+ X', '  e']);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n * 3));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe('loadRunCli', () => {
  it('loads runCli from a module file', async () => {
    const stub = fileURLToPath(new URL('./run-cli-stub.ts', import.meta.url));
    expect(typeof (await loadRunCli(stub))).toBe('function');
  });
  it('returns undefined when the file does not exist', async () => {
    expect(await loadRunCli('/nonexistent/run.ts')).toBeUndefined();
  });
});

describe.skipIf(!hasGo())('runUniverse', () => {
  let base = '';
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-harness-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const inconsistent = errorCaseUniverses().find((u) => u.name === 'error-inconsistent-requirements')!;

  it.each([generateUniverse(11), generateUniverse(12), inconsistent])(
    'finds no difference when gomodx is replaced by go ($name)',
    async (u) => {
      const root = path.join(base, u.name);
      const o = await runUniverse(u, { root, runCli: goPassThrough });
      expect(o.goProblems).toEqual([]);
      expect(o.results.map((r) => r.verdict?.ok)).toEqual(u.commands.map(() => true));
      expect(mismatchReport(o)).toBe('');
      expect(o.kept).toBe(false);
      expect(existsSync(root)).toBe(false);
    },
  );

  it('gives gomodx its own empty module cache, except for list -m -json', async () => {
    const seen: { argv: string[]; io: CliIo }[] = [];
    const recording: RunCli = async (argv, io) => {
      seen.push({ argv, io });
      return goPassThrough(argv, io);
    };
    const u = generateUniverse(13);
    const o = await runUniverse(u, { root: path.join(base, 'env-check'), runCli: recording, keep: true });
    const goCache = path.join(o.settled.layout.root, 'go-modcache');
    for (const { argv, io } of seen) {
      expect(io.cwd).toBe(o.settled.layout.runDir);
      expect(io.env.GOPROXY).toBe(o.settled.layout.proxyUrl);
      expect(io.env.GOTOOLCHAIN).toBe('local');
      if (argv.join(' ') === 'list -m -json all') expect(io.env.GOMODCACHE).toBe(goCache);
      else expect(io.env.GOMODCACHE).not.toBe(goCache);
    }
    expect(seen.map((s) => s.argv.join(' '))).toEqual(u.commands.map((c) => c.join(' ')));
  });

  it('reports a difference with the seed, a diff, and the kept directory', async () => {
    const dropLastEdge: RunCli = async (argv, io) => {
      if (argv.join(' ') !== 'mod graph') return goPassThrough(argv, io);
      let out = '';
      const code = await goPassThrough(argv, { ...io, stdout: (s) => (out += s) });
      io.stdout(out.split('\n').slice(0, -2).join('\n') + '\n');
      return code;
    };
    const u = generateUniverse(14);
    const o = await runUniverse(u, { root: path.join(base, 'mismatch'), runCli: dropLastEdge });
    const graph = o.results.find((r) => r.args.join(' ') === 'mod graph')!;
    expect(graph.verdict).toEqual({ ok: false, reason: 'stdout' });
    const lastEdge = graph.go.stdout.trimEnd().split('\n').pop()!;
    const report = mismatchReport(o);
    expect(report).toContain('seed 14');
    expect(report).toContain('GOMODX_DIFF_SEED=14 GOMODX_DIFF_COUNT=1');
    expect(report).toContain(`- ${lastEdge}`);
    expect(report).toContain(o.settled.layout.root);
    expect(o.kept).toBe(true);
    expect(existsSync(o.settled.layout.root)).toBe(true);
  });

  it('gives up on a gomodx call that never finishes', async () => {
    const hanging: RunCli = () => new Promise<number>(() => undefined);
    const res = await runGomodx(hanging, ['mod', 'graph'], { cwd: base, env: {}, timeoutMs: 50 });
    expect(res.code).toBe(124);
    expect(res.stderr).toContain('did not finish within 50 ms');
  });

  it('turns an exception in gomodx into a failed run, not a crash', async () => {
    const throwing: RunCli = async () => {
      throw new Error('boom');
    };
    const o = await runUniverse(generateUniverse(15), { root: path.join(base, 'throw'), runCli: throwing });
    const list = o.results[0]!;
    expect(list.gomodx!.code).toBe(70);
    expect(list.gomodx!.stderr).toContain('gomodx threw: Error: boom');
    expect(mismatchReport(o)).toContain('list -m all');
  });
});
