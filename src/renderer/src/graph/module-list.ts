/**
 * The module list beside the graph: one row per line of `go list -m all` (main modules first),
 * with what a person scans a big build for (who requires it, how many versions lost), and the
 * list's filter and sort. Pure, so the tests run it in Node.
 */
import type { DependencyKind, ModuleGraphDto } from '../../../shared/model/module-graph';
import { indexGraph } from './visible-graph';

/** ModuleRow is one module path of the build list. */
export interface ModuleRow {
  /** The node id of the selected version: what a click on the row selects. */
  readonly id: string;
  readonly path: string;
  /** The selected version ("" for a main module). */
  readonly version: string;
  readonly dependency: DependencyKind;
  /** Distinct modules whose requirement edge points at the selected version. */
  readonly requirers: number;
  /** Other versions of the path in the graph that MVS did not pick (excluded ones not counted). */
  readonly lost: number;
  /** Versions of the path that a main module's exclude removed. */
  readonly excluded: number;
  readonly replaced: boolean;
}

/** ListSort: by path, by most requirers, or by most lost versions. */
export type ListSort = 'name' | 'requirers' | 'lost';

/** ListQuery is what the user chose in the list's header. */
export interface ListQuery {
  /** A case-insensitive substring of the path. */
  readonly filter: string;
  readonly sort: ListSort;
  readonly directOnly: boolean;
}

const rowsCache = new WeakMap<ModuleGraphDto, readonly ModuleRow[]>();

function byPath(a: ModuleRow, b: ModuleRow): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** moduleRows lists the modules of a graph (once per DTO), main modules first, then by path. */
export function moduleRows(dto: ModuleGraphDto): readonly ModuleRow[] {
  const cached = rowsCache.get(dto);
  if (cached) return cached;
  const index = indexGraph(dto);
  const others = new Map<string, { lost: number; excluded: number }>();
  for (const n of dto.nodes) {
    if (n.selected || (n.kind !== 'module' && n.kind !== 'main')) continue;
    const o = others.get(n.path) ?? { lost: 0, excluded: 0 };
    if (n.excluded) o.excluded++;
    else o.lost++;
    others.set(n.path, o);
  }
  const rows: ModuleRow[] = [];
  for (const n of dto.nodes) {
    // go and toolchain are not modules of the build; `go list -m all` leaves them out too.
    if (!n.selected || (n.kind !== 'module' && n.kind !== 'main')) continue;
    const requirers = new Set<string>();
    for (const e of index.in.get(n.id) ?? []) if (e.kind === 'require') requirers.add(e.from);
    const o = others.get(n.path);
    rows.push({
      id: n.id,
      path: n.path,
      version: n.version,
      dependency: n.dependency,
      requirers: requirers.size,
      lost: o?.lost ?? 0,
      excluded: o?.excluded ?? 0,
      replaced: n.replacement !== undefined,
    });
  }
  rows.sort((a, b) => Number(b.dependency === 'main') - Number(a.dependency === 'main') || byPath(a, b));
  rowsCache.set(dto, rows);
  return rows;
}

const ORDER: Record<ListSort, (a: ModuleRow, b: ModuleRow) => number> = {
  name: byPath,
  requirers: (a, b) => b.requirers - a.requirers || byPath(a, b),
  lost: (a, b) => b.lost - a.lost || byPath(a, b),
};

/** queryRows filters and sorts rows; main modules stay on top of every order. */
export function queryRows(rows: readonly ModuleRow[], q: ListQuery): readonly ModuleRow[] {
  const needle = q.filter.trim().toLowerCase();
  const kept = rows.filter((r) => (needle === '' || r.path.toLowerCase().includes(needle)) && (!q.directOnly || r.dependency !== 'indirect'));
  const order = ORDER[q.sort];
  return kept.sort((a, b) => Number(b.dependency === 'main') - Number(a.dependency === 'main') || order(a, b));
}

/**
 * rowOfSelection is the position of the row for the selected node, matched by path so a lost
 * version selected in the graph still points at its module; -1 when there is none.
 */
export function rowOfSelection(dto: ModuleGraphDto, rows: readonly ModuleRow[], selectedId: string | undefined): number {
  const path = selectedId ? indexGraph(dto).byId.get(selectedId)?.path : undefined;
  return path === undefined ? -1 : rows.findIndex((r) => r.path === path);
}

/**
 * listOpenByDefault decides whether a newly opened project shows the list: as the user last left
 * it, closed at first. Beside the details panel it would leave a large graph too narrow to read
 * a why view at once; the toolbar's List button is one click away.
 */
export function listOpenByDefault(saved: string | null | undefined): boolean {
  return saved === 'open';
}
