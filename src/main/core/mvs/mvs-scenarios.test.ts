import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goRoot } from '../../../../test/helpers/go-command';
import type { ModuleVersion } from '../../../shared/model/module-version';
import { keyOf } from './graph';
import { fullBuildList, minimalRequirements } from './req';

/*
 * The go command's own MVS scenarios (cmd/go/internal/mvs/mvs_test.go) run against our
 * implementation: the scenario text is read from the local Go source tree at test time, so the
 * test follows whatever Go release is installed. Only the operations the go command still uses
 * are checked: build (BuildList) and req (Req).
 */
const GOROOT = goRoot();
const GO_MVS_TEST = GOROOT === undefined ? '' : join(GOROOT, 'src/cmd/go/internal/mvs/mvs_test.go');

// Versions in the scenarios compare as strings; "" (a target) is the highest, "none" the lowest.
function cmp(_p: string, a: string, b: string): number {
  const max = (x: string, y: string): string => (x === 'none' || y === '' ? y : y === 'none' || x === '' ? x : x < y ? y : x);
  if (max(a, b) !== a) return -1;
  if (max(b, a) !== b) return 1;
  return 0;
}

function mod(s: string): ModuleVersion {
  return { path: s.slice(0, 1), version: s.slice(1) };
}

function fmt(list: readonly ModuleVersion[]): string {
  return list.map((m) => m.path + m.version).join(' ');
}

interface Scenario {
  name: string;
  reqs: Map<string, ModuleVersion[]>;
  checks: { op: string; args: string[]; want: string }[];
}

function parseScenarios(text: string): Scenario[] {
  const out: Scenario[] = [];
  let cur: Scenario | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const head = line.slice(0, colon).trim().split(/\s+/);
    const rest = line.slice(colon + 1).trim();
    if (head[0] === 'name') {
      cur = { name: rest, reqs: new Map(), checks: [] };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    if (head.length === 1 && /^[A-Z]/.test(head[0])) {
      const reqs = rest === '' ? [] : rest.split(/\s+/).map(mod);
      // As in the Go test, every module that is named exists, with no requirements unless listed.
      for (const r of reqs) if (!cur.reqs.has(keyOf(r))) cur.reqs.set(keyOf(r), []);
      cur.reqs.set(keyOf(mod(head[0])), reqs);
      continue;
    }
    cur.checks.push({ op: head[0], args: head.slice(1), want: rest.split(/\s+/).filter(Boolean).join(' ') });
  }
  return out;
}

function requiredFrom(s: Scenario) {
  return (m: ModuleVersion): readonly ModuleVersion[] => {
    const r = s.reqs.get(keyOf(m));
    if (!r) throw new Error(`missing module: ${m.path}${m.version}`);
    return r;
  };
}

const source = GO_MVS_TEST !== '' && existsSync(GO_MVS_TEST) ? readFileSync(GO_MVS_TEST, 'utf8') : '';
const testsText = /var tests = `([\s\S]*?)`/.exec(source)?.[1] ?? '';
const scenarios = parseScenarios(testsText);

describe.skipIf(scenarios.length === 0)('mvs scenarios from the Go source tree', () => {
  it('finds the scenario table', () => {
    expect(scenarios.length).toBeGreaterThan(30);
  });
  for (const s of scenarios) {
    const checks = s.checks.filter((c) => c.op === 'build' || c.op === 'req');
    if (checks.length === 0) continue;
    it(s.name, () => {
      for (const c of checks) {
        const target = mod(c.args[0]);
        if (c.op === 'build') {
          expect(fmt(fullBuildList(target, requiredFrom(s), cmp).list), `${s.name}: build ${c.args.join(' ')}`).toBe(c.want);
        } else {
          const got = minimalRequirements(target, c.args.slice(1), requiredFrom(s), cmp);
          expect(fmt(got), `${s.name}: req ${c.args.join(' ')}`).toBe(c.want);
        }
      }
    });
  }
});

describe('mvs without the Go source tree', () => {
  const s = parseScenarios(`
name: own-cross
A: B C
B: D1
C: D2
D1: E2
D2: E1
build A: A B C D2 E2
req A: B C
`)[0];
  it('selects the maximum over every reachable requirement list, even of versions that lose', () => {
    expect(fmt(fullBuildList(mod('A'), requiredFrom(s), cmp).list)).toBe('A B C D2 E2');
  });
  it('minimizes requirements to what is not implied', () => {
    expect(fmt(minimalRequirements(mod('A'), [], requiredFrom(s), cmp))).toBe('B C');
  });
});
