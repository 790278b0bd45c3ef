import { describe, expect, it } from 'vitest';
import { compareGoVersions } from './go-version-order';
import { generateUniverse } from './generate-universe';
import { errorCaseUniverses } from './generate-error-cases';
import type { Universe } from './universe-model';

const SEEDS = Array.from({ length: 200 }, (_, i) => 7000 + i);
const universes = SEEDS.map(generateUniverse);

/** requires lists the requirements of a go.mod rendered by render-go-mod (block or single-line). */
function requires(goMod: string): { path: string; version: string }[] {
  const out: { path: string; version: string }[] = [];
  let inBlock = false;
  for (const raw of goMod.split('\n')) {
    const line = raw.replace(/\s*\/\/.*$/, '').trim();
    if (line === 'require (') inBlock = true;
    else if (line === ')') inBlock = false;
    else {
      const m = inBlock ? /^(\S+) (\S+)$/.exec(line) : /^require (\S+) (\S+)$/.exec(line);
      if (m) out.push({ path: m[1]!, version: m[2]! });
    }
  }
  return out;
}

function replacedPaths(goMod: string): Set<string> {
  const out = new Set<string>();
  for (const line of goMod.split('\n')) {
    const m = /^\s*(?:replace\s+)?(\S+)(?: \S+)? => /.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

function versionsOf(u: Universe): Map<string, Set<string>> {
  return new Map(u.modules.map((m) => [m.path, new Set(m.versions.map((v) => v.version))]));
}

describe('generateUniverse', () => {
  it('is a pure function of the seed', () => {
    expect(generateUniverse(42)).toEqual(generateUniverse(42));
    expect(JSON.stringify(generateUniverse(42))).not.toEqual(JSON.stringify(generateUniverse(43)));
  });

  it('publishes each module version once, with a go.mod that declares its path', () => {
    for (const u of universes) {
      for (const m of u.modules) {
        const versions = m.versions.map((v) => v.version);
        expect(new Set(versions).size, `${u.name} ${m.path}`).toBe(versions.length);
        for (const v of m.versions) {
          if (v.goMod === null) {
            expect(v.version, `${m.path}@${v.version} has no go.mod`).toMatch(/\+incompatible$/);
            expect(m.path).not.toMatch(/\/v\d+$/);
          } else {
            expect(v.goMod.split('\n').find((l) => l.startsWith('module '))).toBe(`module ${m.path}`);
          }
          const pseudo = /\d{14}-[0-9a-f]{12}(\+incompatible)?$/.test(v.version);
          expect(v.listed, `${m.path}@${v.version}`).toBe(!pseudo);
        }
      }
    }
  });

  it('requires only versions that exist, or modules replaced in the same go.mod', () => {
    for (const u of universes) {
      const known = versionsOf(u);
      const goMods = [
        ...u.modules.flatMap((m) => m.versions.map((v) => v.goMod).filter((g): g is string => g !== null)),
        ...Object.entries(u.files).filter(([f]) => f.endsWith('go.mod')).map(([, t]) => t),
      ];
      for (const goMod of goMods) {
        const replaced = replacedPaths(goMod);
        for (const q of requires(goMod)) {
          if (known.has(q.path)) expect(known.get(q.path)!.has(q.version), `${u.name}: ${q.path}@${q.version}`).toBe(true);
          else expect(replaced.has(q.path), `${u.name}: ${q.path} is neither published nor replaced`).toBe(true);
        }
      }
    }
  });

  it('never writes a go line above the local toolchain', () => {
    for (const u of universes) {
      const texts = [
        ...u.modules.flatMap((m) => m.versions.map((v) => v.goMod ?? '')),
        ...Object.values(u.files),
      ];
      for (const t of texts) {
        for (const m of t.matchAll(/^go (\S+)$/gm)) {
          // Lax dependency go lines ("1.19.x") count as the language version they start with.
          const v = /^\d+\.\d+(\.\d+|(rc|beta)\d+)?$/.test(m[1]!) ? m[1]! : /^\d+\.\d+/.exec(m[1]!)![0];
          expect(compareGoVersions(v, '1.26.0'), `${u.name}: go ${m[1]}`).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('covers every feature the differential suite is meant to exercise', () => {
    const seen = new Set(universes.flatMap((u) => u.tags));
    const wanted = [
      'incompatible', 'major-twins', 'gopkg.in', 'upper-case-path', 'prerelease',
      'pseudo:no-base', 'pseudo:after-release', 'pseudo:after-prerelease',
      'replace:version', 'replace:wildcard', 'replace:dir', 'replace:other-path', 'replace:ghost',
      'exclude', 'toolchain', 'retract', 'godebug', 'cycle', 'dep-requires-main', 'workspace',
      'work-replace', 'deps-below-go1.21', 'dep-lax-syntax', 'main-go:none', 'main-go:1.16', 'main-go:1.17',
      'main-go:1.21', 'main-go:1.21.0', 'main-go:1.22.3', 'pruned', 'unpruned',
    ];
    for (const tag of wanted) expect(seen.has(tag), tag).toBe(true);
    const workspaces = universes.filter((u) => u.tags.includes('workspace')).length;
    expect(workspaces).toBeGreaterThan(20);
    expect(workspaces).toBeLessThan(70);
    const wantInconsistent = universes.filter((u) => u.wantInconsistent).length;
    expect(wantInconsistent).toBeGreaterThan(20);
  });

  it('makes workspaces with two or three members and a go.work whose go line covers them', () => {
    for (const u of universes.filter((x) => x.files['go.work'] !== undefined)) {
      const work = u.files['go.work']!;
      const uses = [...work.matchAll(/^\s*(?:use\s+)?(\.(?:\/\w+)?)$/gm)].map((m) => m[1]!);
      expect(uses.length, u.name).toBeGreaterThanOrEqual(2);
      const workGo = /^go (\S+)$/m.exec(work)![1]!;
      for (const dir of uses) {
        const goMod = u.files[dir === '.' ? 'go.mod' : `${dir.slice(2)}/go.mod`];
        expect(goMod, `${u.name}: ${dir}/go.mod`).toBeDefined();
        const go = /^go (\S+)$/m.exec(goMod!)?.[1];
        if (go) expect(compareGoVersions(go, workGo), `${u.name}: ${dir}`).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('errorCaseUniverses', () => {
  it('gives each case a distinct name and an expected error', () => {
    const cases = errorCaseUniverses();
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) {
      expect(c.intent).toBe('error');
      expect(c.expectedError).toBeTruthy();
    }
  });
});
