import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoEnv } from './go-env';

describe('readGoEnv', () => {
  it('uses go defaults under HOME', () => {
    const e = readGoEnv({ HOME: '/h', GOENV: 'off' });
    expect(e.GOPROXY).toBe('https://proxy.golang.org,direct');
    expect(e.GOPATH).toBe('/h/go');
    expect(e.GOMODCACHE).toBe('/h/go/pkg/mod');
    expect(e.GOSUMDB).toBe('sum.golang.org');
    expect(e.GOMODX_CACHE).toBe('/h/.cache/gomodx');
  });

  it('takes GONOPROXY and GONOSUMDB from GOPRIVATE unless set, and -mod from GOFLAGS', () => {
    const e = readGoEnv({ HOME: '/h', GOENV: 'off', GOPRIVATE: 'corp.example', GONOSUMDB: 'x.example', GOFLAGS: '-mod=mod -v', GOPATH: '/a:/b' });
    expect(e.GONOPROXY).toBe('corp.example');
    expect(e.GONOSUMDB).toBe('x.example');
    expect(e.modFlag).toBe('mod');
    expect(e.GOMODCACHE).toBe('/a/pkg/mod');
  });

  it('reads the go env file below the environment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gomodx-env-'));
    const file = join(dir, 'env');
    await writeFile(file, 'GOPROXY=file:///srv/proxy\nGOPRIVATE=corp.example\n# comment\n');
    const e = readGoEnv({ HOME: '/h', GOENV: file, GOPRIVATE: 'env.example' });
    expect(e.GOPROXY).toBe('file:///srv/proxy');
    expect(e.GOPRIVATE).toBe('env.example');
  });
});
