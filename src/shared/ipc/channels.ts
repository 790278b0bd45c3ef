/**
 * Channel names and the bridge function that carries each. Both transports (preload over IPC,
 * the HTTP client in the browser) build their api object from these tables with buildApi, so
 * the renderer sees the same functions whichever backend it talks to.
 */
import type { EventChannel, EventMap, InvokeChannel, Req, Res } from './contract';

/** INVOKE_FUNCTIONS maps each bridge function name to its call channel. */
export const INVOKE_FUNCTIONS = {
  getInfo: 'app:info-get',
  loadGraph: 'app:graph-load',
  cancelGraph: 'app:graph-cancel',
  pickFolder: 'app:folder-pick',
  listRecent: 'app:recent-list',
  removeRecent: 'app:recent-remove',
  explainModule: 'app:module-explain',
  listVersions: 'app:module-versions',
  previewGet: 'app:whatif-preview',
  cancelPreview: 'app:whatif-cancel',
  applyGet: 'app:whatif-apply',
  undoGet: 'app:whatif-undo',
  previewLegacy: 'app:legacy-preview',
  cancelLegacy: 'app:legacy-cancel',
  applyLegacy: 'app:legacy-apply',
  scanVulns: 'app:vuln-scan',
  planVulnFix: 'app:vuln-plan',
  cancelVuln: 'app:vuln-cancel',
} as const satisfies Record<string, InvokeChannel>;

/** EVENT_FUNCTIONS maps each bridge subscription function name to its event channel. */
export const EVENT_FUNCTIONS = {
  onGraphProgress: 'app:graph-progress',
  onProjectChanged: 'app:project-changed',
  onLegacyProgress: 'app:legacy-progress',
} as const satisfies Record<string, EventChannel>;

/** INVOKE_CHANNELS lists every call channel (what main registers, what the server routes). */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = Object.values(INVOKE_FUNCTIONS);

/** EVENT_CHANNELS lists every event channel. */
export const EVENT_CHANNELS: readonly EventChannel[] = Object.values(EVENT_FUNCTIONS);

type InvokeFns = typeof INVOKE_FUNCTIONS;
type EventFns = typeof EVENT_FUNCTIONS;

/** Unsubscribe stops an event subscription. */
export type Unsubscribe = () => void;

/**
 * LocalApi holds what the bridge offers besides the contract: turning a dropped File into its
 * path (Electron's webUtils; a browser cannot, so the HTTP bridge returns undefined).
 */
export interface LocalApi {
  pathForFile(file: unknown): string | undefined;
}

/** Api is the whole bridge surface: one function per call channel and per event channel. */
export type Api = { readonly [F in keyof InvokeFns]: (req: Req<InvokeFns[F]>) => Promise<Res<InvokeFns[F]>> } & {
  readonly [F in keyof EventFns]: (cb: (payload: EventMap[EventFns[F]]) => void) => Unsubscribe;
} & LocalApi;

/** BRIDGE_KEYS is the exact, sorted key list of window.api (a security test compares against it). */
export const BRIDGE_KEYS: readonly string[] = [...Object.keys(INVOKE_FUNCTIONS), ...Object.keys(EVENT_FUNCTIONS), 'pathForFile'].sort();

/** Transport is what a backend connection provides: call a channel, subscribe to an event. */
export interface Transport {
  invoke(channel: InvokeChannel, req: unknown): Promise<unknown>;
  subscribe(channel: EventChannel, cb: (payload: unknown) => void): Unsubscribe;
}

/** buildApi makes the bridge object from a transport, one function per channel of the contract. */
export function buildApi(t: Transport, local: LocalApi): Api {
  const api: Record<string, unknown> = {};
  for (const [fn, channel] of Object.entries(INVOKE_FUNCTIONS)) api[fn] = (req: unknown) => t.invoke(channel, req);
  for (const [fn, channel] of Object.entries(EVENT_FUNCTIONS)) api[fn] = (cb: (p: unknown) => void) => t.subscribe(channel, cb);
  api.pathForFile = (file: unknown) => local.pathForFile(file);
  return api as unknown as Api;
}
