/**
 * What a what-if preview draws on the graph, without moving what is already laid out: the
 * versions that would move are marked (upgraded, downgraded, removed), the versions they would
 * move to are marked too when the graph already draws them (a lost version that would win), and
 * versions the graph does not draw yet appear as ghost nodes beside the version they replace (or
 * the module that would require them), joined to what they would require.
 */
import type { ElementDefinition } from 'cytoscape';
import type { WhatIfChangeDto, WhatIfPreviewDto } from '../../../shared/ipc/contract';

/** Position is a node's place on the canvas. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** WhatIfMarks is what to add to the drawn graph for one preview. */
export interface WhatIfMarks {
  /** Classes to add to drawn nodes, by node id. */
  readonly classes: ReadonlyMap<string, readonly string[]>;
  /** Ghost nodes and their edges (all carry the class "wi-ghost", so one selector removes them). */
  readonly ghosts: readonly ElementDefinition[];
  /** Every drawn node id the preview involves (the rest is dimmed). */
  readonly involved: ReadonlySet<string>;
}

/** GHOST_PREFIX starts the id of every ghost element. */
export const GHOST_PREFIX = 'whatif:';

const CHAR_WIDTH = 6.7;

function add(map: Map<string, string[]>, id: string, ...cls: string[]): void {
  const list = map.get(id) ?? [];
  list.push(...cls);
  map.set(id, list);
}

function ghostLabel(c: WhatIfChangeDto): string {
  return `${c.path}\n${c.new}${c.old ? ` (was ${c.old})` : ' (new)'}`;
}

/**
 * whatIfMarks computes the marks of preview. isDrawn tells which node ids the graph shows;
 * positionOf gives their places (ghosts are put to the right of their anchor); fallbackAnchor
 * is where ghosts with no drawn anchor go (a main module).
 */
export function whatIfMarks(
  preview: WhatIfPreviewDto,
  isDrawn: (id: string) => boolean,
  positionOf: (id: string) => Position | undefined,
  fallbackAnchor?: string,
): WhatIfMarks {
  const classes = new Map<string, string[]>();
  const involved = new Set<string>();
  const ghosts: ElementDefinition[] = [];
  const ghostOf = new Map<string, string>();
  const stacked = new Map<string, number>();

  for (const c of preview.changes) {
    if (c.fromId && isDrawn(c.fromId)) {
      add(classes, c.fromId, 'wi-from', `wi-${c.kind}`);
      involved.add(c.fromId);
    }
    if (!c.toId) continue;
    if (isDrawn(c.toId)) {
      add(classes, c.toId, 'wi-to', `wi-${c.kind}`);
      involved.add(c.toId);
      continue;
    }
    const anchor = [c.fromId, c.byId, fallbackAnchor].find((id): id is string => id !== undefined && isDrawn(id));
    const at = anchor ? positionOf(anchor) : undefined;
    const k = stacked.get(anchor ?? '') ?? 0;
    stacked.set(anchor ?? '', k + 1);
    const label = ghostLabel(c);
    const width = Math.round(Math.max(...label.split('\n').map((l) => l.length)) * CHAR_WIDTH + 18);
    const id = GHOST_PREFIX + c.toId;
    ghostOf.set(c.toId, id);
    ghosts.push({
      group: 'nodes',
      data: { id, label, path: c.path, version: c.new, w: width, h: 2 * 14 + 12, ghostOf: c.toId },
      classes: `wi-ghost wi-to wi-${c.kind}`,
      position: at ? { x: at.x + width / 2 + 90, y: at.y + k * 44 } : { x: 0, y: k * 44 },
    });
    if (c.fromId && isDrawn(c.fromId)) {
      ghosts.push({ group: 'edges', data: { id: `${GHOST_PREFIX}becomes ${c.fromId}`, source: c.fromId, target: id }, classes: 'wi-ghost wi-becomes' });
    }
  }
  // Edges of ghosts: who would require them, and what they would require.
  for (const c of preview.changes) {
    const id = c.toId ? ghostOf.get(c.toId) : undefined;
    if (!id || !c.toId) continue;
    const byId = c.byId ? (ghostOf.get(c.byId) ?? (isDrawn(c.byId) ? c.byId : undefined)) : undefined;
    if (byId) {
      ghosts.push({ group: 'edges', data: { id: `${GHOST_PREFIX}req ${byId} ${id}`, source: byId, target: id }, classes: 'wi-ghost wi-requires' });
      if (isDrawn(byId)) involved.add(byId);
    }
    for (const r of c.requires ?? []) {
      const target = ghostOf.get(r) ?? (isDrawn(r) ? r : undefined);
      if (!target || target === byId) continue;
      ghosts.push({ group: 'edges', data: { id: `${GHOST_PREFIX}req ${id} ${target}`, source: id, target }, classes: 'wi-ghost wi-requires' });
      if (isDrawn(target)) involved.add(target);
    }
  }
  const seen = new Set<string>();
  const unique = ghosts.filter((g) => {
    const id = g.data.id as string;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { classes, ghosts: unique, involved };
}

function pathOfId(id: string): string {
  const at = id.lastIndexOf('@');
  return at < 0 ? id : id.slice(0, at);
}

/**
 * onOverview maps a preview onto an overview: a module inside a closed group is marked on the
 * group's box (every version of its path, before and after), so the overview shows which groups
 * a command moves without drawing their members.
 */
export function onOverview(preview: WhatIfPreviewDto, groupOfPath: ReadonlyMap<string, string>): WhatIfPreviewDto {
  const map = (id: string | undefined): string | undefined => (id === undefined ? undefined : (groupOfPath.get(pathOfId(id)) ?? id));
  return {
    ...preview,
    changes: preview.changes.map((c) => ({ ...c, fromId: map(c.fromId), toId: map(c.toId), byId: map(c.byId), requires: c.requires?.map((r) => map(r)!) })),
  };
}
