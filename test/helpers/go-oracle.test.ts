import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, hermeticGoEnv, localGoVersion, runGo } from './go-oracle';

describe.skipIf(!hasGo())('go-oracle', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gomodx-oracle-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reports the local go version', () => {
    expect(localGoVersion()).toMatch(/^1\.\d+(\.\d+)?$/);
  });

  it('runs go with exactly the hermetic environment, not the parent one', async () => {
    const saved = process.env.GOFLAGS;
    process.env.GOFLAGS = '-mod=mod';
    try {
      const env = hermeticGoEnv({ root, proxy: path.join(root, 'proxy'), gowork: 'off' });
      const res = await runGo(['env', '-json', 'GOFLAGS', 'GOPROXY', 'GOTOOLCHAIN', 'GOSUMDB', 'GOMODCACHE', 'GOWORK'], { cwd: root, env });
      expect(res.code).toBe(0);
      const got = JSON.parse(res.stdout) as Record<string, string>;
      expect(got).toEqual({
        GOFLAGS: '',
        GOPROXY: `file://${path.join(root, 'proxy')}`,
        GOTOOLCHAIN: 'local',
        GOSUMDB: 'off',
        GOMODCACHE: path.join(root, 'gopath', 'pkg', 'mod'),
        GOWORK: 'off',
      });
    } finally {
      if (saved === undefined) delete process.env.GOFLAGS;
      else process.env.GOFLAGS = saved;
    }
  });

  it('returns the exit code and both streams of a failing command', async () => {
    const env = hermeticGoEnv({ root, proxy: 'off', gowork: 'off' });
    const res = await runGo(['mod', 'graph'], { cwd: root, env });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^go: go\.mod file not found/);
  });
});
