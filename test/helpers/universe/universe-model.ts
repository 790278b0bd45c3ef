// The shape of a generated "universe": every published module version a fake GOPROXY serves,
// plus the working tree (main module, workspace, local replacement directories) where the go
// command and gomodx are both run.

/** UniverseVersion is one published version of a module. */
export interface UniverseVersion {
  readonly version: string;
  /** time is the commit time the proxy's .info reports (RFC 3339, UTC). */
  readonly time: string;
  /**
   * goMod is the module's go.mod text at this version, or null when the version has none (the
   * "+incompatible" v2+ versions of a path without /vN); the proxy then serves "module <path>\n",
   * as proxy.golang.org does.
   */
  readonly goMod: string | null;
  /** listed tells whether the version appears in @v/list (tags do, pseudo-versions don't). */
  readonly listed: boolean;
  /**
   * files are the zip's other files (Go packages), by path relative to the module root; without
   * them the zip holds one doc.go that imports nothing.
   */
  readonly files?: Readonly<Record<string, string>>;
}

/** UniverseModule is one module path and all its published versions. */
export interface UniverseModule {
  readonly path: string;
  readonly versions: readonly UniverseVersion[];
  /**
   * revisions are other names the proxy answers .info for (a commit hash, a short hash, a branch,
   * "v2.0.0" for "v2.0.0+incompatible"), each naming one of versions, as proxy.golang.org
   * resolves a query it is asked for: `<rev>.info` holds that version and its time.
   */
  readonly revisions?: Readonly<Record<string, string>>;
}

/** UniverseIntent says what the go command is expected to do with the universe. */
export type UniverseIntent =
  /** `go list -m all` succeeds in -mod=readonly. */
  | 'consistent'
  /** the main go.mod needs updates: go refuses with "updates to go.mod needed". */
  | 'inconsistent'
  /** a hand-made error case: go refuses for the reason in expectedError. */
  | 'error';

/** SumEdits spoils the complete go.sum on purpose (error cases only). */
export interface SumEdits {
  /** drop removes lines whose "path version" prefix (e.g. "example.com/a v1.0.0/go.mod") matches. */
  readonly drop?: readonly string[];
  /** corrupt replaces the hash of the lines with these prefixes by a wrong one. */
  readonly corrupt?: readonly string[];
  /** add appends raw lines. */
  readonly add?: readonly string[];
}

/** Universe is everything needed to write one test world to disk. */
export interface Universe {
  readonly seed: number;
  /** name is a short label for test titles and directory names. */
  readonly name: string;
  readonly intent: UniverseIntent;
  readonly modules: readonly UniverseModule[];
  /** files is the working tree, by POSIX path relative to its root; go.sum files are computed. */
  readonly files: Readonly<Record<string, string>>;
  /** sumFiles lists where a complete go.sum is written (e.g. "go.sum", "a/go.sum", "go.work.sum"). */
  readonly sumFiles: readonly string[];
  readonly sumEdits?: SumEdits;
  /** runDir is where commands run, relative to the working tree root. */
  readonly runDir: string;
  /** gowork: "off" sets GOWORK=off; "discover" leaves GOWORK unset; "explicit" points it at go.work. */
  readonly gowork: 'off' | 'discover' | 'explicit';
  /** commands are the go/gomodx argument lists to compare. */
  readonly commands: readonly (readonly string[])[];
  /** tags describe what the universe contains, for the distribution report. */
  readonly tags: readonly string[];
  /** expectedError is a substring go's stderr must contain for `list -m all` (error cases). */
  readonly expectedError?: string;
  /** wantInconsistent asks the settling step to keep an inconsistent draft as it is. */
  readonly wantInconsistent?: boolean;
}

/** withChanges returns a copy of u with some working-tree files replaced and tags added. */
export function withChanges(
  u: Universe,
  change: { files?: Record<string, string>; tags?: readonly string[]; intent?: UniverseIntent },
): Universe {
  return {
    ...u,
    files: { ...u.files, ...(change.files ?? {}) },
    tags: [...new Set([...u.tags, ...(change.tags ?? [])])].sort(),
    intent: change.intent ?? u.intent,
  };
}
