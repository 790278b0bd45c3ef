/**
 * The one contract between the renderer and the backend (Electron main over IPC, or the
 * loopback HTTP server of `gomodx serve`). Every call is a channel with a request and a
 * Result response; every push from the backend is an event with a payload. Channels are named
 * `app:<domain>-<verb>`.
 */
import type { ModuleGraphDto, ModuleSourceKind } from '../model/module-graph';
import type { Result } from '../model/result';

/** LoadTarget is what to open: a directory on disk, or the example bundled with the app. */
export type LoadTarget = { readonly kind: 'dir'; readonly dir: string } | { readonly kind: 'example' };

/** GraphLoadRequest starts loading a graph; jobId (chosen by the caller) names it for progress and cancel. */
export interface GraphLoadRequest {
  readonly jobId: string;
  readonly target: LoadTarget;
}

/** AppInfoDto tells the renderer what this backend can do and what to open first. */
export interface AppInfoDto {
  readonly transport: 'ipc' | 'http';
  readonly version: string;
  /** A native folder dialog exists (Electron only). */
  readonly canPickFolder: boolean;
  /** Dropped folders resolve to paths (Electron only; a browser hides paths). */
  readonly canDropFolders: boolean;
  readonly exampleAvailable: boolean;
  /** The project given on the command line (`npm start -- dir`, `gomodx serve dir`), once. */
  readonly initialDir?: string;
}

/** RecentProjectDto is one entry of the recent projects list, newest first. */
export interface RecentProjectDto {
  readonly dir: string;
  /** The main module path(s) when it was last opened. */
  readonly name: string;
  /** ISO time of the last open. */
  readonly openedAt: string;
}

/** GraphProgressDto is sent while a graph loads: N of M go.mod files, and where the last came from. */
export interface GraphProgressDto {
  readonly jobId: string;
  readonly done: number;
  readonly total: number;
  /** The module whose go.mod was read last ("path@version"). */
  readonly current?: string;
  readonly source?: ModuleSourceKind;
}

/** ProjectChangedDto says that go.mod, go.sum or go.work changed under an open project. */
export interface ProjectChangedDto {
  readonly dir: string;
  readonly file: string;
}

/** WhyEdgeDto is one requirement on the explained module: requirer (a node id) asks for requires. */
export interface WhyEdgeDto {
  readonly requirer: string;
  readonly requires: string;
}

/** WhyReasonDto is a winning requirement and the chains of node ids from a main module to its requirer. */
export interface WhyReasonDto extends WhyEdgeDto {
  /** The shortest chain, main module first, requirer last. */
  readonly chain: readonly string[];
  /** Every simple chain (bounded), the shortest first. */
  readonly allChains: readonly (readonly string[])[];
}

/** ModuleExplanationDto answers "why is this module at this version" for the open project. */
export interface ModuleExplanationDto {
  readonly path: string;
  /** The selected version ("" for a main module, "none" when the module is not in the build). */
  readonly version: string;
  /** The node id of the selected version, when it is drawn. */
  readonly selectedId?: string;
  readonly absent?: string;
  readonly reasons: readonly WhyReasonDto[];
  readonly requirers: readonly WhyEdgeDto[];
  readonly unselected: readonly { readonly version: string; readonly reason: string }[];
  readonly replace: { readonly old: string; readonly new: string; readonly source: string } | null;
}

/** ModuleExplainRequest names a module path of the project open at dir. */
export interface ModuleExplainRequest {
  readonly dir: string;
  readonly path: string;
}

/** UpgradeFlagDto is go get's -u flag: "" (none), "upgrade" (-u) or "patch" (-u=patch). */
export type UpgradeFlagDto = '' | 'upgrade' | 'patch';

/** GetSpecDto is one go get command: its arguments ("path@query", "./...") and its -u flag. */
export interface GetSpecDto {
  readonly args: readonly string[];
  readonly upgrade: UpgradeFlagDto;
}

/** ModuleVersionsRequest asks for the published versions of a module path of the project at dir. */
export interface ModuleVersionsRequest {
  readonly dir: string;
  readonly path: string;
}

/** ModuleVersionDto is one published version, with what go would say of it. */
export interface ModuleVersionDto {
  readonly version: string;
  /** The commit time the source reports (RFC 3339), when read. */
  readonly time?: string;
  /** The go line of its go.mod, when read ("" when it has none). */
  readonly goVersion?: string;
  /** Present when the author retracted it: the rationale ("" when none was given). */
  readonly retracted?: string;
  /** True when a main module excludes it. */
  readonly excluded?: boolean;
}

/** ModuleVersionsDto lists a module's versions, newest first. */
export interface ModuleVersionsDto {
  readonly path: string;
  readonly versions: readonly ModuleVersionDto[];
  /** The deprecation message of the module's latest go.mod, if any. */
  readonly deprecated?: string;
  /** Why the list could not be read (an unknown module, an unreachable proxy). */
  readonly error?: string;
}

