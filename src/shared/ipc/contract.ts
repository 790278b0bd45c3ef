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

/** InvokeMap: channel → request and response. */
export interface InvokeMap {
  'app:info-get': { req: Record<string, never>; res: Result<AppInfoDto> };
  'app:graph-load': { req: GraphLoadRequest; res: Result<ModuleGraphDto> };
  'app:graph-cancel': { req: { readonly jobId: string }; res: Result<{ readonly canceled: boolean }> };
  'app:folder-pick': { req: Record<string, never>; res: Result<{ readonly dir: string | null }> };
  'app:recent-list': { req: Record<string, never>; res: Result<readonly RecentProjectDto[]> };
  'app:recent-remove': { req: { readonly dir: string }; res: Result<readonly RecentProjectDto[]> };
  'app:module-explain': { req: ModuleExplainRequest; res: Result<ModuleExplanationDto> };
}

/** EventMap: event channel → payload. */
export interface EventMap {
  'app:graph-progress': GraphProgressDto;
  'app:project-changed': ProjectChangedDto;
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
