/**
 * Where known vulnerabilities show on the drawn graph: each vulnerable selected version is
 * marked "vulnerable"; a box standing for several versions (a collapsed family, an overview
 * group of a large project) that holds one is marked "has-vulnerable". Marks are classes added
 * after layout, like the what-if marks, so nothing moves.
 */
import type { VisibleGraph } from './visible-graph';

/** vulnMarks returns the class to add to each drawn node, for the vulnerable node ids. */
export function vulnMarks(g: VisibleGraph, vulnerable: ReadonlySet<string>): Map<string, 'vulnerable' | 'has-vulnerable'> {
  const out = new Map<string, 'vulnerable' | 'has-vulnerable'>();
  if (vulnerable.size === 0) return out;
  for (const v of g.nodes) {
    if (v.kind === 'module') {
      if (vulnerable.has(v.node.id)) out.set(v.id, 'vulnerable');
    } else if (v.members.some((m) => vulnerable.has(m.id))) out.set(v.id, 'has-vulnerable');
  }
  return out;
}