/** WhatIfPreviewRequest asks what a go get would do to the project at dir, writing nothing. */
export interface WhatIfPreviewRequest extends GetSpecDto {
  readonly jobId: string;
  readonly dir: string;
}

/** WhatIfChangeKind says how a module's selected version would move. */
export type WhatIfChangeKind = 'added' | 'removed' | 'upgraded' | 'downgraded';

/** WhatIfChangeDto is one module whose selected version would move, and why. */
export interface WhatIfChangeDto {
  readonly path: string;
  /** The version before ("" when it was not in the build list). */
  readonly old: string;
  /** The version after ("" when it leaves the build list). */
  readonly new: string;
  readonly kind: WhatIfChangeKind;
  readonly reason: string;
  /** True when go get itself reports the change. */
  readonly reported: boolean;
  /** Node id of the version before, as the graph draws it. */
  readonly fromId?: string;
  /** Node id of the version after. */
  readonly toId?: string;
  /** Node id of the selected module whose requirement raises it. */
  readonly byId?: string;
  /** Node ids the version after requires, in the graph after the command. */
  readonly requires?: readonly string[];
}

/** WhatIfPreviewDto is what the go get would do: its output, the moves, and the files it would write. */
export interface WhatIfPreviewDto {
  /** The command as typed: "go get -u example.com/x@v1.2.0". */
  readonly command: string;
  /** False when go would refuse (output says why); nothing would change. */
  readonly ok: boolean;
  /** What go prints on stderr (warnings, errors, its change report). */
  readonly output: string;
  readonly changes: readonly WhatIfChangeDto[];
  /** A unified diff of go.mod ("" when go.mod would stay as it is). */
  readonly goModDiff: string;
  /** The go.mod go would write (absent when it stays). */
  readonly goModAfter?: string;
  /** The go.sum lines go would add. */
  readonly goSumAdded: readonly string[];
  /** Identifies the go.mod and go.sum the preview was computed from; apply refuses other files. */
  readonly base: string;
  readonly buildListBefore: number;
  readonly buildListAfter: number;
  readonly elapsedMs: number;
}

/** WhatIfApplyRequest writes what a previewed go get would write, if the files are still base. */
export interface WhatIfApplyRequest extends GetSpecDto {
  readonly dir: string;
  readonly base: string;
}

/** WhatIfApplyDto says what was written, and how to take it back. */
export interface WhatIfApplyDto {
  readonly command: string;
  /** The files written (go.mod, go.sum), none when go would change nothing. */
  readonly files: readonly string[];
  /** Names this write for undo. */
  readonly undoId: string;
  readonly output: string;
}

/** WhatIfUndoRequest restores the files an apply wrote, if nobody changed them since. */
export interface WhatIfUndoRequest {
  readonly dir: string;
  readonly undoId: string;
}

/** LegacyPreviewRequest asks what go mod init (Go 1.21, with lock-file conversion) would write in dir. */
export interface LegacyPreviewRequest {
  readonly jobId: string;
  readonly dir: string;
  /** The module path to give go mod init (absent: inferred as go infers it). */
  readonly modulePath?: string;
}

/** LegacyRequirementDto is one require line of the converted go.mod (and its replace, if any). */
export interface LegacyRequirementDto {
  readonly path: string;
  readonly version: string;
  /** "old oldVersion" of the replace line written before it (a dep source). */
  readonly replaces?: string;
}

/** LegacyDroppedDto is a lock-file entry go could not convert, in go's words. */
export interface LegacyDroppedDto {
  readonly path: string;
  readonly rev: string;
  /** The error go printed after "stat path@rev: ". */
  readonly reason: string;
  /** The pkg.go.dev page of the path. */
  readonly docUrl: string;
}

/** LegacyPreviewDto is the go.mod go mod init would write from a lock file, with its module graph; nothing is written. */
export interface LegacyPreviewDto {
  readonly dir: string;
  /** False when go mod init would refuse (output says why). */
  readonly ok: boolean;
  readonly lockFile?: { readonly name: string; readonly tool: string; readonly entries: number };
  readonly modulePath?: string;
  readonly goMod?: string;
  /** go's stderr (creating, converting errors, copying, the go mod tidy hint). */
  readonly output: string;
  readonly requirements: readonly LegacyRequirementDto[];
  readonly dropped: readonly LegacyDroppedDto[];
  /** go asks for go mod tidy afterwards (always needed to add what packages import, and go.sum). */
  readonly needsTidy: boolean;
  /** The module graph of the converted go.mod, as the project would open once it is written. */
  readonly graph?: ModuleGraphDto;
  /** Names this preview for apply. */
  readonly base: string;
  readonly elapsedMs: number;
}

/** LegacyProgressDto is sent while lock-file entries are resolved. */
export interface LegacyProgressDto {
  readonly jobId: string;
  readonly done: number;
  readonly total: number;
  /** The entry resolved last ("path@rev"). */
  readonly current?: string;
}

