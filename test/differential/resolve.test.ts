// Differential suite: gomodx must print exactly what the go command prints for `list -m all`,
// `list -m -json all`, `mod graph`, `mod edit -json` and `work edit -json`, on random module
// universes and on hand-made error cases.
//
// GOMODX_DIFF_COUNT (default 300) and GOMODX_DIFF_SEED choose the universes: universe i has seed
// GOMODX_DIFF_SEED + i, so a failure printed with seed S is replayed alone by
// GOMODX_DIFF_SEED=S GOMODX_DIFF_COUNT=1. GOMODX_DIFF_KEEP=1 keeps every universe directory;
// GOMODX_DIFF_STUB=go runs the suite against a go pass-through instead of gomodx (a harness check).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo } from '../helpers/go-oracle';
import { generateUniverse } from '../helpers/universe/generate-universe';
import { errorCaseUniverses } from '../helpers/universe/generate-error-cases';
import type { Universe } from '../helpers/universe/universe-model';
import {
  envInteger,
  loadRunCli,
  mapWithConcurrency,
  mismatchReport,
  reproduceHint,
  runUniverse,
  type RunCli,
  type UniverseOutcome,
} from './differential-harness';
import { runCli as goPassThrough } from './run-cli-stub';
import { distributionReport } from './universe-report';

const COUNT = envInteger('GOMODX_DIFF_COUNT', 300);
const SEED = envInteger('GOMODX_DIFF_SEED', 20_240_611);
const KEEP = process.env.GOMODX_DIFF_KEEP === '1';
const CONCURRENCY = 2;

// A CLI that exists but cannot be loaded must fail the comparison tests, not hide them.
let runCliLoadError: unknown;
const runCli: RunCli | undefined =
  process.env.GOMODX_DIFF_STUB === 'go'
    ? goPassThrough
    : await loadRunCli().catch((e: unknown) => {
        runCliLoadError = e;
        return undefined;
      });

const random: Universe[] = Array.from({ length: COUNT }, (_, i) => generateUniverse((SEED + i) >>> 0));
const errors: Universe[] = errorCaseUniverses();
const universes = [...random, ...errors];

function title(u: Universe): string {
  const shown = u.tags.filter((t) => /^(workspace|unpruned|pruned|main-go:|replace:|exclude|incompatible)/.test(t));
  return u.intent === 'error' ? u.name : `${u.name} [${shown.join(' ')}]`;
}

describe.skipIf(!hasGo())('differential: gomodx vs the go command', () => {
  const outcomes = new Map<Universe, UniverseOutcome>();
  let base = '';

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'gomodx-diff-'));
    const results = await mapWithConcurrency(universes, CONCURRENCY, (u) =>
      runUniverse(u, { root: path.join(base, u.name), ...(runCli ? { runCli } : {}), keep: KEEP }),
    );
    universes.forEach((u, i) => outcomes.set(u, results[i]!));
  }, 600_000);

  afterAll(async () => {
    if (outcomes.size > 0) {
      console.log(
        `differential run: ${random.length} random universes from seed ${SEED}, ${errors.length} error cases; ` +
          `gomodx ${runCli ? (runCli === goPassThrough ? 'replaced by the go pass-through stub' : 'in-process') : 'not available (src/main/cli/run.ts missing): go side only'}\n\n` +
          distributionReport([...outcomes.values()]),
      );
    }
    if (base !== '' && (await readdir(base)).length === 0) await rm(base, { recursive: true, force: true });
    else if (base !== '') console.log(`universe directories kept under ${base}`);
  });

  describe('go behaves as each universe intends', () => {
    for (const u of universes) {
      it(title(u), () => {
        const o = outcomes.get(u);
        expect(o, 'universe did not run').toBeDefined();
        const problems = o!.goProblems;
        if (problems.length > 0) {
          throw new Error(
            `go on universe ${u.name} (seed ${u.seed}):\n${problems.join('\n')}\n` +
              `directory kept: ${o!.settled.layout.root}\nreproduce: ${reproduceHint(u)}`,
          );
        }
      });
    }
  });

  it.runIf(runCliLoadError !== undefined)('loads runCli from src/main/cli/run.ts', () => {
    throw runCliLoadError;
  });

  describe.skipIf(!runCli)('gomodx prints what go prints', () => {
    for (const u of universes) {
      it(title(u), () => {
        const o = outcomes.get(u);
        expect(o, 'universe did not run').toBeDefined();
        const report = mismatchReport(o!);
        if (report !== '') throw new Error(report);
      });
    }
  });
});
