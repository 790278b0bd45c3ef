/**
 * go.sum as modfetch.WriteGoSum leaves it after a command: every line already in the file
 * stays; a hash checked during the command that the file lacks is added only if the build
 * needs it (keep); the file is rewritten sorted (module.Sort) only when something is added.
 */
import { compareModulesForSort, sortModules } from '../gover/module-sort';
import { unknownHashesWarning } from '../gosum/checksum-error';

const EMPTY_GO_MOD_HASH = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';

/** splitKey turns "path version[/go.mod]" into its parts. */
function splitKey(k: string): { path: string; version: string } {
  const i = k.indexOf(' ');
  return { path: k.slice(0, i), version: k.slice(i + 1) };
}

/**
 * updatedGoSum returns the lines go.sum gains and, when it gains any, how to render the new
 * go.sum text (go rewrites the file only then). checked maps "path version" or "path
 * version/go.mod" to the hash computed in this command; keep says whether the build list needs
 * a key. warnings are what go prints as it writes the file.
 */
export function updatedGoSum(
  existing: string,
  checked: ReadonlyMap<string, string>,
  keep: (key: string) => boolean,
): { render?: () => string; added: string[]; warnings: string[] } {
  const have = parsedGoSum(existing);
  const additions = new Map<string, Set<string>>();
  const added: string[] = [];
  for (const [k, h] of checked) {
    if (have.get(k)?.has(h) || !keep(k) || additions.get(k)?.has(h)) continue;
    if (!additions.has(k)) additions.set(k, new Set());
    additions.get(k)!.add(h);
    added.push(k);
  }
  if (added.length === 0) return { added: [], warnings: [] };
  // tidyGoSum reads go.sum again before writing it and adds every hash checked in the command:
  // a key the file lists only under unknown algorithms is warned about a second time.
  const warnings: string[] = [];
  for (const [k, h] of checked) {
    const old = have.get(k);
    if (old && old.size > 0 && !old.has(h)) {
      const { path, version } = splitKey(k);
      warnings.push(unknownHashesWarning(path, version, [...old], h));
    }
  }
  const addedLines = sortModules(added.map(splitKey)).flatMap((m) => [...additions.get(`${m.path} ${m.version}`)!].map((h) => `${m.path} ${m.version} ${h}`));
  let text: string | undefined;
  // A preview shows the lines added; the whole file is written out only when applied.
  return { render: () => (text ??= renderWith(existing, have, additions)), added: addedLines, warnings };
}

/** renderWith is go.sum's text with additions merged into existing (whose parse is have). */
function renderWith(existing: string, have: ReadonlyMap<string, ReadonlySet<string>>, additions: ReadonlyMap<string, ReadonlySet<string>>): string {
  // Merge the (few) new keys into the sorted keys of the file, instead of sorting them all; the
  // keys nothing is added to keep their lines as rendered once for the file.
  const fresh = sortModules([...additions.keys()].filter((k) => !have.has(k)).map(splitKey));
  const old = sortedKeys(existing);
  const oldLines = renderedLines(existing);
  const lines: string[] = [];
  const render = (m: { path: string; version: string }): void => {
    const k = `${m.path} ${m.version}`;
    lines.push(keyLines(m, [...(have.get(k) ?? []), ...(additions.get(k) ?? [])]));
  };
  const copy = (i: number): void => {
    const m = old[i]!;
    if (additions.has(`${m.path} ${m.version}`)) render(m);
    else lines.push(oldLines[i]!);
  };
  let i = 0;
  for (const m of fresh) {
    while (i < old.length && compareModulesForSort(old[i]!, m) <= 0) copy(i++);
    render(m);
  }
  while (i < old.length) copy(i++);
  return lines.join('');
}

let lastParsed: { text: string; have: Map<string, Set<string>>; sorted?: { path: string; version: string }[]; rendered?: string[] } | undefined;

/** renderedLines is, for each key of sortedKeys, its lines as go writes them (hashes sorted). */
function renderedLines(existing: string): readonly string[] {
  const keys = sortedKeys(existing);
  lastParsed!.rendered ??= keys.map((m) => keyLines(m, lastParsed!.have.get(`${m.path} ${m.version}`)!));
  return lastParsed!.rendered;
}

/** keyLines is the go.sum lines of one key: each distinct hash once, sorted. */
function keyLines(m: { path: string; version: string }, hashes: Iterable<string>): string {
  return [...new Set(hashes)]
    .sort()
    .map((h) => `${m.path} ${m.version} ${h}\n`)
    .join('');
}

/** sortedKeys is the keys of the file in module.Sort order (remembered with the parse). */
function sortedKeys(existing: string): readonly { path: string; version: string }[] {
  parsedGoSum(existing);
  lastParsed!.sorted ??= sortModules([...lastParsed!.have.keys()].map(splitKey));
  return lastParsed!.sorted;
}

/** parsedGoSum reads go.sum's lines into key -> hashes (the last file parsed is remembered). */
export function parsedGoSum(existing: string): ReadonlyMap<string, ReadonlySet<string>> {
  if (lastParsed?.text === existing) return lastParsed.have;
  const have = new Map<string, Set<string>>();
  for (const raw of existing.split('\n')) {
    const f = raw.replace(/\r$/, '').split(/[ \t\v\f\r\u0085\u00a0]+/).filter((x) => x !== '');
    if (f.length !== 3 || f[2] === EMPTY_GO_MOD_HASH) continue;
    const k = `${f[0]} ${f[1]}`;
    if (!have.has(k)) have.set(k, new Set());
    have.get(k)!.add(f[2]!);
  }
  lastParsed = { text: existing, have };
  return have;
}
