// Summarises what a differential run actually exercised: what the universes contain, and what
// ended up in the build lists go computed (a feature only tests something if it reaches them).
import type { UniverseOutcome } from './differential-harness';

interface ListedModule {
  Path: string;
  Version?: string;
  Main?: boolean;
  Indirect?: boolean;
  Replace?: { Path: string; Version?: string };
}

/** parseJsonStream splits the concatenated JSON objects `go list -m -json` prints. */
export function parseJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  for (const chunk of text.split(/(?<=^\})\n(?=\{)/m)) {
    if (chunk.trim() !== '') out.push(JSON.parse(chunk));
  }
  return out;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function table(title: string, map: Map<string, number>, total: number): string {
  const rows = [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const width = Math.max(10, ...rows.map(([k]) => k.length));
  return [
    `${title} (of ${total})`,
    ...rows.map(([k, n]) => `  ${k.padEnd(width)} ${String(n).padStart(4)}  ${((100 * n) / Math.max(1, total)).toFixed(0)}%`),
  ].join('\n');
}

/** distributionReport renders the composition of a run as plain-text tables. */
export function distributionReport(outcomes: readonly UniverseOutcome[]): string {
  const kinds = new Map<string, number>();
  const settle = new Map<string, number>();
  const tags = new Map<string, number>();
  const buildList = new Map<string, number>();
  const commands = new Map<string, number>();
  const sizes: number[] = [];
  const edges: number[] = [];
  for (const o of outcomes) {
    const u = o.settled.universe;
    count(kinds, u.intent === 'error' ? 'error case' : u.files['go.work'] !== undefined ? 'workspace' : 'single module');
    count(kinds, `intent: ${u.intent}`);
    count(settle, o.settled.settle);
    for (const t of u.tags) if (!t.startsWith('settle:') && !t.startsWith('error:')) count(tags, t);
    for (const r of o.results) {
      count(commands, `${r.args.join(' ')}: go ${r.go.code === 0 ? 'ok' : 'fails'}`);
      if (r.verdict) count(commands, `${r.args.join(' ')}: ${r.verdict.ok ? 'agree' : 'DIFFER'}`);
    }
    const json = o.results.find((r) => r.args.join(' ') === 'list -m -json all');
    if (json && json.go.code === 0) {
      const mods = parseJsonStream(json.go.stdout) as ListedModule[];
      sizes.push(mods.length);
      const seen = new Set<string>();
      for (const m of mods) {
        const v = m.Version ?? '';
        if (m.Main) continue;
        if (v.endsWith('+incompatible')) seen.add('+incompatible version');
        if (/\d{14}-[0-9a-f]{12}/.test(v)) seen.add('pseudo-version');
        else if (/^v\d+\.\d+\.\d+-/.test(v)) seen.add('prerelease');
        if (/\/v\d+$/.test(m.Path)) seen.add('/vN module');
        if (m.Path.startsWith('gopkg.in/')) seen.add('gopkg.in module');
        if (/[A-Z]/.test(m.Path)) seen.add('upper-case path');
        if (m.Indirect) seen.add('indirect module');
        if (m.Replace) seen.add(m.Replace.Version ? 'replaced by module' : 'replaced by directory');
        if (m.Replace && m.Replace.Path !== m.Path) seen.add('replaced by other path');
      }
      if (mods.filter((m) => m.Main).length > 1) seen.add('several main modules');
      for (const s of seen) count(buildList, s);
    }
    const graph = o.results.find((r) => r.args.join(' ') === 'mod graph');
    if (graph && graph.go.code === 0) {
      const lines = graph.go.stdout.split('\n').filter((l) => l !== '');
      edges.push(lines.length);
      if (lines.some((l) => / go@/.test(l))) count(buildList, 'graph has go@ edges');
      if (lines.some((l) => / toolchain@/.test(l))) count(buildList, 'graph has toolchain@ edges');
    }
  }
  const stats = (xs: number[]): string =>
    xs.length === 0 ? 'n/a' : `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)}, max ${Math.max(...xs)}`;
  return [
    table('universes', kinds, outcomes.length),
    table('main go.mod settled as', settle, outcomes.length),
    table('contents (tags)', tags, outcomes.length),
    table("universes whose go build list or graph has", buildList, outcomes.length),
    `build list size: ${stats(sizes)}; mod graph edges: ${stats(edges)}`,
    table('commands', commands, outcomes.length),
  ].join('\n\n');
}
