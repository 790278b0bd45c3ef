/**
 * Which part of the module graph is on screen: the view options (hide lost versions, show
 * go/toolchain, path-prefix filter, focus, collapsed families) applied to the graph DTO. Pure,
 * so the store memoises it and the tests run it in Node.
 */
import type { ModuleGraphDto, ModuleNodeDto } from '../../../shared/model/module-graph';
import { ancestorsOf, indexGraph, type GraphIndex } from './graph-index';
import { overviewGraph } from './overview-graph';

export { ancestorsOf, indexGraph, type GraphIndex } from './graph-index';

/**
 * FocusMode: the node with its requirers and requirements, every path from a main module to it,
 * or the why paths the explanation chose (their nodes are given).
 */
export type FocusMode = 'neighbors' | 'paths' | 'why';

/** Focus narrows the graph to one module's surroundings. */
export interface Focus {
  readonly id: string;
  readonly mode: FocusMode;
  /** For 'why': the nodes of the chosen why paths. */
  readonly nodes?: readonly string[];
  /** For 'why': the requirements on those paths ("from to"), the only edges drawn. */
  readonly edges?: readonly string[];
}

/** ViewMode: one box per selected module with groups for the rest (large graphs), or every version. */
export type ViewMode = 'overview' | 'full';

/** ViewOptions are the user's choices of what to show. */
export interface ViewOptions {
  readonly showUnselected: boolean;
  readonly showToolchain: boolean;
  /** Only modules whose path starts with this (main modules always stay, as anchors). */
  readonly prefix: string;
  readonly focus?: Focus;
  /** Families drawn as one node. */
  readonly collapsed: readonly string[];
  /** Overview or every version (absent: every version). */
  readonly mode?: ViewMode;
  /** Overview groups drawn member by member. */
  readonly expanded?: readonly string[];
}

/** GroupCounts are the marks an overview box carries for what it stands for. */
export interface GroupCounts {
  /** Versions of these paths that lost to a higher one. */
  readonly lost: number;
  readonly excluded: number;
  readonly replaced: number;
}

/**
 * VisibleNode is a module version on screen, a collapsed family standing for several, or an
 * overview group standing for the selected modules under a path prefix.
 */
export type VisibleNode =
  | {
      readonly kind: 'module';
      readonly id: string;
      readonly node: ModuleNodeDto;
      /** Overview only: lost and excluded versions of its path, which the overview does not draw. */
      readonly counts?: GroupCounts;
      /** Overview only: the expanded group it is drawn in. */
      readonly group?: string;
    }
  | { readonly kind: 'family'; readonly id: string; readonly family: string; readonly members: readonly ModuleNodeDto[] }
  | { readonly kind: 'group'; readonly id: string; readonly key: string; readonly members: readonly ModuleNodeDto[]; readonly counts: GroupCounts };

/**
 * VisibleEdgeKind: a requirement as go prints it; one an exclude removed; one redirected
 * to the selected version because the version asked for is hidden (it lost); or, in the
 * overview, requirements between what stands for their ends (modules and groups).
 */
export type VisibleEdgeKind = 'require' | 'excluded' | 'upgraded' | 'summary';

/** VisibleEdge is an edge on screen. */
export interface VisibleEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: VisibleEdgeKind;
}

/** VisibleGraph is what the graph view draws. */
export interface VisibleGraph {
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly VisibleEdge[];
  /** Nodes of the DTO left out by the options (for the status bar). */
  readonly hidden: number;
}

/** familyNodeId is the id of a collapsed family's node. */
export function familyNodeId(family: string): string {
  return `family:${family}`;
}

function focusSet(index: GraphIndex, focus: Focus): Set<string> | undefined {
  if (!index.byId.has(focus.id)) return undefined;
  if (focus.mode === 'why') return new Set([focus.id, ...(focus.nodes ?? [])].filter((id) => index.byId.has(id)));
  if (focus.mode === 'paths') return ancestorsOf(index, focus.id);
  const s = new Set<string>([focus.id]);
  for (const e of index.out.get(focus.id) ?? []) s.add(e.to);
  for (const e of index.in.get(focus.id) ?? []) s.add(e.from);
  return s;
}

/** visibleGraph applies the view options to a graph. */
export function visibleGraph(dto: ModuleGraphDto, opts: ViewOptions): VisibleGraph {
  if (opts.mode === 'overview' && !opts.focus) return overviewGraph(dto, opts.prefix.trim(), opts.expanded ?? []);
  const index = indexGraph(dto);
  const focus = opts.focus ? focusSet(index, opts.focus) : undefined;
  const prefix = opts.prefix.trim();
  const shown = (n: ModuleNodeDto): boolean => {
    if (focus && !focus.has(n.id)) return false;
    if (!opts.showToolchain && (n.kind === 'go' || n.kind === 'toolchain')) return false;
    if (n.kind === 'main') return true;
    // The focused node stays even when it is a lost version: the user asked for it.
    if (!opts.showUnselected && !n.selected && n.id !== opts.focus?.id) return false;
    if (prefix !== '' && !n.path.startsWith(prefix)) return false;
    return true;
  };
  const visible = new Set<string>();
  for (const n of dto.nodes) if (shown(n)) visible.add(n.id);

  const collapsed = new Set(opts.collapsed);
  const repr = (id: string): string => {
    const n = index.byId.get(id)!;
    return n.kind === 'module' && collapsed.has(n.family) ? familyNodeId(n.family) : id;
  };

  const nodes: VisibleNode[] = [];
  const families = new Map<string, ModuleNodeDto[]>();
  for (const n of dto.nodes) {
    if (!visible.has(n.id)) continue;
    const r = repr(n.id);
    if (r === n.id) nodes.push({ kind: 'module', id: n.id, node: n });
    else {
      if (!families.has(n.family)) families.set(n.family, []);
      families.get(n.family)!.push(n);
    }
  }
  for (const [family, members] of families) nodes.push({ kind: 'family', id: familyNodeId(family), family, members });

  const edges: VisibleEdge[] = [];
  const seenEdge = new Set<string>();
  const push = (from: string, to: string, kind: VisibleEdgeKind): void => {
    const a = repr(from);
    const b = repr(to);
    if (a === b) return;
    const id = `${a} ${b} ${kind}`;
    if (seenEdge.has(id)) return;
    // A requirement already drawn as-is makes a redirected duplicate redundant.
    if (kind === 'upgraded' && seenEdge.has(`${a} ${b} require`)) return;
    seenEdge.add(id);
    edges.push({ id, from: a, to: b, kind });
  };
  const onPaths = opts.focus?.mode === 'why' && opts.focus.edges ? new Set(opts.focus.edges) : undefined;
  for (const e of dto.edges) {
    if (!visible.has(e.from)) continue;
    if (onPaths && !onPaths.has(`${e.from} ${e.to}`)) continue;
    if (visible.has(e.to)) {
      push(e.from, e.to, e.kind);
      continue;
    }
    // The version asked for is hidden because it lost: point at the winner instead.
    const target = index.byId.get(e.to);
    if (e.kind === 'require' && target && !opts.showUnselected && !target.selected) {
      const winner = index.selectedOf.get(target.path);
      if (winner && visible.has(winner)) push(e.from, winner, 'upgraded');
    }
  }
  return { nodes, edges, hidden: dto.nodes.length - visible.size };
}
