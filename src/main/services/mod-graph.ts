import { formatModule } from '../core/mvs/build-list-error';
import type { ModuleGraphResult } from '../core/modload/loader';
import { formatFailure, type CommandOutput } from './list-modules';
import type { Project } from './project';

/** graphText prints a loaded graph as `go mod graph` does: breadth-first, edges in go.mod order. */
export function graphText(mg: ModuleGraphResult): string {
  const out: string[] = [];
  mg.graph.walkBreadthFirst((m) => {
    const from = formatModule(m);
    for (const r of mg.graph.requiredBy(m) ?? []) out.push(`${from} ${formatModule(r)}\n`);
  });
  return out.join('');
}

/** modGraph is `go mod graph`: the graph after roots are made consistent in memory. */
export async function modGraph(project: Project): Promise<CommandOutput & { graph?: ModuleGraphResult }> {
  try {
    const { mg } = await project.loader.expandGraph(project.requirements);
    project.persist();
    return { stdout: graphText(mg), stderr: '', code: 0, graph: mg };
  } catch (e) {
    return { stdout: '', stderr: formatFailure(e as Error), code: 1 };
  }
}
