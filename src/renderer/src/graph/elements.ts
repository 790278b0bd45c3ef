/**
 * The visible graph as Cytoscape elements: one node per module version (or collapsed family),
 * a compound parent per family with more than one version on screen (so foo, foo/v2 and their
 * versions sit in one box), edges by kind. Every mark is a class, so styles.ts alone decides
 * how it looks. Node sizes are computed here from the label, because layouts run headless in a
 * worker where labels cannot be measured.
 */
import type { ElementDefinition } from 'cytoscape';
import type { ModuleNodeDto } from '../../../shared/model/module-graph';
import type { GroupCounts, VisibleGraph, VisibleNode } from './visible-graph';

/** Label metrics of the monospace node font (styles.ts uses the same numbers). */
export const LABEL_FONT_SIZE = 11;
const CHAR_WIDTH = 6.7;
const LINE_HEIGHT = 14;
const PAD_X = 18;
const PAD_Y = 12;

/** groupId is the id of a family's compound node. */
export function groupId(family: string): string {
  return `group:${family}`;
}

/** clusterId is the id of the compound node around an expanded overview group. */
export function clusterId(key: string): string {
  return `cluster:${key}`;
}

function countText(c: GroupCounts): string {
  const parts: string[] = [];
  if (c.lost > 0) parts.push(`${c.lost} lost`);
  if (c.excluded > 0) parts.push(`${c.excluded} excluded`);
  if (c.replaced > 0) parts.push(`${c.replaced} replaced`);
  return parts.join(' · ');
}

function countClasses(c: GroupCounts): string[] {
  return [c.lost > 0 ? 'has-lost' : '', c.excluded > 0 ? 'has-excluded' : '', c.replaced > 0 ? 'has-replaced' : ''].filter((x) => x !== '');
}

/** NARROW_LINE is the longest line of a narrow label, in characters. */
export const NARROW_LINE = 26;

/**
 * narrowPath breaks a long module path after its slashes into lines of at most NARROW_LINE
 * characters (a longer element keeps its own line), so that side-by-side boxes of a why view fit
 * the window at a readable zoom.
 */
export function narrowPath(path: string): string {
  const lines: string[] = [];
  let line = '';
  for (const part of path.split(/(?<=\/)/)) {
    if (line !== '' && line.length + part.length > NARROW_LINE) {
      lines.push(line);
      line = '';
    }
    line += part;
  }
  lines.push(line);
  return lines.join('\n');
}

/** nodeLabel is the text drawn in a module node. */
export function nodeLabel(n: ModuleNodeDto): string {
  if (n.kind === 'main') return n.path;
  if (n.kind === 'go') return `go ${n.version}`;
  if (n.kind === 'toolchain') return `toolchain ${n.version}`;
  const lines = [n.path, n.excluded ? `${n.version} (excluded)` : n.version];
  if (n.replacement) lines.push(`⇒ ${n.replacement.version ? `${n.replacement.path} ${n.replacement.version}` : n.replacement.path}`);
  return lines.join('\n');
}

/** nodeClasses lists the marks of a module node, each a class of the stylesheet. */
export function nodeClasses(n: ModuleNodeDto): string[] {
  const c: string[] = [n.kind, n.dependency, n.selected ? 'selected-version' : 'lost'];
  if (n.excluded) c.push('excluded');
  if (n.replacement) c.push('replaced');
  if (n.failing) c.push('failing');
  if (!n.loaded && n.kind === 'module') c.push('not-loaded');
  return c;
}

function size(label: string): { w: number; h: number } {
  const lines = label.split('\n');
  const longest = Math.max(...lines.map((l) => l.length));
  return { w: Math.round(longest * CHAR_WIDTH + PAD_X), h: lines.length * LINE_HEIGHT + PAD_Y };
}

function nodeElement(v: VisibleNode, parent: string | undefined, narrow: boolean): ElementDefinition {
  if (v.kind === 'group') {
    const counts = countText(v.counts);
    const label = `${v.key}\n${v.members.length} modules${counts ? ` · ${counts}` : ''}`;
    return { group: 'nodes', data: { id: v.id, label, key: v.key, family: v.key, ...size(label) }, classes: ['overview-group', ...countClasses(v.counts)].join(' ') };
  }
  if (v.kind === 'family') {
    const selected = v.members.filter((m) => m.selected).length;
    const label = `${v.family}\n${v.members.length} versions, ${selected} selected`;
    return { group: 'nodes', data: { id: v.id, label, family: v.family, ...size(label) }, classes: 'collapsed-family' };
  }
  const n = v.node;
  const counts = v.counts && n.kind === 'module' ? countText(v.counts) : '';
  const lines = nodeLabel(n).split('\n');
  // The counts go on the version line: the path line is the widest already.
  if (counts && lines.length > 1) lines[1] = `${lines[1]} · ${counts}`;
  if (narrow) lines[0] = narrowPath(lines[0]!);
  const label = lines.join('\n');
  return {
    group: 'nodes',
    data: { id: n.id, label, path: n.path, version: n.version, family: n.family, ...size(label), ...(parent ? { parent } : {}) },
    classes: [...nodeClasses(n), ...(v.counts ? countClasses(v.counts) : [])].join(' '),
  };
}

/**
 * toElements turns a visible graph into Cytoscape elements (groups first, as Cytoscape needs
 * parents before children); narrow breaks long paths over several lines.
 */
export function toElements(g: VisibleGraph, narrow = false): ElementDefinition[] {
  const perFamily = new Map<string, number>();
  const perCluster = new Map<string, number>();
  for (const v of g.nodes) {
    if (v.kind !== 'module' || v.node.kind !== 'module') continue;
    // Overview boxes (they carry counts) stand for a whole path already: no family box around them.
    if (v.group) perCluster.set(v.group, (perCluster.get(v.group) ?? 0) + 1);
    else if (!v.counts) perFamily.set(v.node.family, (perFamily.get(v.node.family) ?? 0) + 1);
  }
  const groups: ElementDefinition[] = [];
  for (const [family, count] of perFamily) {
    if (count > 1) groups.push({ group: 'nodes', data: { id: groupId(family), label: family, family }, classes: 'family-group' });
  }
  for (const [key, count] of perCluster) {
    groups.push({ group: 'nodes', data: { id: clusterId(key), label: `${key} · ${count} modules (click to fold)`, family: key, key }, classes: 'family-group cluster-group' });
  }
  const grouped = new Set(groups.filter((gr) => !gr.data.key).map((gr) => gr.data.family as string));
  const parentOf = (v: VisibleNode): string | undefined => {
    if (v.kind !== 'module' || v.node.kind !== 'module') return undefined;
    if (v.group) return clusterId(v.group);
    return !v.counts && grouped.has(v.node.family) ? groupId(v.node.family) : undefined;
  };
  const nodes = g.nodes.map((v) => nodeElement(v, parentOf(v), narrow));
  const lost = new Set(g.nodes.filter((v) => v.kind === 'module' && !v.node.selected).map((v) => v.id));
  const edges: ElementDefinition[] = g.edges.map((e) => ({
    group: 'edges',
    data: { id: e.id, source: e.from, target: e.to, kind: e.kind },
    classes: lost.has(e.to) && e.kind === 'require' ? `${e.kind} to-lost` : e.kind,
  }));
  return [...groups, ...nodes, ...edges];
}
