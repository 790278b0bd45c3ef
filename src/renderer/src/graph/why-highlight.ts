/**
 * What the graph shows for "why": the requirement paths from a main module that set the
 * selected version of a module, as sets of node ids and edge keys ("from to"), for one chain,
 * the shortest chain of every winning requirement, or every chain the backend listed.
 */
import type { ModuleExplanationDto } from '../../../shared/ipc/contract';

/** PathChoice picks which chains are highlighted: the shortest of each reason, all of them, or one (index into whyChains). */
export type PathChoice = 'shortest' | 'all' | number;

/** WhyChain is one chain of node ids, main module first, ending at the selected version. */
export interface WhyChain {
  /** The index of the winning requirement (reason) it leads to. */
  readonly reason: number;
  readonly nodes: readonly string[];
}

/** WhyHighlight is what to emphasize; everything else is dimmed. */
export interface WhyHighlight {
  readonly nodes: ReadonlySet<string>;
  /** Edge keys "from to". */
  readonly edges: ReadonlySet<string>;
}

/** edgeKey names a drawn requirement edge by its ends. */
export function edgeKey(from: string, to: string): string {
  return `${from} ${to}`;
}

/** whyChains lists every chain of the explanation, each ending at the selected version. */
export function whyChains(e: ModuleExplanationDto): WhyChain[] {
  const target = e.selectedId;
  if (!target) return [];
  return e.reasons.flatMap((r, i) => r.allChains.map((c) => ({ reason: i, nodes: [...c, target] })));
}

/** whyHighlight is the set of nodes and edges of the chosen chains (empty when the module is not selected). */
export function whyHighlight(e: ModuleExplanationDto, choice: PathChoice): WhyHighlight {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!e.selectedId) return { nodes, edges };
  nodes.add(e.selectedId);
  const all = whyChains(e);
  let chosen: WhyChain[];
  if (choice === 'all') chosen = all;
  else if (choice === 'shortest') chosen = e.reasons.map((r, i) => ({ reason: i, nodes: [...r.chain, e.selectedId!] }));
  else chosen = all[choice] ? [all[choice]] : [];
  for (const c of chosen) {
    c.nodes.forEach((id, k) => {
      nodes.add(id);
      if (k > 0) edges.add(edgeKey(c.nodes[k - 1]!, id));
    });
  }
  return { nodes, edges };
}
