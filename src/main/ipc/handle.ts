/**
 * handle wraps ipcMain.handle for one channel of the contract: it checks the channel prefix,
 * that the sender is our own top-level frame (VS Code's ipcMain validation: URL parsed,
 * protocol and host compared, sub-frames refused), validates the payload with the channel's
 * schema, and maps thrown errors to {ok:false,error:{code,message}}.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { InvokeChannel, Res } from '../../shared/ipc/contract';
import { fail } from '../../shared/model/result';
import type { Handlers } from '../services/app-backend';
import { dispatch } from './dispatch';

/** SenderFrameLike is the part of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** InvokeEventLike is the part of IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null | undefined;
}

/**
 * isTrustedSender accepts only a top-level frame whose URL has one of the trusted origins
 * (app://gomodx, or the loopback dev server while developing).
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes such as app:, so compare protocol and host.
  return trustedOrigins.some((o) => {
    const t = new URL(o);
    return url.protocol === t.protocol && url.host === t.host;
  });
}

/** createIpcHandler returns the function ipcMain.handle registers for channel. */
export function createIpcHandler<K extends InvokeChannel>(
  channel: K,
  handlers: Handlers,
  trustedOrigins: readonly string[],
): (event: InvokeEventLike, raw: unknown) => Promise<Res<K>> {
  return async (event, raw) => {
    if (!isTrustedSender(event?.senderFrame, trustedOrigins)) {
      return fail('forbidden', `${channel}: refused a call from ${event?.senderFrame?.url ?? 'an unknown frame'}`) as Res<K>;
    }
    return (await dispatch(handlers, channel, raw)) as Res<K>;
  };
}

/** handle registers channel on ipcMain with every check of createIpcHandler. */
export function handle<K extends InvokeChannel>(ipcMain: Pick<IpcMain, 'handle'>, channel: K, handlers: Handlers, trustedOrigins: readonly string[]): void {
  const fn = createIpcHandler(channel, handlers, trustedOrigins);
  ipcMain.handle(channel, (event: IpcMainInvokeEvent, raw: unknown) => fn(event, raw));
}
