/**
 * Composition root of the desktop app: registers the app:// scheme, locks down sessions and
 * web contents, serves the renderer, wires the backend to IPC and opens the window.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createIpcEmitter, registerIpcHandlers } from './ipc/register';
import { createAppBackend, type AppBackend } from './services/app-backend';
import { findExampleDir } from './services/example-project';
import { RecentProjects } from './services/recent-projects';
import { installAppProtocol, registerAppScheme } from './window/app-protocol';
import { createMainWindow } from './window/create-main-window';
import { contentSecurityPolicy, isLoopbackUrl } from './window/csp';
import { APP_ORIGIN, installNavigationGuards } from './window/navigation';
import { denyAllPermissions } from './window/permissions';

// electron-vite sets this in `dev` only; anything but a loopback URL is ignored.
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL && isLoopbackUrl(process.env.ELECTRON_RENDERER_URL) ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];

/** projectDirFromArgv finds the project directory given on the command line (`npm start -- dir`). */
function projectDirFromArgv(argv: readonly string[]): string | undefined {
  const args = argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-'));
  for (const a of args) {
    const dir = resolve(a);
    try {
      if (statSync(dir).isDirectory() && dir !== resolve(app.getAppPath())) return dir;
    } catch {
      // not a directory: not ours (Chromium switches, the app path)
    }
  }
  return undefined;
}

registerAppScheme(protocol);

let backend: AppBackend | undefined;

app.on('web-contents-created', (_e, contents) => installNavigationGuards(contents, shell, trustedOrigins));

void app.whenReady().then(() => {
  const csp = contentSecurityPolicy({ devServerUrl });
  denyAllPermissions(session.defaultSession);
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    // The renderer never needs the network: only app:, the dev server, and generated data.
    const url = details.url;
    const allowed = url.startsWith('app:') || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:') || (devServerUrl !== undefined && isLoopbackUrl(url));
    callback({ cancel: !allowed });
  });
  installAppProtocol(protocol, join(__dirname, '../renderer'), csp);

  const exampleDir = findExampleDir([join(app.getAppPath(), 'resources', 'example'), join(process.resourcesPath, 'example')]);
  backend = createAppBackend({
    transport: 'ipc',
    version: app.getVersion(),
    env: process.env,
    recent: new RecentProjects(join(app.getPath('userData'), 'recent-projects.json')),
    emit: createIpcEmitter(() => BrowserWindow.getAllWindows().map((w) => w.webContents)),
    exampleDir,
    initialDir: projectDirFromArgv(process.argv),
    pickFolder: async () => {
      const win = BrowserWindow.getFocusedWindow();
      const opts = { title: 'Open a Go project', properties: ['openDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? undefined : r.filePaths[0];
    },
  });
  registerIpcHandlers(ipcMain, backend.handlers, trustedOrigins);

  const preload = join(__dirname, '../preload/index.js');
  if (!existsSync(preload)) throw new Error(`preload bundle missing: ${preload}`);
  createMainWindow(preload, devServerUrl);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preload, devServerUrl);
  });
});

app.on('window-all-closed', () => {
  backend?.dispose();
  if (process.platform !== 'darwin') app.quit();
});
