/**
 * Where a project stops being small enough to draw version by version at a readable size. Past
 * this, the explorer opens on the overview and shows a selected module's why paths on their
 * own (a module's place in a drawing of a thousand boxes cannot be read at once).
 */
import type { ModuleGraphDto } from '../../../shared/model/module-graph';

/** LARGE_PROJECT_VERSIONS is the number of module versions from which a project counts as large. */
export const LARGE_PROJECT_VERSIONS = 250;

/** READABLE_ZOOM is the lowest zoom at which the 11px node labels still render at 9px or more. */
export const READABLE_ZOOM = 0.85;

/** isLargeProject tells whether graph is drawn as an overview first. */
export function isLargeProject(graph: ModuleGraphDto | undefined): boolean {
  return !!graph && graph.nodes.length >= LARGE_PROJECT_VERSIONS;
}
