/** Lookup tables of a graph DTO (by id, edges out and in, the selected version of each path), built once per DTO. */
import type { ModuleEdgeDto, ModuleGraphDto, ModuleNodeDto } from '../../../shared/model/module-graph';

/** GraphIndex answers neighbour questions about a DTO quickly. */
export interface GraphIndex {
  readonly byId: ReadonlyMap<string, ModuleNodeDto>;
  readonly out: ReadonlyMap<string, readonly ModuleEdgeDto[]>;
  readonly in: ReadonlyMap<string, readonly ModuleEdgeDto[]>;
  /** The selected version's node id of each path. */
  readonly selectedOf: ReadonlyMap<string, string>;
}

const indexCache = new WeakMap<ModuleGraphDto, GraphIndex>();

/** indexGraph builds (once per DTO) the lookup tables of a graph. */
export function indexGraph(dto: ModuleGraphDto): GraphIndex {
  const cached = indexCache.get(dto);
  if (cached) return cached;
  const byId = new Map<string, ModuleNodeDto>();
  const out = new Map<string, ModuleEdgeDto[]>();
  const inc = new Map<string, ModuleEdgeDto[]>();
  const selectedOf = new Map<string, string>();
  for (const n of dto.nodes) {
    byId.set(n.id, n);
    if (n.selected) selectedOf.set(n.path, n.id);
  }
  for (const e of dto.edges) {
    if (!out.has(e.from)) out.set(e.from, []);
    out.get(e.from)!.push(e);
    if (!inc.has(e.to)) inc.set(e.to, []);
    inc.get(e.to)!.push(e);
  }
  const index = { byId, out, in: inc, selectedOf };
  indexCache.set(dto, index);
  return index;
}

/** ancestorsOf returns id and every node that (transitively) requires it. */
export function ancestorsOf(index: GraphIndex, id: string): Set<string> {
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    const cur = queue.pop()!;
    for (const e of index.in.get(cur) ?? []) {
      if (!seen.has(e.from)) {
        seen.add(e.from);
        queue.push(e.from);
      }
    }
  }
  return seen;
}
