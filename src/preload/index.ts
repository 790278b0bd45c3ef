/**
 * Preload: exposes exactly the typed contract to the renderer as window.api, one function per
 * channel (built from the contract's tables). Event callbacks receive the payload only, never
 * Electron's event object, and every subscription returns its unsubscribe function.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi, type Api } from '../shared/ipc/channels';

const api: Api = buildApi(
  {
    invoke: (channel, req) => ipcRenderer.invoke(channel, req),
    subscribe: (channel, cb) => {
      const listener = (_event: IpcRendererEvent, payload: unknown): void => cb(payload);
      ipcRenderer.on(channel, listener);
      return () => {
        ipcRenderer.removeListener(channel, listener);
      };
    },
  },
  {
    pathForFile: (file) => {
      try {
        return webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]) || undefined;
      } catch {
        return undefined;
      }
    },
  },
);

contextBridge.exposeInMainWorld('api', api);

export type { Api };
