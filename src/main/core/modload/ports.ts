import type { ModuleVersion } from '../../../shared/model/module-version';
import type { ModFileView } from './mod-file-view';

/** VersionInfo is a module version's .info: its canonical version and commit time. */
export interface VersionInfo {
  readonly version: string;
  /** RFC 3339 time as the source gave it, or "" if unknown. */
  readonly time: string;
}

/**
 * ModuleFetcher is the seam between the loader and the world (the go command's Required(m)
 * seam, one level down): it returns go.mod bytes for published versions and local files for
 * directory replacements. Implementations check go.sum and may fetch in parallel.
 */
export interface ModuleFetcher {
  /** goMod returns path@version's go.mod as served (already checked against go.sum). */
  goMod(m: ModuleVersion, signal?: AbortSignal): Promise<string>;
  /** info returns path@version's .info (for list's Time field). */
  info(m: ModuleVersion, signal?: AbortSignal): Promise<VersionInfo>;
  /** readLocalGoMod reads dir/go.mod of a directory replacement or workspace module. */
  readLocalGoMod(absPath: string): Promise<string>;
}

/** SumLookup answers what go.sum records (go.sum plus, in a workspace, the others). */
export interface SumLookup {
  /** hashes lists the recorded hashes for "path version" or "path version/go.mod". */
  hashes(path: string, version: string): readonly string[];
  /**
   * recorded lists every module version go.sum names (versions may end in "/go.mod"): direct
   * mode fetches them from a repository in one batch.
   */
  recorded?(): Iterable<{ readonly path: string; readonly version: string }>;
}

/** LoadProgress reports graph loading: how many go.mod files are done out of how many asked. */
export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  readonly current?: ModuleVersion;
}

/**
 * SummaryCache remembers what graph loading keeps of published go.mod files between runs, so a
 * warm run need not read and parse thousands of files. An entry is only returned while go.sum
 * still records the hash of the bytes it was made from.
 */
export interface SummaryCache {
  get(m: ModuleVersion): ModFileView | undefined;
  put(m: ModuleVersion, view: ModFileView): void;
}
