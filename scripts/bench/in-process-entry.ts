/**
 * In-process part of scripts/bench.mjs, bundled by it with esbuild: open a project with the same
 * services the CLI uses, load its graph once, then time re-resolving the graph from the
 * summaries the loader already holds in memory.
 */
import { Requirements } from '../../src/main/core/modload/loader';
import { openProject } from '../../src/main/services/project';

/** ReResolveTimes is what benchReResolve measured, in milliseconds. */
export interface ReResolveTimes {
  readonly loadMs: number;
  readonly buildListSize: number;
  readonly runs: readonly number[];
}

/** benchReResolve loads dir once, then re-runs the graph resolution `runs` times from memory. */
export async function benchReResolve(dir: string, env: Record<string, string | undefined>, runs: number): Promise<ReResolveTimes> {
  const t0 = performance.now();
  const project = await openProject({ dir, env });
  const { rs, mg } = await project.loader.expandGraph(project.requirements);
  const loadMs = performance.now() - t0;
  const expected = mg.graph.buildList().length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const fresh = new Requirements(rs.pruning, rs.rootModules, rs.direct);
    const again = await fresh.graph(project.loader);
    const list = again.graph.buildList();
    times.push(performance.now() - s);
    if (list.length !== expected) throw new Error(`re-resolution gave ${list.length} modules, the first load ${expected}`);
  }
  return { loadMs, buildListSize: expected, runs: times };
}
