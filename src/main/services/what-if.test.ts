// The what-if service on copies of the bundled example: the versions it lists, previews that
// write nothing, applies that write exactly what `go get` writes (checked against the go
// command in another copy), undo, and the refusals that keep a user's edit safe.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGo, hermeticGoEnv, runGo } from '../../../test/helpers/go-oracle';
import { WhatIf, WhatIfError } from './what-if';

const EXAMPLE = resolve(__dirname, '../../../resources/example');
const PROXY = join(EXAMPLE, 'proxy');

let tmp: string;
let env: Record<string, string | undefined>;
let n = 0;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gomodx-what-if-'));
  env = { ...hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }), GOMODX_CACHE: join(tmp, 'gomodx-cache') };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** copyExample copies the example's project files (not its proxy) to a fresh directory. */
function copyExample(): string {
  const dir = join(tmp, `project-${++n}`);
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.startsWith(PROXY) });
  return dir;
}

function files(dir: string): { goMod: string; goSum: string } {
  return { goMod: readFileSync(join(dir, 'go.mod'), 'utf8'), goSum: readFileSync(join(dir, 'go.sum'), 'utf8') };
}

/** goGet runs the real go get in a fresh copy and returns the files it left and what it printed. */
async function goGet(args: string[]): Promise<{ code: number; goMod: string; goSum: string; stderr: string }> {
  const dir = copyExample();
  const r = await runGo(['get', ...args], { cwd: dir, env: hermeticGoEnv({ root: join(tmp, `go-${n}`), proxy: PROXY, gowork: 'off' }) });
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('go: downloading '))
    .join('\n');
  return { code: r.code, ...files(dir), stderr };
}

