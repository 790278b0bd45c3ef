/**
 * The columns layout for large graphs: ranks by distance from the main module(s), left to
 * right; within a rank, families (foo, foo/v2 and all their versions) as one block, sorted by
 * path; a rank taller than the window wraps into several columns. It is linear in the graph's
 * size, never overlaps nodes, keeps family boxes compact and puts modules in a predictable
 * (alphabetical) place, which a force layout of a module graph (one hub requiring nearly
 * everything) does not: there every node crowds around the main module.
 */
import type { ElementDefinition } from 'cytoscape';
import type { Positions } from './layout';

const GAP_Y = 12;
const GAP_INNER = 8;
const GAP_X = 48;
const RANK_GAP = 160;
const PAD = 22;

interface LeafNode {
  readonly id: string;
  readonly w: number;
  readonly h: number;
  readonly parent?: string;
  readonly family: string;
  readonly main: boolean;
}

interface Unit {
  /** The family (or path) the unit is sorted by: groups and single modules interleave by name. */
  readonly key: string;
  readonly members: LeafNode[];
  readonly w: number;
  readonly h: number;
  depth: number;
}

function leaves(elements: readonly ElementDefinition[]): LeafNode[] {
  const out: LeafNode[] = [];
  for (const e of elements) {
    if (e.group !== 'nodes' || String(e.classes ?? '').split(' ').includes('family-group')) continue;
    const d = e.data;
    out.push({
      id: d.id!,
      w: Number(d.w ?? 60),
      h: Number(d.h ?? 30),
      parent: d.parent as string | undefined,
      family: String(d.family ?? d.id),
      main: String(e.classes ?? '').split(' ').includes('main'),
    });
  }
  return out;
}

/** rankByDistance is the breadth-first distance of each node from the main modules (or from the sources). */
function rankByDistance(nodes: readonly LeafNode[], elements: readonly ElementDefinition[]): Map<string, number> {
  const out = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  for (const e of elements) {
    if (e.group !== 'edges') continue;
    const s = e.data.source as string;
    const t = e.data.target as string;
    if (!out.has(s)) out.set(s, []);
    out.get(s)!.push(t);
    indeg.set(t, (indeg.get(t) ?? 0) + 1);
  }
  let start = nodes.filter((n) => n.main).map((n) => n.id);
  if (start.length === 0) start = nodes.filter((n) => !indeg.get(n.id)).map((n) => n.id);
  if (start.length === 0 && nodes.length > 0) start = [nodes[0].id];
  const depth = new Map<string, number>(start.map((id) => [id, 0]));
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    const d = depth.get(queue[i])!;
    for (const t of out.get(queue[i]) ?? []) {
      if (!depth.has(t)) {
        depth.set(t, d + 1);
        queue.push(t);
      }
    }
  }
  return depth;
}

/** columnsLayout returns the centre of every leaf node. */
export function columnsLayout(elements: readonly ElementDefinition[]): Positions {
  const nodes = leaves(elements);
  const depth = rankByDistance(nodes, elements);
  const maxDepth = Math.max(0, ...depth.values());
  const units = new Map<string, Unit>();
  for (const n of nodes) {
    const unitId = n.parent ?? n.id;
    let u = units.get(unitId);
    if (!u) {
      u = { key: `${n.family}\u0000${unitId}`, members: [], w: 0, h: 0, depth: Infinity };
      units.set(unitId, u);
    }
    u.members.push(n);
    // Unreached nodes (only possible in a filtered view) go one rank past the deepest.
    u.depth = Math.min(u.depth, n.main ? 0 : (depth.get(n.id) ?? maxDepth + 1));
  }
  const sized: Unit[] = [...units.values()].map((u) => {
    const grouped = u.members.length > 1 || u.members[0].parent !== undefined;
    const pad = grouped ? PAD : 0;
    const members = [...u.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      key: u.key,
      members,
      depth: u.depth,
      w: Math.max(...members.map((m) => m.w)) + 2 * pad,
      h: members.reduce((s, m) => s + m.h, 0) + (members.length - 1) * GAP_INNER + 2 * pad,
    };
  });
  const area = sized.reduce((s, u) => s + (u.w + GAP_X) * (u.h + GAP_Y), 0);
  // Columns about as tall as a 16:10 picture of the whole graph would be.
  const columnHeight = Math.max(500, Math.sqrt(area / 1.6));
  const ranks = new Map<number, Unit[]>();
  for (const u of sized) {
    if (!ranks.has(u.depth)) ranks.set(u.depth, []);
    ranks.get(u.depth)!.push(u);
  }
  const positions: Positions = {};
  let x = 0;
  for (const d of [...ranks.keys()].sort((a, b) => a - b)) {
    const list = ranks.get(d)!.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // Split the rank into columns first, so each column can be centred vertically.
    const columns: Unit[][] = [[]];
    let used = 0;
    for (const u of list) {
      const col = columns[columns.length - 1];
      if (col.length > 0 && used + u.h > columnHeight) {
        columns.push([u]);
        used = u.h + GAP_Y;
      } else {
        col.push(u);
        used += u.h + GAP_Y;
      }
    }
    for (const col of columns) {
      const width = Math.max(...col.map((u) => u.w));
      const height = col.reduce((s, u) => s + u.h, 0) + (col.length - 1) * GAP_Y;
      let y = (columnHeight - height) / 2;
      for (const u of col) {
        const pad = (u.h - u.members.reduce((s, m) => s + m.h, 0) - (u.members.length - 1) * GAP_INNER) / 2;
        let my = y + pad;
        for (const m of u.members) {
          positions[m.id] = { x: x + width / 2, y: my + m.h / 2 };
          my += m.h + GAP_INNER;
        }
        y += u.h + GAP_Y;
      }
      x += width + GAP_X;
    }
    x += RANK_GAP - GAP_X;
  }
  return positions;
}
