/**
 * The requirement trees of the details panel: who requires a module version, up to the main
 * modules (an inverted tree, as `cargo tree -i` prints), and what it requires, down to the
 * leaves. Both follow the requirement edges `go mod graph` prints; a node met again on the same
 * branch is a cycle and is not expanded again.
 */
import type { GraphIndex } from './visible-graph';

/** TreeDirection: "requirers" walks up to the main modules, "requirements" walks down. */
export type TreeDirection = 'requirers' | 'requirements';

/** TreeChild is one child of a tree node. */
export interface TreeChild {
  readonly id: string;
  /** True when it has children of its own in this direction. */
  readonly expandable: boolean;
  /** True when the child already appears on the branch above it (a cycle). */
  readonly cycle: boolean;
}

function next(index: GraphIndex, id: string, dir: TreeDirection): string[] {
  const edges = dir === 'requirers' ? index.in.get(id) : index.out.get(id);
  const ids = (edges ?? []).filter((e) => e.kind === 'require').map((e) => (dir === 'requirers' ? e.from : e.to));
  return [...new Set(ids)].sort((a, b) => Number(index.byId.get(b)?.selected ?? false) - Number(index.byId.get(a)?.selected ?? false) || (a < b ? -1 : a > b ? 1 : 0));
}

/** treeChildren lists the children of id on a branch whose ancestors (root first) are branch. */
export function treeChildren(index: GraphIndex, id: string, dir: TreeDirection, branch: readonly string[]): TreeChild[] {
  const above = new Set([...branch, id]);
  return next(index, id, dir).map((c) => ({ id: c, expandable: next(index, c, dir).length > 0, cycle: above.has(c) }));
}
