// The import rules of the house style, checked on the sources (VS Code's code-layering, in
// small): the renderer reaches the backend only through bridge.ts; shared code and the pure
// window modules import no runtime; the preload imports only electron and shared/ipc; the Go
// module core imports no runtime and touches no Node or DOM global; electron is imported only
// where the app's window and IPC live.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !/\.test-helper\.ts$/.test(name) && !p.includes('test-support') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|(?:import|require)\(\s*'([^']+)'\s*\)/gm)].map((m) => (m[1] ? `type:${m[2]}` : (m[2] ?? m[3] ?? m[4])));
}

function violations(dir: string, banned: (spec: string, file: string) => boolean): string[] {
  return files(join(SRC, dir)).flatMap((f) => imports(f).filter((spec) => banned(spec, f)).map((spec) => `${relative(SRC, f)} imports ${spec}`));
}

const runtime = (spec: string): boolean => spec === 'electron' || spec.startsWith('node:') || spec === 'simple-git' || spec === 'type:electron';

// Node's modules by their bare names too, which TypeScript resolves to the same thing as node:*.
const NODE_BUILTINS = new Set(['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib']);

function nodeOrElectron(s: string): boolean {
  const spec = s.replace(/^type:/, '');
  return spec === 'electron' || spec.startsWith('node:') || NODE_BUILTINS.has(spec) || spec === 'simple-git';
}

/** code is a file's text without comments, so that prose ("a window of versions") is not code. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

// Where electron may be imported: the composition root, the window factories, the IPC wrappers
// and the preload. Everything else on the main side (core, sources, services, cli, server) also
// runs in plain Node, for gomodx and the browser transport.
const ELECTRON_ALLOWED = [/^main\/index\.ts$/, /^main\/window\//, /^main\/ipc\//, /^preload\//];

describe('layering', () => {
  it('the renderer imports no electron, node:, src/main or src/preload', () => {
    expect(
      violations('renderer', (s) => {
        const spec = s.replace(/^type:/, '');
        return runtime(s) || spec.includes('/main/') || (spec.includes('/preload/') && !s.startsWith('type:'));
      }),
    ).toEqual([]);
  });

  it('only bridge.ts and http-transport.ts talk to the backend', () => {
    const allowed = new Set(['renderer/src/bridge.ts', 'renderer/src/http-transport.ts']);
    const offenders = files(join(SRC, 'renderer')).filter((f) => /window\.api|fetch\(|EventSource/.test(readFileSync(f, 'utf8')) && !allowed.has(relative(SRC, f)));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('components never import the bridge', () => {
    expect(violations('renderer/src/components', (s) => /bridge$/.test(s))).toEqual([]);
  });

  it('shared imports nothing but zod and itself', () => {
    expect(violations('shared', (s) => !s.replace(/^type:/, '').startsWith('.') && s.replace(/^type:/, '') !== 'zod')).toEqual([]);
  });

  it('the preload imports only electron and shared/ipc', () => {
    expect(violations('preload', (s) => s !== 'electron' && !s.replace(/^type:/, '').startsWith('../shared/ipc/'))).toEqual([]);
  });

  it('the pure window modules import no Electron at run time', () => {
    const pure = ['web-preferences.ts', 'csp.ts', 'navigation.ts', 'permissions.ts', 'static-files.ts'];
    const offenders = pure.flatMap((f) => imports(join(SRC, 'main', 'window', f)).filter((s) => s === 'electron').map((s) => `${f} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the Go module core imports no Node module, electron or simple-git, and only core and shared/model', () => {
    expect(
      violations('main/core', (s, f) => {
        if (nodeOrElectron(s)) return true;
        const spec = s.replace(/^type:/, '');
        if (!spec.startsWith('.')) return false;
        const target = relative(SRC, resolve(dirname(f), spec));
        return !target.startsWith('main/core/') && !target.startsWith('shared/model/');
      }),
    ).toEqual([]);
  });

  it('the Go module core uses no Node or DOM global', () => {
    // require(...) of a module is caught by the import check; require alone is a go.mod word.
    const globals = /(?<![.\w$])(?:document|window|process|Buffer|__dirname|__filename|globalThis)\b(?!\s*:)/;
    const offenders = files(join(SRC, 'main', 'core')).flatMap((f) =>
      code(f)
        .split('\n')
        .map((line, i) => [line.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''"), i + 1] as const)
        .filter(([line]) => globals.test(line))
        .map(([line, n]) => `${relative(SRC, f)}:${n}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('electron is imported only by index.ts, window/, ipc/ and the preload', () => {
    const offenders = [...files(join(SRC, 'main')), ...files(join(SRC, 'preload')), ...files(join(SRC, 'shared'))]
      .filter((f) => !ELECTRON_ALLOWED.some((re) => re.test(relative(SRC, f))))
      .flatMap((f) => imports(f).filter((s) => s.replace(/^type:/, '') === 'electron').map((s) => `${relative(SRC, f)} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  // go's modload never imports modget: modload's rooms (query, edit, load, the accelerated
  // edit graph) serve go get, not the other way round (issue 13).
  it('modload imports nothing from modget, whatif or why', () => {
    expect(violations('main/core/modload', (s) => /\/(modget|whatif|why)\//.test(s.replace(/^type:/, '')))).toEqual([]);
  });

  it('the check sees imports (it can fail)', () => {
    expect(imports(join(SRC, 'preload', 'index.ts'))).toContain('electron');
    expect(imports(join(SRC, 'main', 'index.ts'))).toContain('electron');
    expect(imports(join(SRC, 'main', 'sources', 'go-env.ts')).some(nodeOrElectron)).toBe(true);
  });
});
