import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServeArgs, runServeCommand } from './serve-command';
import type { RunningServer } from '../../server/http-server';

const tmp = mkdtempSync(join(tmpdir(), 'gomodx-serve-'));
// A stand-in for out/renderer: unit tests run before `npm run build`.
const rendererDir = join(tmp, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('parseServeArgs', () => {
  it.each([
    [[], { dir: undefined, open: true, port: 0 }],
    [['proj', '--no-open'], { dir: 'proj', open: false, port: 0 }],
    [['--port', '8123'], { dir: undefined, open: true, port: 8123 }],
    [['--port=0', 'd'], { dir: 'd', open: true, port: 0 }],
    [['--port', 'x'], 'invalid --port "x"'],
    [['--port', '70000'], 'invalid --port "70000"'],
    [['--port'], 'invalid --port ""'],
    [['--bind=0.0.0.0'], 'unknown flag --bind=0.0.0.0'],
    [['a', 'b'], 'serve accepts at most one directory'],
  ] as const)('%j', (args, want) => {
    expect(parseServeArgs(args)).toEqual(want);
  });
});

describe('runServeCommand', () => {
  it('prints one URL with a token, binds loopback only, and stops on abort', async () => {
    const controller = new AbortController();
    const printed: string[] = [];
    const stderr: string[] = [];
    let server: RunningServer | undefined;
    const done = runServeCommand(
      { args: ['--no-open'], dir: tmp, cwd: tmp, env: { HOME: tmp, XDG_CONFIG_HOME: join(tmp, 'config') }, stdout: () => undefined, stderr: (s) => stderr.push(s), signal: controller.signal },
      { print: (l) => printed.push(l), onListening: (s) => (server = s), rendererDir },
    );
    await expect.poll(() => server).toBeDefined();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n$/);
    // Nothing answers on another address of this machine: the socket is bound to 127.0.0.1.
    const status = await new Promise<number>((ok) => {
      request({ host: '127.0.0.1', port: server!.port, path: '/', headers: { host: `127.0.0.1:${server!.port}` } }, (res) => ok(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(403);
    controller.abort();
    expect(await done).toBe(0);
  });

  it('refuses a missing directory', async () => {
    const stderr: string[] = [];
    const code = await runServeCommand({ args: ['nope', '--no-open'], dir: tmp, cwd: tmp, env: {}, stdout: () => undefined, stderr: (s) => stderr.push(s) }, { rendererDir });
    expect(code).toBe(1);
    expect(stderr.join('')).toContain('no such directory');
  });
});
