/**
 * Search with completion over module nodes: exact path first, then path prefix, then a match at
 * a path element boundary, then anywhere; ties by shorter path, then selected before lost.
 */
import type { ModuleNodeDto } from '../../../shared/model/module-graph';

/** SearchHit is one completion. */
export interface SearchHit {
  readonly id: string;
  readonly node: ModuleNodeDto;
  readonly score: number;
}

function score(n: ModuleNodeDto, q: string): number {
  const id = n.id.toLowerCase();
  const path = n.path.toLowerCase();
  if (id === q || path === q) return 0;
  if (path.startsWith(q) || id.startsWith(q)) return 1;
  const i = path.indexOf(q);
  if (i > 0 && (path[i - 1] === '/' || path[i - 1] === '.' || path[i - 1] === '-')) return 2;
  if (i >= 0) return 3;
  if (id.includes(q)) return 4;
  return -1;
}

/** searchNodes returns up to limit nodes matching query, best first. */
export function searchNodes(nodes: readonly ModuleNodeDto[], query: string, limit = 12): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hits: SearchHit[] = [];
  for (const n of nodes) {
    const s = score(n, q);
    if (s >= 0) hits.push({ id: n.id, node: n, score: s });
  }
  hits.sort((a, b) => a.score - b.score || a.node.path.length - b.node.path.length || Number(b.node.selected) - Number(a.node.selected) || (a.id < b.id ? -1 : 1));
  return hits.slice(0, limit);
}
