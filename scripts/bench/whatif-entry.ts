/**
 * In-process part of scripts/bench-whatif.mjs, bundled by it with esbuild: open a project as
 * `gomodx get` does, then preview `go get MOD@QUERY` for every module of the build list, once
 * to warm the caches (version lists, go.mod files) and once timed.
 */
import { isToolchainPath } from '../../src/main/core/gover/gover';
import { openGetProject, previewGet } from '../../src/main/services/get-modules';

/** WhatIfTimes is what benchWhatIf measured, in milliseconds. */
export interface WhatIfTimes {
  readonly openMs: number;
  readonly warmMs: number;
  readonly buildListSize: number;
  readonly runs: readonly { readonly module: string; readonly ms: number; readonly ok: boolean; readonly changes: number }[];
}

/** benchWhatIf previews `get m@query` for every build-list module m of the project in dir. */
export async function benchWhatIf(
  dir: string,
  env: Record<string, string | undefined>,
  query: string,
  limit: number,
  log: (s: string) => void,
  check = false,
): Promise<WhatIfTimes> {
  // --check-taint: every edit round checks the marks it carries (slow; times mean nothing then).
  const t0 = performance.now();
  const p = await openGetProject({ dir, env, engine: check ? { checkTaint: true } : undefined });
  const { mg } = await p.project.loader.expandGraph(p.project.requirements);
  const mods = mg.graph
    .buildList()
    .filter((m) => m.version !== '' && !isToolchainPath(m.path))
    .slice(0, limit > 0 ? limit : undefined);
  const openMs = performance.now() - t0;
  log(`opened in ${openMs.toFixed(0)} ms; warming ${mods.length} previews (fetches version lists and go.mod files)`);
  const w0 = performance.now();
  let done = 0;
  for (const m of mods) {
    await previewGet(p, { args: [`${m.path}@${query}`] });
    if (++done % 100 === 0) log(`  warm ${done}/${mods.length}`);
  }
  const warmMs = performance.now() - w0;
  const runs: { module: string; ms: number; ok: boolean; changes: number }[] = [];
  for (const m of mods) {
    const s = performance.now();
    const plan = await previewGet(p, { args: [`${m.path}@${query}`] });
    runs.push({ module: m.path, ms: performance.now() - s, ok: plan.ok, changes: plan.changes.length });
  }
  return { openMs, warmMs, buildListSize: mg.graph.buildList().length, runs };
}
