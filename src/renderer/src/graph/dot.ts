/**
 * DOT export compatible with modgraphviz (golang.org/x/exp/cmd/modgraphviz): the same text that
 * `go mod graph | modgraphviz` prints for this graph (checked byte for byte against the x/exp
 * version of 2026-10 on the bundled example). Edges in `go mod graph` order, then the
 * versions modgraphviz calls picked (green, sorted) and unpicked (grey, in the order it meets
 * them). modgraphviz picks by semver.Compare, which treats go and toolchain versions (not
 * semver) as equal, so the first one it meets stays picked; versionRank reproduces that.
 */
import type { ModuleGraphDto } from '../../../shared/model/module-graph';

/** goQuote quotes s as Go's %q does for the ASCII and UTF-8 text of module paths. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** toModgraphvizDot renders the graph as modgraphviz would from `go mod graph` output. */
export function toModgraphvizDot(dto: ModuleGraphDto): string {
  const rank = new Map(dto.nodes.map((n) => [n.id, n.versionRank]));
  const edges = dto.edges.filter((e) => e.kind === 'require');
  const lines: string[] = ['digraph gomodgraph {', '\tnode [ shape=rectangle fontsize=12 ]'];
  for (const e of edges) lines.push(`\t${goQuote(e.from)} -> ${goQuote(e.to)}`);
  const seen = new Set<string>();
  const picked = new Map<string, string>();
  const unpicked: string[] = [];
  for (const e of edges) {
    for (const id of [e.from, e.to]) {
      if (seen.has(id)) continue;
      seen.add(id);
      const at = id.indexOf('@');
      if (at < 0) continue;
      const path = id.slice(0, at);
      const max = picked.get(path);
      if (max === undefined) picked.set(path, id);
      else if ((rank.get(max) ?? 0) < (rank.get(id) ?? 0)) {
        unpicked.push(max);
        picked.set(path, id);
      } else unpicked.push(id);
    }
  }
  // Go's sort.Strings: byte order, which for these strings is UTF-16 order too.
  const pickedSorted = [...picked.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of pickedSorted) lines.push(`\t${goQuote(n)} [style = filled, fillcolor = green]`);
  for (const n of unpicked) lines.push(`\t${goQuote(n)} [style = filled, fillcolor = gray]`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
