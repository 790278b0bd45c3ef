import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toolchainInfo, versionText } from './toolchain-info';

// A fake local go 1.26.8 whose GOROOT/go.env says GOTOOLCHAIN=local, as on our CI machines.
const root = mkdtempSync(join(tmpdir(), 'gomodx-tcinfo-'));
const bin = join(root, 'bin');
const goroot = join(root, 'goroot');
mkdirSync(bin);
mkdirSync(goroot);
writeFileSync(join(bin, 'go'), `#!/bin/sh\nprintf 'go1.26.8\\n${goroot}\\n'\n`);
chmodSync(join(bin, 'go'), 0o755);
writeFileSync(join(goroot, 'go.env'), 'GOPROXY=https://proxy.golang.org,direct\nGOTOOLCHAIN=local\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'p-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: `${bin}:/usr/bin:/bin`,
  HOME: join(root, 'home'),
  GOENV: 'off',
  GOMODX_CACHE: join(root, 'cache'),
  ...extra,
});

describe('toolchainInfo', () => {
  it('GOTOOLCHAIN from GOROOT/go.env: the local go, which the go line then refuses', () => {
    const dir = project({ 'go.mod': 'module m\n\ngo 1.27.0\n' });
    expect(toolchainInfo(env(), dir)).toMatchObject({ version: '1.26.8', localGo: '1.26.8', gotoolchain: 'local', summary: 'modelling go 1.26.8: GOTOOLCHAIN=local (GOROOT/go.env): the local go' });
  });

  it('GOTOOLCHAIN=auto and go 1.27.0: go1.27.0, downloaded', () => {
    const dir = project({ 'go.mod': 'module m\n\ngo 1.27.0\n' });
    expect(toolchainInfo(env({ GOTOOLCHAIN: 'auto' }), dir).summary).toBe('modelling go 1.27.0: go.mod says go 1.27.0, GOTOOLCHAIN=auto: go1.27.0, downloaded');
  });

  it('go.work decides over go.mod, unless GOWORK=off', () => {
    const dir = project({ 'go.mod': 'module m\n\ngo 1.22.0\n', 'go.work': 'go 1.27.3\n\nuse .\n' });
    expect(toolchainInfo(env({ GOTOOLCHAIN: 'auto' }), dir)).toMatchObject({ version: '1.27.3', reason: 'go.work says go 1.27.3, GOTOOLCHAIN=auto: go1.27.3, downloaded' });
    expect(toolchainInfo(env({ GOTOOLCHAIN: 'auto', GOWORK: 'off' }), dir).version).toBe('1.26.8');
  });

  it('a toolchain line raises it, a newer go line wins over the toolchain line', () => {
    expect(toolchainInfo(env({ GOTOOLCHAIN: 'auto' }), project({ 'go.mod': 'module m\n\ngo 1.22.0\n\ntoolchain go1.27.1\n' })).version).toBe('1.27.1');
    expect(toolchainInfo(env({ GOTOOLCHAIN: 'auto' }), project({ 'go.mod': 'module m\n\ngo 1.27.3\n\ntoolchain go1.27.1\n' })).version).toBe('1.27.3');
  });

  it('says where the go command would refuse to start', () => {
    const dir = project({ 'go.mod': 'module m\n\ngo 1.27.0\n' });
    expect(toolchainInfo(env({ GOTOOLCHAIN: 'path' }), dir)).toMatchObject({ version: '', summary: 'the go command would refuse to start: go: cannot find "go1.27.0" in PATH' });
  });

  it('versionText names the local go', () => {
    const dir = project({ 'go.mod': 'module m\n\ngo 1.21.0\n' });
    expect(versionText(env({ GOTOOLCHAIN: 'auto' }), dir)).toBe(
      `modelling go 1.26.8: GOTOOLCHAIN=auto, and go.mod needs no newer go: the local go\nlocal go: go 1.26.8 (${join(bin, 'go')})\nnewest Go gomodx knows: go 1.27.3\n`,
    );
  });
});
