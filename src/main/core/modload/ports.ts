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

// The repository and package questions that go get's edit, queries and package loading ask
// (modfetch.Repo, and the module zips that modload's package loader reads).

/** RevInfo is what a repository says about one revision: its canonical version and time. */
export interface RevInfo {
  readonly version: string;
  /** RFC 3339, or "" when unknown. */
  readonly time: string;
}

/**
 * ModuleRepository answers version questions about a module path (modfetch.Repo). Errors for a
 * module or version that does not exist carry `notFound: true` somewhere on their cause chain
 * (fs.ErrNotExist in go); their messages are the go command's.
 */
export interface ModuleRepository {
  /** versions lists the tagged (non-pseudo) versions, semver-sorted (proxy @v/list). */
  versions(path: string, signal?: AbortSignal): Promise<readonly string[]>;
  /** latest is the proxy's @latest answer, falling back to the newest @v/list entry by time. */
  latest(path: string, signal?: AbortSignal): Promise<RevInfo>;
  /** stat resolves any revision (a version, tag, branch or hash) to its .info. */
  stat(path: string, rev: string, signal?: AbortSignal): Promise<RevInfo>;
}

/** GoFile is one .go file of a package directory. */
export interface GoFile {
  readonly name: string;
  readonly text: string;
}

/**
 * PackageSource reads package directories: from a module version's zip, or from the disk for
 * the main module and directory replacements. It also hashes zips for go.sum.
 */
export interface PackageSource {
  /**
   * moduleGoFiles lists the .go files directly in dir ("" = the module root) of m's zip
   * (downloading it if needed, checked against go.sum).
   */
  moduleGoFiles(m: ModuleVersion, dir: string, signal?: AbortSignal): Promise<readonly GoFile[]>;
  /** localGoFiles lists the .go files directly in an absolute directory ([] if it does not exist). */
  localGoFiles(absDir: string): Promise<readonly GoFile[]>;
  /** zipHash returns the go.sum "h1:" hash of m's zip (downloading it if needed). */
  zipHash(m: ModuleVersion, signal?: AbortSignal): Promise<string>;
  /**
   * localDirEntries lists an absolute directory on disk (undefined when it is not a readable
   * directory): package patterns with "..." walk the main module with it, and nested go.mod
   * files end a module's tree. Without it, directories are seen only through their .go files.
   */
  localDirEntries?(absDir: string): Promise<readonly LocalDirEntry[] | undefined>;
  /**
   * moduleFileNames lists the files of m's zip, relative to the module root: package patterns
   * with "..." walk module versions with it. Without it, such patterns are refused.
   */
  moduleFileNames?(m: ModuleVersion, signal?: AbortSignal): Promise<readonly string[]>;
  /**
   * moduleGoModInZip returns the go.mod file inside m's zip (undefined when it has none): go
   * refuses a downloaded module whose go line is newer than the running go.
   */
  moduleGoModInZip?(m: ModuleVersion, signal?: AbortSignal): Promise<string | undefined>;
}

/** LocalDirEntry is one entry of a directory on disk (symbolic links are not directories). */
export interface LocalDirEntry {
  readonly name: string;
  readonly isDir: boolean;
}

/** isNotExist reports whether err (or anything it wraps) means "does not exist" (fs.ErrNotExist). */
export function isNotExist(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e instanceof Error && !seen.has(e)) {
    seen.add(e);
    if ((e as { notFound?: boolean }).notFound === true) return true;
    e = (e as { cause?: unknown }).cause ?? (e as { err?: unknown }).err;
  }
  return false;
}
