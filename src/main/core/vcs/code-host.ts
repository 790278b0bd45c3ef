/**
 * Package vcs: reading Go modules straight from version control, as the go command's direct
 * mode does (cmd/go/internal/vcs, modfetch/coderepo.go, modfetch/codehost).
 *
 * Domain rules:
 * - A module path maps to a repository root (a static table of well-known hosts, the generic
 *   "host/path.git" form, or a <meta name="go-import"> page); the module lives in the directory
 *   of the repository that its path adds to the root, minus any /vN major suffix.
 * - Versions are tags: "vX.Y.Z" for a module at the root, "dir/vX.Y.Z" for one in dir. Only tags
 *   whose version part is canonical semver and not shaped like a pseudo-version are versions.
 * - A major version N >= 2 lives either in dir/vN/go.mod ("major subdirectory") or in dir/go.mod
 *   declaring the /vN path ("major branch"); never both.
 * - "+incompatible" versions exist only for a root module without a major suffix, whose commit
 *   has no go.mod.
 * - Any other commit gets a pseudo-version from the highest usable tag reachable from it.
 *
 * This file holds the port to a code host (one repository) and the errors it speaks with.
 * Nothing here runs git: the adapter in src/main/sources/git implements CodeHost.
 */

/** TagRef is one tag of a repository: its name and the commit (or tag object) hash it names. */
export interface TagRef {
  readonly name: string;
  readonly hash: string;
}

/** CodeRevInfo is what a code host knows about one revision (codehost.RevInfo). */
export interface CodeRevInfo {
  /** name is the full commit hash. */
  readonly name: string;
  /** short is the 12-digit hash prefix used in pseudo-versions. */
  readonly short: string;
  /** version is the revision as asked for, when it names a tag; else the full hash. */
  readonly version: string;
  /** time is the commit time, whole seconds, UTC. */
  readonly time: Date;
  /** tags lists the tags that point at the commit, sorted and without duplicates. */
  readonly tags: readonly string[];
}

/** Signal-aware options for every code host call. */
export interface HostCall {
  readonly signal?: AbortSignal;
}

/**
 * CodeHost is one repository, as codehost.Repo: tags, revisions, files at a revision, and the
 * two history questions pseudo-versions need. Implementations batch and cache as they like.
 */
export interface CodeHost {
  /** tags lists the tags that start with prefix, sorted by name. */
  tags(prefix: string, call?: HostCall): Promise<readonly TagRef[]>;
  /** stat resolves a tag, branch, "HEAD" or (possibly abbreviated) commit hash. */
  stat(rev: string, call?: HostCall): Promise<CodeRevInfo>;
  /** latest is the revision HEAD (the default branch) points at; NoCommitsError if none. */
  latest(call?: HostCall): Promise<CodeRevInfo>;
  /**
   * readFile returns file (slash-separated, relative to the repository root) at rev. A file that
   * does not exist there throws FileNotExistError; an unknown rev throws stat's error.
   */
  readFile(rev: string, file: string, call?: HostCall): Promise<Uint8Array>;
  /**
   * recentTag returns the semver-highest tag with prefix reachable from rev that allowed
   * accepts, or "" if there is none.
   */
  recentTag(rev: string, prefix: string, allowed: (tag: string) => boolean, call?: HostCall): Promise<string>;
  /** descendsFrom reports whether rev is tag's commit or a descendant of it. */
  descendsFrom(rev: string, tag: string, call?: HostCall): Promise<boolean>;
}

/**
 * NotExistError is an error that counts as "does not exist" (errors.Is(err, fs.ErrNotExist)):
 * the GOPROXY list goes on to the next entry after it, and queries treat it as "no such
 * version". Its text is the wrapped error's.
 */
export class NotExistError extends Error {
  readonly notFound = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotExistError';
  }
}

/** UnknownRevisionError is codehost.UnknownRevisionError: "unknown revision <rev>". */
export class UnknownRevisionError extends NotExistError {
  constructor(readonly rev: string) {
    super(`unknown revision ${rev}`);
    this.name = 'UnknownRevisionError';
  }
}

/** NoCommitsError is codehost.ErrNoCommits: the repository has no HEAD. */
export class NoCommitsError extends NotExistError {
  constructor() {
    super('no commits');
    this.name = 'NoCommitsError';
  }
}

/**
 * FileNotExistError is the fs.ErrNotExist that ReadFile returns for a missing file. It is the
 * only error for which os.IsNotExist is true: go tells "no go.mod here" apart from "cannot
 * read the revision" with that test.
 */
export class FileNotExistError extends NotExistError {
  readonly fileNotExist = true;
  constructor() {
    super('file does not exist');
    this.name = 'FileNotExistError';
  }
}

/** isFileNotExist is os.IsNotExist for code host errors. */
export function isFileNotExist(e: unknown): boolean {
  return e instanceof FileNotExistError;
}

/** allHex reports whether rev is entirely lower-case hexadecimal (codehost.AllHex). */
export function allHex(rev: string): boolean {
  return /^[0-9a-f]*$/.test(rev);
}

/** shortenHash returns the 12-digit prefix of a full SHA-1 or SHA-256 hash, else rev itself. */
export function shortenHash(rev: string): string {
  return allHex(rev) && (rev.length === 40 || rev.length === 64) ? rev.slice(0, 12) : rev;
}
