/**
 * The only reader of window.api (VS Code's globals.ts pattern): the preload's bridge in the
 * desktop app, or, in a browser served by `gomodx serve`, the same api built over HTTP from the
 * same contract. Stores import `api` from here; tests replace it with vi.mock('../bridge').
 */
import { buildApi, type Api } from '../../shared/ipc/channels';
import { httpTransport } from './http-transport';

function createBridge(): Api {
  if (typeof window !== 'undefined' && window.api) return window.api;
  return buildApi(httpTransport(), { pathForFile: () => undefined });
}

/** api is the backend, whichever transport carries it. */
export const api: Api = createBridge();
