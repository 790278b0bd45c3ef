import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoMod, findLegacyConfig, findModulePath, planModInit } from './mod-init';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gomodx-modinit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createGoMod', () => {
  it('creates go.mod and leaves nothing else behind', async () => {
    await createGoMod(path.join(dir, 'go.mod'), 'module m\n');
    expect(await readFile(path.join(dir, 'go.mod'), 'utf8')).toBe('module m\n');
    expect(await readdir(dir)).toEqual(['go.mod']);
  });
  it('refuses a go.mod that appeared meanwhile, and keeps it', async () => {
    await writeFile(path.join(dir, 'go.mod'), 'module theirs\n');
    await expect(createGoMod(path.join(dir, 'go.mod'), 'module m\n')).rejects.toThrow(`${path.join(dir, 'go.mod')} already exists`);
    expect(await readFile(path.join(dir, 'go.mod'), 'utf8')).toBe('module theirs\n');
    expect(await readdir(dir)).toEqual(['go.mod']);
  });
});

describe('findModulePath', () => {
  const env = (gopath: string) => ({ GOPATH: gopath, HOME: dir, GOENV: 'off' });
  it('reads import comments of subdirectories as their parent', async () => {
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'a.go'), 'package sub // import "example.com/q/sub"\n');
    expect(await findModulePath(dir, env('/nonexistent'))).toBe('example.com/q');
  });
  it('prefers Godeps.json ImportPath to vendor.json rootPath, and uses GOPATH last', async () => {
    const src = path.join(dir, 'gopath', 'src', 'example.com', 'p');
    await mkdir(path.join(src, 'vendor'), { recursive: true });
    expect(await findModulePath(src, env(path.join(dir, 'gopath')))).toBe('example.com/p');
    await writeFile(path.join(src, 'vendor', 'vendor.json'), '{"rootPath": "example.com/root"}');
    expect(await findModulePath(src, env(path.join(dir, 'gopath')))).toBe('example.com/root');
    await mkdir(path.join(src, 'Godeps'));
    await writeFile(path.join(src, 'Godeps', 'Godeps.json'), '{"ImportPath": "example.com/godeps"}');
    expect(await findModulePath(src, env(path.join(dir, 'gopath')))).toBe('example.com/godeps');
  });
  it("says go's words when there is nothing to go on", async () => {
    await expect(findModulePath(dir, env('/nonexistent'))).rejects.toThrow(`cannot determine module path for source directory ${dir} (outside GOPATH, module path must be specified)`);
  });
});

describe('planModInit', () => {
  it('finds the first lock file in go order', async () => {
    await writeFile(path.join(dir, 'glide.lock'), 'imports:\n');
    await writeFile(path.join(dir, 'GLOCKFILE'), '');
    expect((await findLegacyConfig(dir))?.name).toBe('GLOCKFILE');
  });
  it('writes module and go lines only when there is no lock file, and asks for tidy where there is code', async () => {
    await writeFile(path.join(dir, 'main.go'), 'package main\n');
    const plan = await planModInit({ dir, env: { HOME: dir, GOENV: 'off', GOPROXY: 'off', GOMODX_CACHE: path.join(dir, '.cache'), PATH: process.env.PATH }, modulePath: 'example.com/m' });
    expect(plan.ok).toBe(true);
    expect(plan.goMod).toBe(`module example.com/m\n\ngo ${plan.goVersion}\n`);
    expect(plan.stderr).toBe('go: creating new go.mod: module example.com/m\ngo: to add module requirements and sums:\n\tgo mod tidy\n');
  });
  it('stops at a malformed lock file with its line, after go\'s "copying" line', async () => {
    await writeFile(path.join(dir, 'Gopkg.lock'), '[[projects]]\n  name = "a\\q"\n');
    const plan = await planModInit({ dir, env: { HOME: dir, GOENV: 'off', GOPROXY: 'off', GOMODX_CACHE: path.join(dir, '.cache'), PATH: process.env.PATH }, modulePath: 'example.com/m' });
    const file = path.join(dir, 'Gopkg.lock');
    expect(plan.ok).toBe(false);
    expect(plan.goMod).toBeUndefined();
    expect(plan.stderr).toBe(`go: creating new go.mod: module example.com/m\ngo: copying requirements from Gopkg.lock\ngo: parsing ${file}: ${file}:2: invalid quoted string: invalid syntax\n`);
  });
});
