/**
 * `gomodx serve [dir] [--no-open] [--port N]`: the explorer in a browser. It serves the built
 * renderer and the window's backend over loopback HTTP (src/main/server), prints the URL with
 * its token on one line, opens the browser unless --no-open, and runs until interrupted.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppBackend } from '../../services/app-backend';
import { findExampleDir } from '../../services/example-project';
import { RecentProjects } from '../../services/recent-projects';
import { EventStream } from '../../server/event-stream';
import { startServer, type RunningServer } from '../../server/http-server';
import { PROD_CSP } from '../../window/csp';
import type { CliContext } from '../run';

/** ServeOptions are the parsed arguments of serve. */
export interface ServeOptions {
  readonly dir?: string;
  readonly open: boolean;
  readonly port: number;
}

/** parseServeArgs reads serve's arguments, or returns a usage error. */
export function parseServeArgs(args: readonly string[]): ServeOptions | string {
  let dir: string | undefined;
  let open = true;
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-open' || a === '-no-open') open = false;
    else if (a === '--port' || a === '-port' || a.startsWith('--port=') || a.startsWith('-port=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      const n = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || n > 65535) return `invalid --port ${JSON.stringify(v ?? '')}`;
      port = n;
    } else if (a.startsWith('-')) return `unknown flag ${a}`;
    else if (dir === undefined) dir = a;
    else return 'serve accepts at most one directory';
  }
  return { dir, open, port };
}

function firstExisting(candidates: readonly string[], file: string): string | undefined {
  return candidates.map((c) => resolve(c)).find((c) => existsSync(join(c, file)));
}

function configDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.XDG_CONFIG_HOME || join(env.HOME || '.', '.config');
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener: the printed URL is enough.
  }
}

/** ServeHooks lets tests see the server and print without the process's stdout. */
export interface ServeHooks {
  readonly print?: (line: string) => void;
  /** The built renderer to serve, instead of looking for out/renderer. */
  readonly rendererDir?: string;
  readonly onListening?: (server: RunningServer) => void;
}

/** runServeCommand runs the server until ctx.signal aborts (Ctrl+C). */
export async function runServeCommand(ctx: CliContext, hooks: ServeHooks = {}): Promise<number> {
  const parsed = parseServeArgs(ctx.args);
  if (typeof parsed === 'string') {
    ctx.stderr(`gomodx serve: ${parsed}\nusage: gomodx serve [dir] [--no-open] [--port N]\n`);
    return 2;
  }
  // The CLI bundle is out/cli/gomodx.js; from sources (tests) the same files are found from the repo root.
  const roots = [join(__dirname, '..'), join(__dirname, '..', '..', '..', '..', 'out')];
  const rendererDir = hooks.rendererDir ?? firstExisting(roots.map((r) => join(r, 'renderer')), 'index.html');
  if (!rendererDir) {
    ctx.stderr('gomodx serve: the renderer is not built; run `npm run build` first\n');
    return 1;
  }
  const exampleDir = findExampleDir([join(__dirname, '..', '..', 'resources', 'example'), join(__dirname, '..', '..', '..', '..', 'resources', 'example')]);
  let initialDir: string | undefined;
  if (parsed.dir !== undefined) {
    initialDir = resolve(ctx.dir, parsed.dir);
    if (!existsSync(initialDir)) {
      ctx.stderr(`gomodx serve: ${initialDir}: no such directory\n`);
      return 1;
    }
  } else if (existsSync(join(ctx.dir, 'go.mod')) || existsSync(join(ctx.dir, 'go.work'))) {
    initialDir = ctx.dir;
  }

  const events = new EventStream();
  const backend = createAppBackend({
    transport: 'http',
    version: process.env.npm_package_version ?? '0.1.0',
    env: ctx.env,
    recent: new RecentProjects(join(configDir(ctx.env), 'gomodx', 'recent-projects.json')),
    emit: (channel, payload) => events.emit(channel, payload),
    exampleDir,
    initialDir,
  });
  let server: RunningServer;
  try {
    server = await startServer({
      handlers: backend.handlers,
      events,
      rendererDir,
      token: randomBytes(24).toString('base64url'),
      csp: PROD_CSP,
      port: parsed.port,
      log: (line) => ctx.stderr(`gomodx serve: ${line}\n`),
    });
  } catch (e) {
    backend.dispose();
    events.close();
    ctx.stderr(`gomodx serve: ${(e as Error).message}\n`);
    return 1;
  }
  // The CLI buffers stdout until exit; the URL must appear now, so it goes straight out.
  const print = hooks.print ?? ((line: string) => process.stdout.write(line));
  print(`${server.url}\n`);
  ctx.stderr('gomodx serve: Go Module Explorer is listening on 127.0.0.1 only; press Ctrl+C to stop\n');
  hooks.onListening?.(server);
  if (parsed.open) openBrowser(server.url);

  await new Promise<void>((done) => {
    const stop = (): void => done();
    if (ctx.signal?.aborted) return done();
    ctx.signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGTERM', stop);
  });
  backend.dispose();
  await server.close();
  return 0;
}
