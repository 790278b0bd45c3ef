/**
 * go.sum as modfetch.WriteGoSum leaves it after a command: every line already in the file
 * stays; a hash checked during the command that the file lacks is added only if the build
 * needs it (keep); the file is rewritten sorted (module.Sort) only when something is added.
 */
import { sortModules } from '../modpath/module-path';

const EMPTY_GO_MOD_HASH = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';

/** splitKey turns "path version[/go.mod]" into its parts. */
function splitKey(k: string): { path: string; version: string } {
  const i = k.indexOf(' ');
  return { path: k.slice(0, i), version: k.slice(i + 1) };
}

/**
 * updatedGoSum returns the new go.sum text (undefined when go would not rewrite the file) and
 * the lines it adds. checked maps "path version" or "path version/go.mod" to the hash computed
 * in this command; keep holds the keys the build list needs.
 */
export function updatedGoSum(
  existing: string,
  checked: ReadonlyMap<string, string>,
  keep: ReadonlySet<string>,
): { text?: string; added: string[] } {
  const have = new Map<string, Set<string>>();
  for (const raw of existing.split('\n')) {
    const f = raw.replace(/\r$/, '').split(/[ \t\v\f\r\u0085\u00a0]+/).filter((x) => x !== '');
    if (f.length !== 3 || f[2] === EMPTY_GO_MOD_HASH) continue;
    const k = `${f[0]} ${f[1]}`;
    if (!have.has(k)) have.set(k, new Set());
    have.get(k)!.add(f[2]!);
  }
  const added: string[] = [];
  for (const [k, h] of checked) {
    if (have.get(k)?.has(h) || !keep.has(k)) continue;
    if (!have.has(k)) have.set(k, new Set());
    have.get(k)!.add(h);
    added.push(`${k} ${h}`);
  }
  if (added.length === 0) return { added };
  const mods = sortModules([...have.keys()].map(splitKey));
  const lines: string[] = [];
  for (const m of mods) {
    const hashes = [...have.get(`${m.path} ${m.version}`)!].sort();
    for (const h of hashes) lines.push(`${m.path} ${m.version} ${h}\n`);
  }
  return { text: lines.join(''), added: sortModules(added.map((l) => splitKey(l.slice(0, l.lastIndexOf(' '))))).map((m) => `${m.path} ${m.version} ${checked.get(`${m.path} ${m.version}`)}`) };
}