describe('WhatIf on the example', () => {
  it('previews after warm, and in a session that reads the summaries an earlier one saved, exactly as without them', async () => {
    const specs = [{ args: ['example.com/log@none'], upgrade: '' as const }, { args: ['example.com/db@v1.0.0'], upgrade: '' as const }, { args: ['./...'], upgrade: 'upgrade' as const }];
    const plainEnv = { ...env, GOMODX_CACHE: join(tmp, 'plain-cache') };
    const dir = copyExample();
    const warmed = new WhatIf({ dir, env });
    await warmed.warm();
    for (const spec of specs) {
      const a = await new WhatIf({ dir: copyExample(), env: plainEnv }).preview(spec);
      expect({ ...(await warmed.preview(spec)), elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
    }
    warmed.dispose(); // saves the summaries its previews read
    const later = new WhatIf({ dir, env });
    for (const spec of specs) {
      const a = await new WhatIf({ dir: copyExample(), env: plainEnv }).preview(spec);
      expect({ ...(await later.preview(spec)), elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
    }
  });

  it('lists versions newest first, with the retracted one, go lines and the deprecation', async () => {
    const w = new WhatIf({ dir: copyExample(), env });
    const log = await w.versions('example.com/log');
    expect(log.versions.map((v) => v.version)).toEqual(['v1.4.1', 'v1.4.0', 'v1.3.0', 'v1.1.0', 'v1.0.0']);
    expect(log.versions[1]).toMatchObject({ version: 'v1.4.0', retracted: 'Writes timestamps in the wrong time zone.', goVersion: '1.22' });
    expect(log.versions[0]!.retracted).toBeUndefined();
    expect(log.versions[4]).toMatchObject({ version: 'v1.0.0', goVersion: '' });
    expect(log.versions[2]!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(log.deprecated).toBeUndefined();
    const legacy = await w.versions('example.com/legacy');
    expect(legacy.deprecated).toBe('use example.com/web instead.');
    const color = await w.versions('example.com/color');
    expect(color.versions.find((v) => v.version === 'v1.2.0')?.excluded).toBe(true);
    const missing = await w.versions('example.com/nothing');
    expect(missing.versions).toEqual([]);
    expect(missing.error).toMatch(/example\.com\/nothing/);
    w.dispose();
  });

  it('previews a downgrade that forces another, writing nothing', async () => {
    const dir = copyExample();
    const before = files(dir);
    const w = new WhatIf({ dir, env });
    const p = await w.preview({ args: ['example.com/log@v1.1.0'], upgrade: '' });
    expect(p.ok).toBe(true);
    expect(p.command).toBe('go get example.com/log@v1.1.0');
    const moves = p.changes.map((c) => `${c.kind} ${c.path} ${c.old} ${c.new}`);
    expect(moves).toEqual(['downgraded example.com/log v1.3.0 v1.1.0', 'downgraded example.com/web v1.4.0 v1.3.0']);
    expect(p.changes[0]).toMatchObject({ reported: true, fromId: 'example.com/log@v1.3.0', toId: 'example.com/log@v1.1.0', reason: 'asked for by example.com/log@v1.1.0' });
    expect(p.changes[1]!.reason).toMatch(/^lowered because /);
    expect(p.goModDiff).toContain('-\texample.com/web v1.4.0\n+\texample.com/web v1.3.0\n');
    expect(p.base).toMatch(/^[0-9a-f]{64}$/);
    expect(files(dir)).toEqual(before);
    if (hasGo()) {
      const go = await goGet(['example.com/log@v1.1.0']);
      expect(go.code).toBe(0);
      expect(p.output).toBe(go.stderr);
      expect(p.goModAfter).toBe(go.goMod);
    }
    w.dispose();
  });

  it('shows what an upgrade adds, with the requirement that raises it', async () => {
    const w = new WhatIf({ dir: copyExample(), env });
    const p = await w.preview({ args: ['example.com/web@v1.5.0'], upgrade: '' });
    expect(p.ok).toBe(true);
    const metrics = p.changes.find((c) => c.path === 'example.com/metrics');
    expect(metrics).toMatchObject({ kind: 'added', old: '', new: 'v0.1.0', toId: 'example.com/metrics@v0.1.0', byId: 'example.com/web@v1.5.0' });
    expect(metrics?.fromId).toBeUndefined();
    const web = p.changes.find((c) => c.path === 'example.com/web');
    expect(web?.requires).toEqual(expect.arrayContaining(['example.com/metrics@v0.1.0', 'example.com/log@v1.4.1']));
    expect(p.buildListAfter).toBe(p.buildListBefore + 1);
    w.dispose();
  });

  it('reports go refusing, as go words it', async () => {
    const w = new WhatIf({ dir: copyExample(), env });
    const p = await w.preview({ args: ['example.com/log@v9.9.9'], upgrade: '' });
    expect(p.ok).toBe(false);
    expect(p.changes).toEqual([]);
    if (hasGo()) expect(p.output).toBe((await goGet(['example.com/log@v9.9.9'])).stderr);
    w.dispose();
  });

  it('applies exactly what go get writes, and undoes it to the byte', async () => {
    const dir = copyExample();
    const original = files(dir);
    const w = new WhatIf({ dir, env });
    const spec = { args: ['example.com/log@v1.1.0'], upgrade: '' } as const;
    const p = await w.preview(spec);
    const applied = await w.apply(spec, p.base);
    expect(applied.files).toEqual([join(dir, 'go.mod'), join(dir, 'go.sum')]);
    const written = files(dir);
    expect(written.goMod).toBe(p.goModAfter);
    if (hasGo()) {
      const go = await goGet([...spec.args]);
      expect(written).toEqual({ goMod: go.goMod, goSum: go.goSum });
    }
    const undone = await w.undo(applied.undoId);
    expect(undone.files).toEqual([join(dir, 'go.mod'), join(dir, 'go.sum')]);
    expect(files(dir)).toEqual(original);
    await expect(w.undo(applied.undoId)).rejects.toThrow(/nothing to undo/);
    w.dispose();
  });

  it('writes nothing when go.mod changed on disk after the preview', async () => {
    const dir = copyExample();
    const w = new WhatIf({ dir, env });
    const spec = { args: ['example.com/log@v1.1.0'], upgrade: '' } as const;
    const p = await w.preview(spec);
    const edited = readFileSync(join(dir, 'go.mod'), 'utf8') + '\n// edited by hand\n';
    writeFileSync(join(dir, 'go.mod'), edited);
    const err = await w.apply(spec, p.base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhatIfError);
    expect((err as WhatIfError).code).toBe('stale');
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe(edited);
    // A new preview starts from the edited file.
    const again = await w.preview(spec);
    expect(again.base).not.toBe(p.base);
    expect(again.goModAfter).toContain('// edited by hand');
    w.dispose();
  });

  it('does not undo over a file changed after the apply', async () => {
    const dir = copyExample();
    const w = new WhatIf({ dir, env });
    const spec = { args: ['example.com/web@none'], upgrade: '' } as const;
    const applied = await w.apply(spec, (await w.preview(spec)).base);
    const edited = readFileSync(join(dir, 'go.mod'), 'utf8') + '// later edit\n';
    writeFileSync(join(dir, 'go.mod'), edited);
    await expect(w.undo(applied.undoId)).rejects.toMatchObject({ code: 'stale' });
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe(edited);
    w.dispose();
  });

  it('never writes a read-only project', async () => {
    const dir = copyExample();
    const before = files(dir);
    const w = new WhatIf({ dir, env, readOnly: 'read-only here' });
    const spec = { args: ['example.com/web@none'], upgrade: '' } as const;
    await expect(w.apply(spec, (await w.preview(spec)).base)).rejects.toMatchObject({ code: 'read-only', message: 'read-only here' });
    expect(files(dir)).toEqual(before);
    w.dispose();
  });

  it('cancels a preview', async () => {
    const w = new WhatIf({ dir: copyExample(), env });
    const c = new AbortController();
    c.abort(new DOMException('canceled', 'AbortError'));
    await expect(w.preview({ args: ['example.com/log@v1.1.0'], upgrade: '' }, c.signal)).rejects.toThrow(/canceled/);
    w.dispose();
  });
});
