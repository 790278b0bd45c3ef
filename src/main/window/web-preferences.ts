/**
 * The one factory for a window's webPreferences (VS Code keeps one too), so that every window
 * gets the same locked-down settings and a unit test can pin them.
 */
import type { WebPreferences } from 'electron';

/** secureWebPreferences returns the webPreferences of every window of the app. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}
