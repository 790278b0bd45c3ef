/** Preload: exposes exactly the typed contract to the renderer (filled in by the app issue). */
import { contextBridge } from 'electron';

const api = {} as const;

/** Api is the surface the renderer sees as window.api. */
export type Api = typeof api;

contextBridge.exposeInMainWorld('api', api);
