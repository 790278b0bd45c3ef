import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasGo, hermeticGoEnv, runGo } from '../go-oracle';
import { goModSum, hash1 } from './go-sum-hash';
import { escapeModulePath, escapeModuleVersion } from './module-escape';
import { renderGoMod } from './render-go-mod';
import type { Universe } from './universe-model';
import { goSumLines, goSumText, writeUniverse } from './write-universe';

const T = '2021-05-06T07:08:09Z';

/** A universe with the awkward cases: upper case, /v2, +incompatible without go.mod, gopkg.in. */
const universe: Universe = {
  seed: 0,
  name: 'writer-check',
  intent: 'consistent',
  modules: [
    {
      path: 'example.com/Azure/kit',
      versions: [
        { version: 'v1.0.0', time: T, listed: true, goMod: renderGoMod({ module: 'example.com/Azure/kit', go: '1.16', require: [{ path: 'gopkg.in/yaml.v2', version: 'v2.4.0' }] }) },
        { version: 'v1.1.0-RC1', time: T, listed: true, goMod: renderGoMod({ module: 'example.com/Azure/kit' }) },
        { version: 'v2.0.0+incompatible', time: T, listed: true, goMod: null },
      ],
    },
    {
      path: 'example.com/Azure/kit/v3',
      versions: [{ version: 'v3.0.1-0.20210506070809-abcdefabcdef', time: T, listed: false, goMod: renderGoMod({ module: 'example.com/Azure/kit/v3', go: '1.21' }) }],
    },
    {
      path: 'gopkg.in/yaml.v2',
      versions: [{ version: 'v2.4.0', time: T, listed: true, goMod: 'module gopkg.in/yaml.v2\n' }],
    },
  ],
  files: {
    'go.mod': renderGoMod({
      module: 'example.com/main',
      go: '1.16',
      require: [
        { path: 'example.com/Azure/kit', version: 'v2.0.0+incompatible' },
        { path: 'example.com/Azure/kit/v3', version: 'v3.0.1-0.20210506070809-abcdefabcdef' },
        { path: 'gopkg.in/yaml.v2', version: 'v2.4.0' },
      ],
      replace: [{ oldPath: 'example.com/Azure/kit', oldVersion: 'v1.1.0-RC1', newPath: 'example.com/Azure/kit', newVersion: 'v1.0.0' }],
    }),
  },
  sumFiles: [],
  runDir: '.',
  gowork: 'off',
  commands: [],
  tags: [],
};

describe('module-escape', () => {
  it.each([
    ['example.com/Azure/kit', 'example.com/!azure/kit'],
    ['github.com/BurntSushi/toml', 'github.com/!burnt!sushi/toml'],
    ['gopkg.in/yaml.v2', 'gopkg.in/yaml.v2'],
  ])('escapes path %s', (p, want) => expect(escapeModulePath(p)).toBe(want));
  it('escapes versions the same way', () => expect(escapeModuleVersion('v1.1.0-RC1')).toBe('v1.1.0-!r!c1'));
});

describe('go-sum-hash', () => {
  it('hashes files in name order, whatever order they come in', () => {
    const a = { name: 'a/x.go', data: 'package x\n' };
    const b = { name: 'go.mod', data: 'module m\n' };
    expect(hash1([a, b])).toBe(hash1([b, a]));
    expect(goModSum('module m\n')).toBe(hash1([b]));
    expect(goModSum('module m\n')).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
  });
});

describe('goSumText', () => {
  it('drops, corrupts and adds lines on request', () => {
    const full = goSumLines(universe);
    const edited = goSumText({
      ...universe,
      sumEdits: { drop: ['gopkg.in/yaml.v2 v2.4.0/go.mod'], corrupt: ['example.com/Azure/kit v1.0.0/go.mod'], add: ['x v1.0.0/go.mod h1:x='] },
    }).split('\n');
    expect(edited).not.toContain(full.find((l) => l.startsWith('gopkg.in/')));
    expect(edited.find((l) => l.startsWith('example.com/Azure/kit v1.0.0/'))).toMatch(/h1:AAAA/);
    expect(edited).toContain('x v1.0.0/go.mod h1:x=');
  });
});

describe.skipIf(!hasGo())('writeUniverse against the go command', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('serves a proxy tree go reads, and computes the go.sum lines go computes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gomodx-writer-'));
    dirs.push(root);
    const layout = await writeUniverse(universe, root);
    const env = hermeticGoEnv({ root, proxy: layout.proxyDir, gowork: 'off' });
    // Without a go.sum, -mod=mod makes go write the lines it computes itself.
    const res = await runGo(['list', '-mod=mod', '-m', 'all'], { cwd: layout.runDir, env });
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(
      'example.com/main\nexample.com/Azure/kit v2.0.0+incompatible\nexample.com/Azure/kit/v3 v3.0.1-0.20210506070809-abcdefabcdef\ngopkg.in/yaml.v2 v2.4.0\n',
    );
    const written = (await readFile(path.join(layout.runDir, 'go.sum'), 'utf8')).split('\n').filter((l) => l !== '');
    expect(written.length).toBeGreaterThanOrEqual(3);
    const ours = new Set(goSumLines(universe));
    for (const line of written) expect(ours.has(line), line).toBe(true);
  });

  it('writes module zips that go mod download accepts', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gomodx-writer-'));
    dirs.push(root);
    const layout = await writeUniverse({ ...universe, sumFiles: ['go.sum'] }, root);
    const env = hermeticGoEnv({ root, proxy: layout.proxyDir, gowork: 'off' });
    const res = await runGo(
      ['mod', 'download', '-json', 'example.com/Azure/kit@v1.1.0-RC1', 'example.com/Azure/kit@v2.0.0+incompatible'],
      { cwd: root, env },
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const infos = res.stdout.split(/(?<=^\})\n/m).filter((s) => s.trim()).map((s) => JSON.parse(s) as { Dir: string; GoMod: string });
    expect(infos[0]!.GoMod).toContain(path.join('example.com', '!azure', 'kit', '@v', 'v1.1.0-!r!c1.mod'));
    expect((await readdir(infos[0]!.Dir)).sort()).toEqual(['doc.go', 'go.mod']);
    expect(await readdir(infos[1]!.Dir)).toEqual(['doc.go']);
  });
});
