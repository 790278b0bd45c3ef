// The import rules of the house style, checked on the sources (VS Code's code-layering, in
// small): the renderer reaches the backend only through bridge.ts; shared code and the pure
// window modules import no runtime; the preload imports only electron and shared/ipc.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !p.includes('test-support') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)].map((m) => (m[1] ? `type:${m[2]}` : (m[2] ?? m[3] ?? m[4])));
}

function violations(dir: string, banned: (spec: string, file: string) => boolean): string[] {
  return files(join(SRC, dir)).flatMap((f) => imports(f).filter((spec) => banned(spec, f)).map((spec) => `${relative(SRC, f)} imports ${spec}`));
}

const runtime = (spec: string): boolean => spec === 'electron' || spec.startsWith('node:') || spec === 'simple-git' || spec === 'type:electron';

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

  it('the check sees imports (it can fail)', () => {
    expect(imports(join(SRC, 'preload', 'index.ts'))).toContain('electron');
  });
});
