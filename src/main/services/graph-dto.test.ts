import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, hermeticGoEnv, runGo } from '../../../test/helpers/go-oracle';
import type { ModuleGraphDto, ModuleNodeDto } from '../../shared/model/module-graph';
import { loadGraphDto, type GraphProgress } from './graph-dto';

const EXAMPLE = resolve(__dirname, '../../../resources/example');
const PROXY = join(EXAMPLE, 'proxy');

let tmp: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gomodx-graph-dto-'));
  env = { ...hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }), GOMODX_CACHE: join(tmp, 'gomodx-cache') };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function node(dto: ModuleGraphDto, id: string): ModuleNodeDto {
  const n = dto.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} in ${dto.nodes.map((x) => x.id).join(', ')}`);
  return n;
}

function project(name: string, goMod: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'go.mod'), goMod);
  return dir;
}

describe('loadGraphDto on the bundled example', () => {
  let dto: ModuleGraphDto;
  const progress: GraphProgress[] = [];
  beforeAll(async () => {
    dto = await loadGraphDto({ dir: EXAMPLE, env, onProgress: (p) => progress.push(p) });
  });

  it('loads completely', () => {
    expect(dto.error).toBeUndefined();
    expect(dto.complete).toBe(true);
    expect(dto.mainModules).toEqual(['example.com/demo']);
    expect(dto.goVersion).toBe('1.22.0');
  });

  it.skipIf(!hasGo())('has the edges of go mod graph, in its order', async () => {
    const go = await runGo(['mod', 'graph'], { cwd: EXAMPLE, env: hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }) });
    expect(go.code).toBe(0);
    const want = go.stdout.split('\n').filter(Boolean);
    const got = dto.edges.filter((e) => e.kind === 'require').map((e) => `${e.from} ${e.to}`);
    expect(got).toEqual(want);
    expect(dto.counts.edges).toBe(want.length);
  });

  it.skipIf(!hasGo())('selects what go list -m all lists', async () => {
    const go = await runGo(['list', '-m', '-f', '{{.Path}}{{if .Version}}@{{.Version}}{{end}}', 'all'], {
      cwd: EXAMPLE,
      env: hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }),
    });
    expect(go.code).toBe(0);
    const want = go.stdout.split('\n').filter(Boolean).sort();
    const got = dto.nodes.filter((n) => n.selected && (n.kind === 'module' || n.kind === 'main')).map((n) => n.id).sort();
    expect(got).toEqual(want);
    expect(dto.counts.modules).toBe(want.length);
  });

  it.each([
    // id, selected, dependency, loaded, extra expectations
    ['example.com/demo', true, 'main', true, { kind: 'main', source: 'main', goVersion: '1.22.0' }],
    ['example.com/web@v1.4.0', true, 'direct', true, { pruning: 'pruned', goVersion: '1.21', source: 'proxy' }],
    ['example.com/log@v1.3.0', true, 'indirect', true, {}],
    ['example.com/log@v1.1.0', false, 'indirect', false, { source: 'not-loaded' }],
    ['example.com/log@v1.0.0', false, 'indirect', true, { pruning: 'unpruned' }],
    ['example.com/sqldriver@v1.0.0', true, 'indirect', false, { source: 'not-loaded' }],
    ['example.com/util@v1.0.0', true, 'indirect', true, { pruning: 'unpruned' }],
    ['example.com/yaml/v2@v2.1.0', true, 'direct', true, { family: 'example.com/yaml' }],
    ['example.com/yaml@v1.4.0', false, 'direct', false, { family: 'example.com/yaml' }],
    ['example.com/oldlib@v3.0.0+incompatible', true, 'direct', true, { pruning: 'unpruned' }],
    ['go@1.22.0', true, 'direct', true, { kind: 'go', source: 'virtual', family: 'go' }],
    ['go@1.21', false, 'direct', false, { kind: 'go' }],
    ['toolchain@go1.22.5', true, 'indirect', true, { kind: 'toolchain' }],
    ['example.com/color@v1.2.0', false, 'direct', false, { excluded: true }],
  ] as const)('marks %s', (id, selected, dependency, loaded, extra) => {
    const n = node(dto, id);
    expect({ selected: n.selected, dependency: n.dependency, loaded: n.loaded }).toEqual({ selected, dependency, loaded });
    expect(n).toMatchObject(extra);
  });

  it('shows replacements by module and by directory', () => {
    expect(node(dto, 'example.com/forked@v1.0.0').replacement).toMatchObject({ path: 'example.com/forkfix', version: 'v1.0.1' });
    const local = node(dto, 'example.com/localmod@v0.0.0-00010101000000-000000000000');
    expect(local.replacement).toMatchObject({ path: './localmod', version: '', dir: join(EXAMPLE, 'localmod') });
    expect(local.source).toBe('directory');
    expect(dto.counts.replaced).toBe(2);
  });

  it('draws the requirement an exclude removed, and only that one', () => {
    const excluded = dto.edges.filter((e) => e.kind === 'excluded');
    expect(excluded.map((e) => e.id)).toEqual(['example.com/web@v1.4.0 example.com/color@v1.2.0 excluded']);
    expect(dto.excludes).toEqual(['example.com/color@v1.2.0']);
    expect(dto.counts.excluded).toBe(1);
  });

  it('ranks versions of a path by semver', () => {
    expect(['v1.0.0', 'v1.1.0', 'v1.3.0'].map((v) => node(dto, `example.com/log@${v}`).versionRank)).toEqual([0, 1, 2]);
  });

  it('counts versions and families', () => {
    const moduleNodes = dto.nodes.filter((n) => n.kind === 'module' || n.kind === 'main');
    expect(dto.counts.versions).toBe(moduleNodes.length - 1); // the excluded color@v1.2.0 is not in the graph
    expect(dto.counts.families).toBe(new Set(moduleNodes.map((n) => n.family)).size);
    expect(dto.counts.families).toBeLessThan(new Set(moduleNodes.map((n) => n.path)).size);
  });

  it('reported progress up to every go.mod read', () => {
    expect(progress.length).toBeGreaterThan(5);
    const last = progress[progress.length - 1];
    expect(last.done).toBe(last.total);
    expect(progress.some((p) => p.source === 'proxy')).toBe(true);
  });
});

describe('loadGraphDto on broken projects', () => {
  it.skipIf(!hasGo())('gives go\'s words for a go.mod it cannot parse, and no nodes', async () => {
    const dir = project('broken', 'module example.com/broken\n\ngo 1.22\n\nrequre example.com/web v1.4.0\n');
    const dto = await loadGraphDto({ dir, env });
    const go = await runGo(['mod', 'graph'], { cwd: dir, env: hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }) });
    expect(go.code).toBe(1);
    expect(dto.complete).toBe(false);
    expect(dto.nodes).toEqual([]);
    expect(dto.error?.message + '\n').toBe(go.stderr);
  });

  it.skipIf(!hasGo())('keeps the graph that loaded when a module is unreachable, and marks it', async () => {
    const dir = project('unreachable', 'module example.com/unreachable\n\ngo 1.22\n\nrequire (\n\texample.com/web v1.4.0\n\texample.com/missing v1.0.0\n)\n');
    const dto = await loadGraphDto({ dir, env });
    const go = await runGo(['mod', 'graph'], { cwd: dir, env: hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }) });
    expect(go.code).toBe(1);
    expect(dto.complete).toBe(false);
    expect(dto.error?.message + '\n').toBe(go.stderr);
    expect(dto.error?.failing).toBe('example.com/missing@v1.0.0');
    expect(dto.error?.chain).toEqual(['example.com/unreachable', 'example.com/missing@v1.0.0']);
    const missing = node(dto, 'example.com/missing@v1.0.0');
    expect(missing).toMatchObject({ failing: true, loaded: false });
    expect(node(dto, 'example.com/web@v1.4.0').loaded).toBe(true);
    expect(node(dto, 'example.com/log@v1.3.0').selected).toBe(true);
  });

  it('throws when canceled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadGraphDto({ dir: EXAMPLE, env: { ...env, GOMODX_CACHE: join(tmp, 'fresh') }, signal: controller.signal })).rejects.toThrow();
  });
});
