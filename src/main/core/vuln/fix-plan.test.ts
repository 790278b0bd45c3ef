import { describe, expect, it } from 'vitest';
import { parseOsvEntry } from './osv-entry';
import { matchTargets, scanTargets, type ScannedModule } from './match-build-list';
import { conflictRaises, describeStep, planFixes, type FixPorts } from './fix-plan';

const db = [
  parseOsvEntry({ id: 'GO-A', affected: [{ package: { name: 'example.com/a', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }] }] }, 't'),
  parseOsvEntry({ id: 'GO-X', affected: [{ package: { name: 'example.com/x', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }] }] }, 't'),
  parseOsvEntry({ id: 'GO-N', affected: [{ package: { name: 'example.com/n', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }] }, 't'),
];

const base: ScannedModule[] = [
  { path: 'example.com/main', version: '' },
  { path: 'example.com/a', version: 'v1.0.0' },
  { path: 'example.com/d', version: 'v1.0.0' },
  { path: 'example.com/n', version: 'v0.1.0' },
  { path: 'example.com/x', version: 'v1.0.0' },
];

/**
 * A small world: a has v1.1.0..v1.3.0 published; x cannot be asked for at any fixed version
 * (the proxy has none), but d@v1.2.0 requires a fork that builds x at v1.1.0; n is never fixed.
 */
const versions: Record<string, string[]> = {
  'example.com/a': ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0'],
  'example.com/x': ['v1.0.0'],
  'example.com/d': ['v1.0.0', 'v1.1.0', 'v1.2.0'],
  'example.com/n': ['v0.1.0', 'v0.2.0'],
};

function ports(calls: string[][]): FixPorts {
  return {
    versions: async (p) => versions[p] ?? [],
    directRequirers: async (p) => (p === 'example.com/x' ? [{ path: 'example.com/d', version: 'v1.0.0' }] : []),
    buildListAfter: async (args) => {
      calls.push([...args]);
      const list = base.map((m) => ({ ...m }));
      for (const a of args) {
        const [p, v] = a.split('@') as [string, string];
        if (p === 'example.com/x' && v !== 'v1.0.0') return { ok: false, error: `go: example.com/x@${v}: invalid version: unknown revision ${v}` };
        const m = list.find((x) => x.path === p)!;
        m.version = v;
        if (p === 'example.com/d' && v === 'v1.2.0') list.find((x) => x.path === 'example.com/x')!.version = 'v1.1.0';
      }
      return { ok: true, buildList: list };
    },
  };
}

describe('planFixes', () => {
  it('raises the module itself to its lowest fixed version, else the direct requirement, else says why not', async () => {
    const findings = matchTargets(scanTargets(base, undefined), (p) => db.filter((e) => e.affected[0]!.package.name === p), new Date());
    const calls: string[][] = [];
    const plan = await planFixes(findings, ports(calls));
    expect(plan.args).toEqual(['example.com/a@v1.2.0', 'example.com/d@v1.2.0']);
    expect(plan.steps.map(describeStep)).toEqual([
      'example.com/a v1.0.0 => v1.2.0 fixes GO-A',
      'example.com/n v0.1.0: not fixable by go get (GO-N): the database knows no fixed version',
      'example.com/x v1.0.0 cannot be required at a fixed version itself: raise example.com/d v1.0.0 => v1.2.0, which brings example.com/x to v1.1.0 (fixes GO-X)',
    ]);
    // n's entry has no fix: it is not chosen by matchTargets' fixedVersion, but planFixes is told all.
    expect(findings.filter((f) => f.fixedVersion === '').map((f) => f.id)).toEqual(['GO-N']);
  });

  it('says when nothing published fixes it', async () => {
    const findings = matchTargets(scanTargets(base, undefined), (p) => db.filter((e) => e.affected[0]!.package.name === p && e.id === 'GO-N'), new Date());
    const plan = await planFixes(findings, ports([]));
    expect(plan.args).toEqual([]);
    expect(plan.steps).toEqual([{ kind: 'unfixable', module: 'example.com/n', from: 'v0.1.0', ids: ['GO-N'], why: 'the database knows no fixed version' }]);
  });
});

