/**
 * The overview of a large graph: what a person can read at once. Each selected module is one
 * box (its lost and excluded versions are counted on it, not drawn); the main modules and their
 * direct requirements are always drawn; indirect modules are gathered into groups by path
 * prefix (path-groups.ts), each a box with its counts that expands in place. Requirements are
 * drawn between what stands for their ends, pointing at the version that won; a main module's
 * `// indirect` lines are left out (go >= 1.17 lists every module there, which says nothing
 * about who needs what). Pure.
 */
import type { ModuleGraphDto, ModuleNodeDto } from '../../../shared/model/module-graph';
import { groupPaths } from './path-groups';
import { indexGraph } from './graph-index';
import type { GroupCounts, VisibleEdge, VisibleGraph, VisibleNode } from './visible-graph';

/** groupNodeId is the id of an overview group's box. */
export function groupNodeId(key: string): string {
  return `group-of:${key}`;
}

interface PathMarks {
  lost: number;
  excluded: number;
}

function marksByPath(dto: ModuleGraphDto): Map<string, PathMarks> {
  const out = new Map<string, PathMarks>();
  for (const n of dto.nodes) {
    if (n.kind !== 'module' || n.selected) continue;
    let m = out.get(n.path);
    if (!m) out.set(n.path, (m = { lost: 0, excluded: 0 }));
    if (n.excluded) m.excluded++;
    else m.lost++;
  }
  return out;
}

function countsOf(members: readonly ModuleNodeDto[], marks: ReadonlyMap<string, PathMarks>): GroupCounts {
  let lost = 0;
  let excluded = 0;
  let replaced = 0;
  for (const m of members) {
    const k = marks.get(m.path);
    lost += k?.lost ?? 0;
    excluded += k?.excluded ?? 0;
    if (m.replacement) replaced++;
  }
  return { lost, excluded, replaced };
}

/** overviewGraph is the overview of dto: modules whose path starts with prefix, groups in expanded drawn member by member. */
export function overviewGraph(dto: ModuleGraphDto, prefix: string, expanded: readonly string[]): VisibleGraph {
  const index = indexGraph(dto);
  const marks = marksByPath(dto);
  const open = new Set(expanded);
  const nodes: VisibleNode[] = [];
  const repr = new Map<string, string>();
  const indirect: ModuleNodeDto[] = [];
  let drawn = 0;

  const addModule = (n: ModuleNodeDto, group?: string): void => {
    nodes.push({ kind: 'module', id: n.id, node: n, counts: countsOf([n], marks), ...(group ? { group } : {}) });
    repr.set(n.id, n.id);
    drawn++;
  };
  for (const n of dto.nodes) {
    if (n.kind === 'main') addModule(n);
    else if (n.kind !== 'module' || !n.selected || !n.path.startsWith(prefix)) continue;
    else if (n.dependency === 'direct') addModule(n);
    else indirect.push(n);
  }
  for (const g of groupPaths(indirect, (n) => n.family)) {
    if (g.members.length === 1) addModule(g.members[0]!);
    else if (open.has(g.key)) for (const m of g.members) addModule(m, g.key);
    else {
      const id = groupNodeId(g.key);
      nodes.push({ kind: 'group', id, key: g.key, members: g.members, counts: countsOf(g.members, marks) });
      for (const m of g.members) repr.set(m.id, id);
      drawn += g.members.length;
    }
  }

  const edges: VisibleEdge[] = [];
  const seen = new Set<string>();
  for (const e of dto.edges) {
    if (e.kind !== 'require') continue;
    const from = index.byId.get(e.from);
    const to = index.byId.get(e.to);
    if (!from || !to || !(from.kind === 'main' || from.selected)) continue;
    const winner = to.selected ? to : index.byId.get(index.selectedOf.get(to.path) ?? '');
    if (!winner || (from.kind === 'main' && winner.dependency === 'indirect')) continue;
    const a = repr.get(from.id);
    const b = repr.get(winner.id);
    if (!a || !b || a === b) continue;
    const id = `${a} ${b} summary`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, from: a, to: b, kind: 'summary' });
  }
  return { nodes, edges, hidden: dto.nodes.length - drawn };
}