/** VulnScanRequest asks for the known vulnerabilities of an opened project's build list. */
export interface VulnScanRequest {
  readonly jobId: string;
  readonly dir: string;
  /** refresh fetches the vulnerability database again instead of using a copy of the last day. */
  readonly refresh: boolean;
}

/** VulnFindingDto is one vulnerability entry affecting one module version of the build list. */
export interface VulnFindingDto {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  /** severity as the entry gives it (a level or a CVSS vector), when it gives one. */
  readonly severity?: string;
  /** url is the entry's page, https://pkg.go.dev/vuln/<ID>. */
  readonly url: string;
  readonly kind: 'module' | 'stdlib' | 'toolchain';
  /** module is the path the build list names ("stdlib", "toolchain" for Go itself). */
  readonly module: string;
  /** path and version are the code the build uses (the replacement's, when replaced). */
  readonly path: string;
  readonly version: string;
  /** fixedVersion is the lowest version that fixes it ("" when none is known). */
  readonly fixedVersion: string;
  /** nodeId is the graph node of the selected module version (absent for Go itself). */
  readonly nodeId?: string;
}

/** VulnScanDto is a scan: which database, how old, and what it found. */
export interface VulnScanDto {
  readonly dir: string;
  /** database says where the entries come from and how old they are, in one line. */
  readonly database: string;
  readonly goVersion: string;
  readonly findings: readonly VulnFindingDto[];
  /** modulesScanned counts the module versions of the build list matched. */
  readonly modulesScanned: number;
}

/** VulnPlanRequest asks for the go get that fixes the picked findings (by ID or module; none: all fixable). */
export interface VulnPlanRequest {
  readonly jobId: string;
  readonly dir: string;
  readonly picks: readonly string[];
}

/** VulnPlanStepDto is what the plan does for one vulnerable module, in words. */
export interface VulnPlanStepDto {
  readonly kind: 'raise' | 'raise-direct' | 'unfixable';
  readonly module: string;
  readonly ids: readonly string[];
  readonly text: string;
}

/** VulnPlanDto is the go get arguments of the fix and the step behind each. */
export interface VulnPlanDto {
  readonly args: readonly string[];
  readonly steps: readonly VulnPlanStepDto[];
}

/** InvokeMap: channel → request and response. */
export interface InvokeMap {
  'app:info-get': { req: Record<string, never>; res: Result<AppInfoDto> };
  'app:graph-load': { req: GraphLoadRequest; res: Result<ModuleGraphDto> };
  'app:graph-cancel': { req: { readonly jobId: string }; res: Result<{ readonly canceled: boolean }> };
  'app:folder-pick': { req: Record<string, never>; res: Result<{ readonly dir: string | null }> };
  'app:recent-list': { req: Record<string, never>; res: Result<readonly RecentProjectDto[]> };
  'app:recent-remove': { req: { readonly dir: string }; res: Result<readonly RecentProjectDto[]> };
  'app:module-explain': { req: ModuleExplainRequest; res: Result<ModuleExplanationDto> };
  'app:module-versions': { req: ModuleVersionsRequest; res: Result<ModuleVersionsDto> };
  'app:whatif-preview': { req: WhatIfPreviewRequest; res: Result<WhatIfPreviewDto> };
  'app:whatif-cancel': { req: { readonly jobId: string }; res: Result<{ readonly canceled: boolean }> };
  'app:whatif-apply': { req: WhatIfApplyRequest; res: Result<WhatIfApplyDto> };
  'app:whatif-undo': { req: WhatIfUndoRequest; res: Result<{ readonly files: readonly string[] }> };
  'app:legacy-preview': { req: LegacyPreviewRequest; res: Result<LegacyPreviewDto> };
  'app:legacy-cancel': { req: { readonly jobId: string }; res: Result<{ readonly canceled: boolean }> };
  'app:legacy-apply': { req: { readonly dir: string; readonly base: string }; res: Result<{ readonly goModPath: string }> };
  'app:vuln-scan': { req: VulnScanRequest; res: Result<VulnScanDto> };
  'app:vuln-plan': { req: VulnPlanRequest; res: Result<VulnPlanDto> };
  'app:vuln-cancel': { req: { readonly jobId: string }; res: Result<{ readonly canceled: boolean }> };
}

/** EventMap: event channel → payload. */
export interface EventMap {
  'app:graph-progress': GraphProgressDto;
  'app:project-changed': ProjectChangedDto;
  'app:legacy-progress': LegacyProgressDto;
}

/** InvokeChannel is any call channel. */
export type InvokeChannel = keyof InvokeMap;
/** EventChannel is any event channel. */
export type EventChannel = keyof EventMap;
/** Req is the request type of a channel. */
export type Req<K extends InvokeChannel> = InvokeMap[K]['req'];
/** Res is the response type of a channel. */
export type Res<K extends InvokeChannel> = InvokeMap[K]['res'];

/** CHANNEL_PREFIX starts every channel; anything else is refused before lookup. */
export const CHANNEL_PREFIX = 'app:';
