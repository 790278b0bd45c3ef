/**
 * Package modget: what `go get` would do, computed without doing it (modload's query.go and
 * edit.go, modget's resolver and change report), plus `go list -m -versions/-u`.
 *
 * Domain rules:
 * - Version queries ("latest", "upgrade", "v1.2", ">=v1.2.0", ...) choose among the tagged
 *   versions a module repository lists, minus excluded and (usually) retracted versions; an
 *   explicitly named version is accepted even when retracted, never when excluded.
 * - The edit keeps every requested version selected: other roots are stepped down version by
 *   version until nothing asks for more than was requested, or the request is refused as a
 *   conflict. Nothing is ever written unless the whole edit succeeds.
 *
 * This file holds the ports: the repository questions (version lists, .info, @latest) and the
 * package questions (what a module version's zip holds) that the edit needs from the world.
 */
import type { ModuleVersion } from '../../../shared/model/module-version';

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
