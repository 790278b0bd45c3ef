import type { Api } from '../shared/ipc/channels';

declare global {
  interface Window {
    /** The bridge the preload exposes; absent when the renderer runs in a browser (gomodx serve). */
    readonly api?: Api;
  }
}

export {};
