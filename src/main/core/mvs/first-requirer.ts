/**
 * Who raised a version: the first selected module, breadth first from the main modules, whose
 * requirements list exactly that version. Change reports (go get's, the what-if preview's) name it.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import type { RequirementGraph } from './graph';

/**
 * requirerIndex finds, for "path@version", the first selected module (breadth first) that
 * requires it, preferring a dependency to a main module: after go get a main go.mod lists the
 * raised version too, but it does so because a dependency asked for it.
 */
export function requirerIndex(graph: RequirementGraph): (m: ModuleVersion) => ModuleVersion | undefined {
  let index: Map<string, ModuleVersion> | undefined;
  return (m) => {
    if (!index) {
      const built = new Map<string, ModuleVersion>();
      graph.walkBreadthFirst((n) => {
        if (graph.selectedVersion(n.path) !== n.version) return;
        for (const r of graph.requiredBy(n) ?? []) {
          const k = `${r.path}@${r.version}`;
          const had = built.get(k);
          if (!had || (had.version === '' && n.version !== '')) built.set(k, n);
        }
      });
      index = built;
    }
    return index.get(`${m.path}@${m.version}`);
  };
}