describe('conflictRaises', () => {
  it('raises an earlier argument to what a new version requires', () => {
    const err = 'go: example.com/c@v0.30.2 requires example.com/l@v1.9.4, not example.com/l@v1.8.3\n';
    expect(conflictRaises(err, ['example.com/l@v1.8.3', 'example.com/c@v0.30.2'])).toEqual(['example.com/l@v1.9.4']);
    expect(conflictRaises(err, ['example.com/c@v0.30.2'])).toEqual([]);
  });
});

describe('planFixes in one go get', () => {
  it('asks go get once when every module at its lowest fix works together', async () => {
    const two = [
      db[0]!,
      parseOsvEntry({ id: 'GO-D', affected: [{ package: { name: 'example.com/d', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }] }] }, 't'),
    ];
    const findings = matchTargets(scanTargets(base, undefined), (p) => two.filter((e) => e.affected[0]!.package.name === p), new Date());
    const calls: string[][] = [];
    const plan = await planFixes(findings, ports(calls));
    expect(plan.args).toEqual(['example.com/a@v1.2.0', 'example.com/d@v1.1.0']);
    expect(plan.steps.map(describeStep)).toEqual(['example.com/a v1.0.0 => v1.2.0 fixes GO-A', 'example.com/d v1.0.0 => v1.1.0 fixes GO-D']);
    expect(calls).toEqual([['example.com/a@v1.2.0', 'example.com/d@v1.1.0']]);
  });
});

describe('planFixes drops what another argument implies', () => {
  it('keeps only the arguments the build needs', async () => {
    const two = [
      db[0]!,
      parseOsvEntry({ id: 'GO-D', affected: [{ package: { name: 'example.com/d', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }] }] }, 't'),
    ];
    const findings = matchTargets(scanTargets(base, undefined), (p) => two.filter((e) => e.affected[0]!.package.name === p), new Date());
    const calls: string[][] = [];
    const p = ports(calls);
    // a@v1.2.0 requires d@v1.2.0: asking for d@v1.1.0 beside it is a conflict, as go get says.
    const requiring: FixPorts = {
      ...p,
      buildListAfter: async (args) => {
        if (!args.includes('example.com/a@v1.2.0')) return p.buildListAfter(args);
        const d = args.find((a) => a.startsWith('example.com/d@'));
        if (d && d !== 'example.com/d@v1.2.0') return { ok: false, error: `go: example.com/a@v1.2.0 requires example.com/d@v1.2.0, not ${d}\n` };
        const r = await p.buildListAfter(args);
        return r.ok ? { ok: true, buildList: r.buildList.map((m) => (m.path === 'example.com/d' ? { ...m, version: 'v1.2.0' } : m)) } : r;
      },
    };
    const plan = await planFixes(findings, requiring);
    expect(plan.args).toEqual(['example.com/a@v1.2.0']);
    expect(plan.steps.map(describeStep)).toEqual(['example.com/a v1.0.0 => v1.2.0 fixes GO-A', 'example.com/d v1.0.0 => v1.2.0 fixes GO-D']);
  });
});

describe('planFixes keeps the fixes it has made', () => {
  it('never lowers an argument an earlier step raised, even where that would fix another module', async () => {
    // d's own fix is v1.2.0; only d@v1.1.0 brings x to a fixed version.
    const two = [
      db[1]!,
      parseOsvEntry({ id: 'GO-D', affected: [{ package: { name: 'example.com/d', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }] }] }, 't'),
    ];
    const findings = matchTargets(scanTargets(base, undefined), (p) => two.filter((e) => e.affected[0]!.package.name === p), new Date());
    const p = ports([]);
    const world: FixPorts = {
      ...p,
      buildListAfter: async (args) => {
        const r = await p.buildListAfter(args);
        if (!r.ok) return r;
        const d = r.buildList.find((m) => m.path === 'example.com/d')!.version;
        return { ok: true, buildList: r.buildList.map((m) => (m.path === 'example.com/x' ? { ...m, version: d === 'v1.1.0' ? 'v1.1.0' : 'v1.0.0' } : m)) };
      },
    };
    const plan = await planFixes(findings, world);
    expect(plan.args).toEqual(['example.com/d@v1.2.0']);
    expect(plan.steps.map(describeStep)[0]).toBe('example.com/d v1.0.0 => v1.2.0 fixes GO-D');
    expect(plan.steps.find((s) => s.module === 'example.com/x')?.kind).toBe('unfixable');
  });
});
