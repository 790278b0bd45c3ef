/**
 * What go mod init did with a parsed lock file (modconv.ConvertLegacyConfig, Go 1.17–1.21):
 * each entry is asked of the module proxy as modload.QueryPattern asks a package at a revision
 * (the module providing the package, else the module at that path), in parallel; an entry that
 * fails is dropped with go's "go: converting <file>: stat <path>@<rev>: <error>" line; what
 * remains is merged per module (the highest by semver.Compare, which keeps "+incompatible") and
 * written in sorted order, each replaced module's replace line just before its require line.
 *
 * The entries go looked up are not always the ones written: an entry whose path is the old or
 * the new path of a dep `source` is looked up as that replacement's new path at the
 * replacement's version (the last replacement naming a path wins), which is how go turned the
 * lock file of golang.org/issue/33406 into a require of the fork.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';
import { compareGoStrings } from '../gostrings/go-string-order';
import { addNewRequire, addReplace, cleanupModFile } from '../modfile/edit';
import type { ModFile } from '../modfile/rules';
import { compare as semverCompare } from '../semver/semver';
import type { LegacyConfig, LegacyReplace, LegacyRequire } from './legacy-config';

/** QueryPackage resolves a package path at a revision or version to the module version providing it. */
export type QueryPackage = (path: string, rev: string, signal?: AbortSignal) => Promise<ModuleVersion>;

/** ConversionProgress counts entries looked up so far. */
export interface ConversionProgress {
  readonly done: number;
  readonly total: number;
  /** The entry just finished. */
  readonly entry?: LegacyRequire;
}

/** ConvertOptions bound and observe the lookups. */
export interface ConvertOptions {
  /** concurrency is how many lookups run at once (go: GOMAXPROCS). */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ConversionProgress) => void;
}

/** DroppedEntry is an entry go could not convert, with the line go printed for it. */
export interface DroppedEntry {
  /** entry is what was looked up (after a `source` replacement). */
  readonly entry: LegacyRequire;
  /** line is go's stderr line, without its newline. */
  readonly line: string;
  readonly error: Error;
}

/** ConvertedRequirement is one line pair go wrote: the require, and the replace before it if any. */
export interface ConvertedRequirement {
  readonly mod: ModuleVersion;
  readonly replace?: { readonly old: LegacyRequire; readonly new: ModuleVersion };
}

/** ConversionResult is what the lookups gave. */
export interface ConversionResult {
  readonly requirements: readonly ConvertedRequirement[];
  /** dropped are the failed entries in lock-file order (go printed them as lookups finished). */
  readonly dropped: readonly DroppedEntry[];
}

/** AbortError is thrown when the conversion was cancelled. */
export class ConversionAbortedError extends Error {
  constructor() {
    super('conversion cancelled');
    this.name = 'ConversionAbortedError';
  }
}

/** lookupsOf lists what go looked up for each entry (undefined: skipped, as an entry with no path). */
function lookupsOf(cfg: LegacyConfig): { lookups: (LegacyRequire | undefined)[]; replaceByPath: Map<string, LegacyReplace> } {
  const replaceByPath = new Map<string, LegacyReplace>();
  for (const r of cfg.replace) {
    replaceByPath.set(r.new.path, r);
    replaceByPath.set(r.old.path, r);
  }
  const lookups = cfg.require.map((r) => {
    if (r.path === '') return undefined;
    return replaceByPath.get(r.path)?.new ?? r;
  });
  return { lookups, replaceByPath };
}

/** resolveLegacyConfig looks every entry up and merges the results as go did. */
export async function resolveLegacyConfig(shortFile: string, cfg: LegacyConfig, queryPackage: QueryPackage, opts: ConvertOptions): Promise<ConversionResult> {
  const { lookups, replaceByPath } = lookupsOf(cfg);
  const results: (ModuleVersion | DroppedEntry | undefined)[] = new Array(lookups.length);
  const total = lookups.filter((l) => l !== undefined).length;
  let done = 0;
  let next = 0;
  const signal = opts.signal;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw new ConversionAbortedError();
      const i = next++;
      if (i >= lookups.length) return;
      const m = lookups[i];
      if (!m) continue;
      try {
        results[i] = await queryPackage(m.path, m.version, signal);
      } catch (e) {
        if (signal?.aborted) throw new ConversionAbortedError();
        const error = e as Error;
        results[i] = { entry: m, error, line: `go: converting ${shortFile}: stat ${m.path}@${m.version}: ${error.message}` };
      }
      done++;
      opts.onProgress?.({ done, total, entry: m });
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency, lookups.length));
  await Promise.all(Array.from({ length: n }, worker));

  const need = new Map<string, string>();
  const dropped: DroppedEntry[] = [];
  for (const r of results) {
    if (r === undefined) continue;
    if ('line' in r) {
      dropped.push(r);
      continue;
    }
    if (r.path === '') continue;
    const have = need.get(r.path);
    // Not semver.Max: that would lose "+incompatible".
    if (have === undefined || semverCompare(have, r.version) < 0) need.set(r.path, r.version);
  }
  const paths = [...need.keys()].sort(compareGoStrings);
  const requirements = paths.map((path): ConvertedRequirement => {
    const mod = { path, version: need.get(path)! };
    const re = replaceByPath.get(path);
    return re ? { mod, replace: { old: re.old, new: mod } } : { mod };
  });
  return { requirements, dropped };
}

/** addConverted writes the converted requirements into f as go did (AddReplace, AddNewRequire, Cleanup). */
export function addConverted(f: ModFile, requirements: readonly ConvertedRequirement[]): void {
  for (const r of requirements) {
    if (r.replace) addReplace(f, r.replace.old.path, r.replace.old.version, r.mod.path, r.mod.version);
    addNewRequire(f, r.mod.path, r.mod.version, false);
  }
  cleanupModFile(f);
}
