import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run';

const PROXY = path.resolve(__dirname, '../../../../resources/example/proxy');
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gomodx-init-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { HOME: dir, GOENV: 'off', GOFLAGS: '', GOSUMDB: 'off', GOPROXY: pathToFileURL(PROXY).href, GOMODX_CACHE: path.join(dir, '.cache'), GOMODCACHE: path.join(dir, '.modcache'), PATH: process.env.PATH };
  const code = await runCli(args, { cwd: dir, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('gomodx mod init', () => {
  it('--dry-run prints the converted go.mod and writes nothing; without it, writes it', async () => {
    await writeFile(path.join(dir, 'GLOCKFILE'), 'cmd example.com/tool\nexample.com/web v1.4.0\nexample.com/nothere v1.0.0\n');
    const dry = await run(['mod', 'init', '--dry-run', 'example.com/m']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^module example\.com\/m\n\ngo \S+\n\nrequire example\.com\/web v1\.4\.0\n$/);
    expect(dry.stderr).toMatch(/^go: creating new go.mod: module example.com\/m\ngo: converting GLOCKFILE: stat example.com\/nothere@v1.0.0: .*\ngo: copying requirements from GLOCKFILE\n$/);
    expect(existsSync(path.join(dir, 'go.mod'))).toBe(false);
    const real = await run(['mod', 'init', 'example.com/m']);
    expect(real).toEqual({ code: 0, stdout: '', stderr: dry.stderr });
    expect(await readFile(path.join(dir, 'go.mod'), 'utf8')).toBe(dry.stdout);
    expect(await run(['mod', 'init', 'example.com/m'])).toEqual({ code: 1, stdout: '', stderr: `go: ${path.join(dir, 'go.mod')} already exists\n` });
  });

  it("refuses what go refuses, in go's words", async () => {
    expect(await run(['mod', 'init', 'a', 'b'])).toEqual({ code: 1, stdout: '', stderr: "go: 'go mod init' accepts at most one argument\n" });
    expect((await run(['mod', 'init', 'example.com/m/v1'])).stderr).toContain('major version suffixes must be in the form of /vN');
    expect((await run(['mod', 'init', '--bogus'])).code).toBe(2);
    expect((await run(['mod', 'init', '--help'])).stdout).toContain('usage: gomodx mod init');
  });
});
