/**
 * register wires the whole contract to Electron: every call channel through handle(), and an
 * emitter that sends events to our windows only. This folder is the only place that touches
 * ipcMain or webContents.send.
 */
import type { IpcMain, WebContents } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import type { Emit, Handlers } from '../services/app-backend';
import { handle } from './handle';

/** registerIpcHandlers registers a handler for every call channel of the contract. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, trustedOrigins: readonly string[]): void {
  for (const channel of INVOKE_CHANNELS) handle(ipcMain, channel, handlers, trustedOrigins);
}

/** createIpcEmitter sends events to the web contents that targets() returns (our windows). */
export function createIpcEmitter(targets: () => readonly WebContents[]): Emit {
  return (channel, payload) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(channel, payload);
  };
}
