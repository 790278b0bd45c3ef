/**
 * Creates the main window with the secure preferences, serving the renderer from app:// (or
 * the loopback dev server while developing).
 */
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './web-preferences';
import { APP_ORIGIN } from './navigation';

/** createMainWindow opens the window and loads the renderer. */
export function createMainWindow(preloadPath: string, devServerUrl?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Go Module Explorer',
    backgroundColor: '#1e1f22',
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}
