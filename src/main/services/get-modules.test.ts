// Previews share one session (go.mod files read, which of them go.sum lacks, the edit's module
// table and root layer) from one preview to the next: each must still answer exactly as a fresh
// session does, and as a session with the engine's plain paths forced does. The example's go.sum is stripped of its go.mod hashes, so that every preview
// must also say which of the go.mod files it read go get would add.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hermeticGoEnv } from '../../../test/helpers/go-oracle';
import type { GetPlan } from '../core/modget/go-get';
import { openGetProject, previewGet } from './get-modules';

const EXAMPLE = resolve(__dirname, '../../../resources/example');
const PROXY = join(EXAMPLE, 'proxy');

let tmp: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gomodx-get-modules-'));
  env = { ...hermeticGoEnv({ root: tmp, proxy: PROXY, gowork: 'off' }), GOMODX_CACHE: join(tmp, 'gomodx-cache') };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function strippedExample(): string {
  const dir = join(tmp, 'project');
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.startsWith(PROXY) });
  const sum = readFileSync(join(dir, 'go.sum'), 'utf8');
  writeFileSync(join(dir, 'go.sum'), sum.split('\n').filter((l) => !/\/go\.mod h1:/.test(l)).join('\n'));
  return dir;
}

/** What a preview shows and would write. */
function shown(p: GetPlan): object {
  return { ok: p.ok, stderr: p.stderr, goModAfter: p.goModAfter, goSumAfter: p.goSumAfter, added: p.addedSumLines, build: p.buildListAfter?.map((m) => `${m.path}@${m.version}`) };
}

describe('previews in one session', () => {
  it('answer as fresh sessions do, go.sum lines included', async () => {
    const dir = strippedExample();
    const shared = await openGetProject({ dir, env });
    // The same session with the engine's plain paths forced, as GOMODX_PLAIN_GRAPH=1 asks.
    const plain = await openGetProject({ dir, env: { ...env, GOMODX_PLAIN_GRAPH: '1' } });
    expect(plain.session.memory.options.plainGraph).toBe(true);
    expect(shared.session.memory.options.plainGraph).toBeUndefined();
    const modules = shared.session.requirements.rootModules.map((m) => m.path).filter((p) => p !== 'go' && p !== 'toolchain');
    const args = [
      ...modules.map((p) => `${p}@none`),
      'example.com/log@v1.1.0',
      'example.com/web@v1.3.0',
      'example.com/db@v1.0.0',
      'example.com/text@v0.1.0',
    ];
    let withSums = 0;
    // Forwards and backwards: what one preview reads, a later one finds in the session.
    for (const arg of [...args, ...args.slice().reverse()]) {
      const got = await previewGet(shared, { args: [arg] });
      const want = await previewGet(await openGetProject({ dir, env }), { args: [arg] });
      expect(shown(got), arg).toEqual(shown(want));
      expect(shown(await previewGet(plain, { args: [arg] })), `${arg} (plain)`).toEqual(shown(want));
      if ((got.addedSumLines?.length ?? 0) > 0) withSums++;
    }
    // The stripped go.sum must make previews add go.mod hashes, or this checks nothing.
    expect(withSums).toBeGreaterThan(0);
  }, 120_000);
});
