/**
 * `gomodx why -m`: explain, for each named module, its selected version over the graph that
 * `go mod graph` prints (roots made consistent in memory, as go does for that command).
 */
import { GraphIndex, explainModule, type Explanation } from '../core/why/explain';
import { explanationJson, explanationText } from '../core/why/why-output';
import { ModuleQueries } from '../core/modload/query/query';
import { findError, ModuleRetractedError } from '../core/modload/query/query-errors';
import { ProxyModuleRepository } from '../sources/module-repository';
import { formatFailure, type CommandOutput } from './list-modules';
import type { Project } from './project';

/** WhyOptions selects the output form and how much is computed. */
export interface WhyOptions {
  readonly json: boolean;
  /** allPaths lists every simple chain to each winning requirer (at most maxPaths). */
  readonly allPaths?: boolean;
  readonly maxPaths?: number;
  /** deep reads hidden go.mod files to explain versions missing from the graph. */
  readonly deep?: boolean;
  /** retracted looks up retractions of the versions that appear (needs version lookups). */
  readonly retracted?: boolean;
}

/** whyIndex loads the graph of an opened project and indexes it for questions. */
export async function whyIndex(project: Project): Promise<GraphIndex> {
  const { mg } = await project.loader.expandGraph(project.requirements);
  return new GraphIndex(mg, project.loader);
}

/** whyModules explains each path and prints the answers. */
export async function whyModules(project: Project, paths: readonly string[], opts: WhyOptions): Promise<CommandOutput & { explanations: Explanation[] }> {
  let index: GraphIndex;
  try {
    index = await whyIndex(project);
  } catch (e) {
    return { stdout: '', stderr: formatFailure(e as Error), code: 1, explanations: [] };
  }
  let retraction: ((m: { path: string; version: string }) => Promise<string | undefined>) | undefined;
  if (opts.retracted) {
    const repo = new ProxyModuleRepository({ fetcher: project.fetcher, env: project.env, sums: project.loader.opts.sums });
    const queries = new ModuleQueries({ loader: project.loader, repo });
    retraction = async (m) => {
      const err = await queries.checkRetractions(m);
      return err ? findError(err, ModuleRetractedError)?.message : undefined;
    };
  }
  const explanations: Explanation[] = [];
  for (const p of paths) {
    explanations.push(await explainModule(index, p, { allPaths: opts.allPaths, maxPaths: opts.maxPaths, deep: opts.deep, retraction }));
  }
  const stdout = explanations.map((e) => (opts.json ? explanationJson(e) : explanationText(e, index))).join(opts.json ? '' : '\n');
  return { stdout, stderr: '', code: 0, explanations };
}
