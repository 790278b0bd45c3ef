import { describe, expect, it } from 'vitest';
import { parseOsvEntry, OsvFormatError, type OsvEntry } from './osv-entry';
import { matchTargets, scanTargets, summarize } from './match-build-list';

function entry(id: string, path: string, events: Record<string, string>[], extra: Partial<OsvEntry> = {}): OsvEntry {
  return parseOsvEntry({ id, affected: [{ package: { name: path, ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events }] }], ...extra }, 'test');
}

const NOW = new Date('2026-12-01T00:00:00Z');

describe('scanTargets', () => {
  it('uses the replacement, skips main modules and directory replacements, adds stdlib and toolchain', () => {
    const t = scanTargets(
      [
        { path: 'example.com/main', version: '' },
        { path: 'example.com/a', version: 'v1.0.0' },
        { path: 'example.com/b', version: 'v1.0.0', replace: { path: 'example.com/b', version: 'v1.1.0' } },
        { path: 'example.com/c', version: 'v1.0.0', replace: { path: '../c', version: '' } },
        { path: 'example.com/d', version: 'v1.0.0', replace: { path: 'example.com/fork', version: 'v0.3.0' } },
      ],
      '1.26.8',
    );
    expect(t.map((x) => `${x.kind} ${x.required} ${x.path}@${x.version}`)).toEqual([
      'module example.com/a example.com/a@v1.0.0',
      'module example.com/b example.com/b@v1.1.0',
      'module example.com/d example.com/fork@v0.3.0',
      'stdlib stdlib stdlib@v1.26.8',
      'toolchain toolchain toolchain@v1.26.8',
    ]);
  });
});

describe('matchTargets', () => {
  const db = new Map<string, OsvEntry[]>([
    [
      'example.com/a',
      [
        entry('GO-2026-0002', 'example.com/a', [{ introduced: '0' }, { fixed: '1.2.0' }]),
        entry('GO-2026-0001', 'example.com/a', [{ introduced: '0.9.0' }]),
        entry('GO-2026-0003', 'example.com/a', [{ introduced: '1.1.0' }, { fixed: '1.3.0' }]),
        entry('GO-2026-0004', 'example.com/a', [{ introduced: '0' }], { withdrawn: '2025-01-01T00:00:00Z' }),
      ],
    ],
    ['stdlib', [entry('GO-2026-0100', 'stdlib', [{ introduced: '1.26.0-0' }, { fixed: '1.26.9' }])]],
  ]);
  it('finds affecting, not withdrawn entries by ID, with their earliest fix', () => {
    const t = scanTargets([{ path: 'example.com/a', version: 'v1.0.0' }], 'go1.26.8');
    const f = matchTargets(t, (p) => db.get(p) ?? [], NOW);
    expect(f.map((x) => `${x.id} ${x.target.path} ${x.fixedVersion}`)).toEqual(['GO-2026-0001 example.com/a ', 'GO-2026-0002 example.com/a v1.2.0', 'GO-2026-0100 stdlib v1.26.9']);
    expect(summarize(f)).toEqual({ findings: 3, entries: 3, modules: 2, fixable: 2 });
  });
  it('an entry withdrawn in the future still counts', () => {
    const e = entry('GO-X', 'example.com/a', [{ introduced: '0' }], { withdrawn: '2030-01-01T00:00:00Z' });
    expect(matchTargets(scanTargets([{ path: 'example.com/a', version: 'v1.0.0' }], undefined), () => [e], NOW)).toHaveLength(1);
  });
  it("another module's item never decides", () => {
    const e = parseOsvEntry(
      { id: 'GO-Y', affected: [{ package: { name: 'example.com/other', ecosystem: 'Go' } }, { package: { name: 'example.com/a', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '2.0.0' }] }] }] },
      'test',
    );
    expect(matchTargets(scanTargets([{ path: 'example.com/a', version: 'v1.0.0' }], undefined), () => [e], NOW)).toHaveLength(0);
  });
});

describe('parseOsvEntry', () => {
  it('names the file and the problem', () => {
    expect(() => parseOsvEntry({ id: 'GO-1', affected: [{ package: {} }] }, 'ID/GO-1.json')).toThrow(OsvFormatError);
    expect(() => parseOsvEntry({ id: 'GO-1', affected: [{ package: {} }] }, 'ID/GO-1.json')).toThrow('ID/GO-1.json (GO-1) affected[0]: missing package name');
    expect(() => parseOsvEntry([], 'x')).toThrow('x: not a JSON object');
    expect(() => parseOsvEntry({ id: 'GO-2', modified: 'yesterday', affected: [] }, 'x')).toThrow('modified is not a time');
  });
});
