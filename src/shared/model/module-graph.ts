/**
 * The module graph as it crosses from main to the renderer: plain, readonly, serialisable.
 *
 * Nodes are module versions (every version the graph reached, selected or not); edges are the
 * lines `go mod graph` prints, plus the requirements a main module's exclude removed (kind
 * "excluded"), which go drops silently and the explorer shows.
 */

/** ModuleNodeKind tells main modules, published modules and the virtual go/toolchain modules apart. */
export type ModuleNodeKind = 'main' | 'module' | 'go' | 'toolchain';

/** DependencyKind: a main module, required directly by one, or only through others. */
export type DependencyKind = 'main' | 'direct' | 'indirect';

/**
 * ModuleSourceKind says where a node's go.mod came from: the go command's module cache,
 * gomodx's own download cache, a GOPROXY, a replacement directory, a main module's own file,
 * nowhere because go and toolchain are virtual, or nowhere because it was not loaded (pruned
 * out, or failing).
 */
export type ModuleSourceKind = 'main' | 'modcache' | 'gomodx-cache' | 'proxy' | 'directory' | 'virtual' | 'not-loaded';

/** Pruning of a node's go.mod: go 1.17 and later prune, older files do not. */
export type PruningDto = 'pruned' | 'unpruned' | 'workspace';

/** ReplacementDto is the replacement in effect for a node. */
export interface ReplacementDto {
  readonly path: string;
  /** "" for a directory replacement. */
  readonly version: string;
  /** The absolute directory of a directory replacement. */
  readonly dir?: string;
  /** The go.mod or go.work that declared it. */
  readonly fromFile: string;
}

/** ModuleNodeDto is one module version of the graph. */
export interface ModuleNodeDto {
  /** "path@version", or "path" for a main module (as `go mod graph` prints it). */
  readonly id: string;
  readonly path: string;
  /** "" for a main module. */
  readonly version: string;
  /** The path without its major-version suffix: foo, foo/v2 and foo/v3 share a family. */
  readonly family: string;
  readonly kind: ModuleNodeKind;
  readonly dependency: DependencyKind;
  /** True when this is the version MVS selected for its path. */
  readonly selected: boolean;
  /** True when a main module's go.mod excludes this version (only drawn if someone asks for it). */
  readonly excluded: boolean;
  /** True when its go.mod was read into the graph; false for pruned-out leaves and failures. */
  readonly loaded: boolean;
  readonly pruning?: PruningDto;
  /** The go line of its go.mod, when read. */
  readonly goVersion?: string;
  readonly toolchain?: string;
  readonly deprecated?: string;
  readonly replacement?: ReplacementDto;
  readonly source: ModuleSourceKind;
  /** The URL or file its go.mod was read from, when known. */
  readonly sourceUrl?: string;
  /** True for the module whose go.mod could not be loaded. */
  readonly failing?: boolean;
  readonly error?: string;
  /**
   * Order of this version among the versions of its path in the graph by semver.Compare
   * (go and toolchain versions are not semver: all 0). DOT export uses it to match modgraphviz.
   */
  readonly versionRank: number;
}

/** ModuleEdgeKind: a requirement in the graph, or one that an exclude removed. */
export type ModuleEdgeKind = 'require' | 'excluded';

/** ModuleEdgeDto is "from requires to". */
export interface ModuleEdgeDto {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: ModuleEdgeKind;
}

/** GraphCountsDto are the numbers the status bar shows. */
export interface GraphCountsDto {
  /** Selected modules, main modules included, go and toolchain not: the lines of `go list -m all`. */
  readonly modules: number;
  /** Every module version in the graph (go and toolchain not counted). */
  readonly versions: number;
  /** The lines of `go mod graph`. */
  readonly edges: number;
  readonly excluded: number;
  readonly replaced: number;
  readonly families: number;
}

/** GraphErrorDto is a load failure in the go command's words, with the node it concerns. */
export interface GraphErrorDto {
  /** The message as the go command prints it (with its "go: " prefix). */
  readonly message: string;
  /** The id of the module whose go.mod could not be loaded. */
  readonly failing?: string;
  /** The requirement path from a main module to the failing module, as node ids. */
  readonly chain?: readonly string[];
}

/** GraphSourceDto says where the modules came from, for the status bar. */
export interface GraphSourceDto {
  readonly goproxy: string;
  readonly gomodcache: string;
  readonly example: boolean;
  /** How many go.mod files came from each kind of source. */
  readonly fetched: Readonly<Partial<Record<ModuleSourceKind, number>>>;
}

/** ToolchainDto says which Go version gomodx models for the project (the go the go command would run), and why. */
export interface ToolchainDto {
  /** The Go version modelled ("1.27.0"); "" when the go command would refuse to start. */
  readonly version: string;
  /** Why, in words ("go.mod says go 1.27.0, GOTOOLCHAIN=auto: go1.27.0, downloaded"), or the refusal. */
  readonly reason: string;
  /** The local go's version and where it was found. */
  readonly localGo: string;
  readonly localGoSource: string;
  readonly gotoolchain: string;
  /** One line for the status bar: "modelling go 1.27.0: go.mod says go 1.27.0, GOTOOLCHAIN=auto: ...". */
  readonly summary: string;
}

/** ModuleGraphDto is one loaded (or partly loaded) project. */
export interface ModuleGraphDto {
  /** The directory that was opened. */
  readonly dir: string;
  /** The go.work file, in workspace mode. */
  readonly workFile?: string;
  /** Ids of the main modules. */
  readonly mainModules: readonly string[];
  /** The language version of the build (go.work's or the main go.mod's go line). */
  readonly goVersion: string;
  readonly nodes: readonly ModuleNodeDto[];
  readonly edges: readonly ModuleEdgeDto[];
  /** Ids of every version a main module excludes. */
  readonly excludes: readonly string[];
  readonly counts: GraphCountsDto;
  /** True when the whole graph loaded; false with error set when only part did. */
  readonly complete: boolean;
  readonly error?: GraphErrorDto;
  /** What the go command would print to stderr as warnings. */
  readonly warnings: readonly string[];
  readonly source: GraphSourceDto;
  /** The Go toolchain modelled (absent for the bundled example and older answers). */
  readonly toolchain?: ToolchainDto;
  readonly elapsedMs: number;
  /** The pre-module lock file (Gopkg.lock...) of a directory without go.mod, which go mod init can convert. */
  readonly legacyConfig?: string;
}
