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

/** PlacedUnit is a unit with its members' centres relative to its top left corner. */
interface PlacedUnit extends Unit {
  readonly offsets: readonly { readonly id: string; readonly dx: number; readonly dy: number }[];
}

/**
 * placeMembers stacks a unit's members; a unit taller than a column (an opened group of a
 * hundred modules) is cut into side-by-side sub-columns instead, so no column outgrows the rest.
 */
function placeMembers(members: readonly LeafNode[], pad: number, maxHeight: number): { w: number; h: number; offsets: PlacedUnit['offsets'] } {
  const stacked = members.reduce((s, m) => s + m.h, 0) + (members.length - 1) * GAP_INNER;
  const cols = Math.max(1, Math.ceil(stacked / Math.max(maxHeight - 2 * pad, 1)));
  const perCol = Math.ceil(members.length / cols);
  const colW = Math.max(...members.map((m) => m.w));
  const offsets: { id: string; dx: number; dy: number }[] = [];
  let h = 0;
  for (let c = 0; c < cols; c++) {
    let y = pad;
    for (const m of members.slice(c * perCol, (c + 1) * perCol)) {
      offsets.push({ id: m.id, dx: pad + c * (colW + GAP_X) + colW / 2, dy: y + m.h / 2 });
      y += m.h + GAP_INNER;
    }
    h = Math.max(h, y - GAP_INNER + pad);
  }
  return { w: cols * colW + (cols - 1) * GAP_X + 2 * pad, h, offsets };
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

/** rankByDistance is the breadth-first distance of each node from the main modules (or from the sources), or the longest one. */
function rankByDistance(nodes: readonly LeafNode[], elements: readonly ElementDefinition[], longest: boolean): Map<string, number> {
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
  if (!longest) return depth;
  // Longest distance instead: each node one rank past its deepest requirer, so a chain reads left
  // to right to its end. Requirement cycles cannot push a node past the number of nodes.
  for (let round = 0; round < nodes.length; round++) {
    let moved = false;
    for (const [s, ts] of out) {
      const d = depth.get(s);
      if (d === undefined) continue;
      for (const t of ts) {
        if (t !== s && (depth.get(t) ?? -1) < d + 1 && d + 1 < nodes.length) {
          depth.set(t, d + 1);
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return depth;
}

/**
 * columnsLayout returns the centre of every leaf node; columnHeight fixes how tall a column may
 * grow; longest ranks each node by its longest distance from the main modules (for a few paths
 * that should read to their end) instead of its shortest.
 */
export function columnsLayout(elements: readonly ElementDefinition[], columnHeight?: number, longest = false): Positions {
  const nodes = leaves(elements);
  const depth = rankByDistance(nodes, elements, longest);
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
  const unitCap = columnHeight ?? Infinity;
  const sized: PlacedUnit[] = [...units.values()].map((u) => {
    const grouped = u.members.length > 1 || u.members[0].parent !== undefined;
    const pad = grouped ? PAD : 0;
    const members = [...u.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { key: u.key, members, depth: u.depth, ...placeMembers(members, pad, unitCap) };
  });
  const area = sized.reduce((s, u) => s + (u.w + GAP_X) * (u.h + GAP_Y), 0);
  // Columns about as tall as a 16:10 picture of the whole graph would be, unless the caller
  // wants them as tall as the window shows at a readable zoom.
  const height = columnHeight ?? Math.max(500, Math.sqrt(area / 1.6));
  const ranks = new Map<number, PlacedUnit[]>();
  for (const u of sized) {
    if (!ranks.has(u.depth)) ranks.set(u.depth, []);
    ranks.get(u.depth)!.push(u);
  }
  const positions: Positions = {};
  let x = 0;
  for (const d of [...ranks.keys()].sort((a, b) => a - b)) {
    const list = ranks.get(d)!.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // Split the rank into columns first, so each column can be centred vertically.
    const columns: PlacedUnit[][] = [[]];
    let used = 0;
    for (const u of list) {
      const col = columns[columns.length - 1];
      if (col.length > 0 && used + u.h > height) {
        columns.push([u]);
        used = u.h + GAP_Y;
      } else {
        col.push(u);
        used += u.h + GAP_Y;
      }
    }
    for (const col of columns) {
      const width = Math.max(...col.map((u) => u.w));
      const colHeight = col.reduce((s, u) => s + u.h, 0) + (col.length - 1) * GAP_Y;
      let y = (height - colHeight) / 2;
      for (const u of col) {
        const left = x + (width - u.w) / 2;
        for (const o of u.offsets) positions[o.id] = { x: left + o.dx, y: y + o.dy };
        y += u.h + GAP_Y;
      }
      x += width + GAP_X;
    }
    x += RANK_GAP - GAP_X;
  }
  return positions;
}
