/**
 * Writes OSV entries as a vulnerability database in the layout govulncheck reads (GOVULNDB):
 * index/db.json, index/modules.json (each module's entries with their modified time and the fix
 * after which no version is affected again) and ID/<id>.json; and as the golang.org/x/vulndb
 * module zip (data/osv/*.json) a GOPROXY serves. For hermetic tests and the differential suite.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OsvEntry } from '../../../src/main/core/vuln/osv-entry';
import { latestFix } from '../../../src/main/core/vuln/osv-range';
import { writeStoredZip } from '../../../src/main/sources/module-zip';

/** modulesIndex is index/modules.json for entries, sorted by path and then ID. */
export function modulesIndex(entries: readonly OsvEntry[]): { path: string; vulns: { id: string; modified: string; fixed?: string }[] }[] {
  const byPath = new Map<string, { id: string; modified: string; fixed?: string }[]>();
  for (const e of entries) {
    for (const a of e.affected) {
      const list = byPath.get(a.package.name) ?? [];
      if (list.some((v) => v.id === e.id)) continue;
      const fixed = latestFix(a.ranges);
      list.push({ id: e.id, modified: e.modified ?? '0001-01-01T00:00:00Z', ...(fixed ? { fixed } : {}) });
      byPath.set(a.package.name, list);
    }
  }
  return [...byPath.keys()].sort().map((p) => ({ path: p, vulns: byPath.get(p)!.sort((a, b) => (a.id < b.id ? -1 : 1)) }));
}

/** writeOsvDb writes the served layout under dir and returns its file:// URL. */
export async function writeOsvDb(dir: string, entries: readonly OsvEntry[], modified: string): Promise<string> {
  await mkdir(path.join(dir, 'index'), { recursive: true });
  await mkdir(path.join(dir, 'ID'), { recursive: true });
  await writeFile(path.join(dir, 'index', 'db.json'), JSON.stringify({ modified }));
  await writeFile(path.join(dir, 'index', 'modules.json'), JSON.stringify(modulesIndex(entries)));
  for (const e of entries) await writeFile(path.join(dir, 'ID', `${e.id}.json`), JSON.stringify(e));
  return pathToFileURL(dir).href;
}

/** vulndbModuleZip is golang.org/x/vulndb@version's zip holding entries as data/osv/<id>.json. */
export function vulndbModuleZip(version: string, entries: readonly OsvEntry[]): Buffer {
  const prefix = `golang.org/x/vulndb@${version}/`;
  return writeStoredZip([
    { name: prefix + 'go.mod', data: Buffer.from('module golang.org/x/vulndb\n') },
    ...entries.map((e) => ({ name: `${prefix}data/osv/${e.id}.json`, data: Buffer.from(JSON.stringify(e, null, 2)) })),
  ]);
}

/** writeVulndbModule puts x/vulndb@version into a file:// GOPROXY tree at proxyDir. */
export async function writeVulndbModule(proxyDir: string, version: string, time: string, entries: readonly OsvEntry[]): Promise<void> {
  const d = path.join(proxyDir, 'golang.org', 'x', 'vulndb', '@v');
  await mkdir(d, { recursive: true });
  await writeFile(path.join(d, 'list'), `${version}\n`);
  await writeFile(path.join(d, `${version}.info`), JSON.stringify({ Version: version, Time: time }));
  await writeFile(path.join(d, `${version}.mod`), 'module golang.org/x/vulndb\n');
  await writeFile(path.join(d, `${version}.zip`), vulndbModuleZip(version, entries));
}

/** FIXTURE_ENTRIES is a small database: a fixed range, a reintroduction, a withdrawn entry, stdlib. */
export const FIXTURE_ENTRIES: readonly OsvEntry[] = [
  {
    schema_version: '1.3.1',
    id: 'GO-2026-0001',
    modified: '2026-11-01T00:00:00Z',
    published: '2026-10-01T00:00:00Z',
    aliases: ['CVE-2026-0001', 'GHSA-aaaa-bbbb-cccc'],
    summary: 'Request smuggling in example.com/a',
    details: 'Details.',
    affected: [{ package: { name: 'example.com/a', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }] }], ecosystem_specific: { imports: [{ path: 'example.com/a', symbols: ['Parse'] }] } }],
    database_specific: { url: 'https://pkg.go.dev/vuln/GO-2026-0001', review_status: 'REVIEWED', severity: 'HIGH' },
  },
  {
    id: 'GO-2026-0002',
    modified: '2026-11-02T00:00:00Z',
    summary: 'Reintroduced bug in example.com/a',
    details: '',
    affected: [{ package: { name: 'example.com/a', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.1.0' }, { introduced: '1.3.0' }] }] }],
  },
  {
    id: 'GO-2026-0003',
    modified: '2026-11-03T00:00:00Z',
    withdrawn: '2026-11-04T00:00:00Z',
    summary: 'Withdrawn',
    details: '',
    affected: [{ package: { name: 'example.com/a', ecosystem: 'Go' } }],
  },
  {
    id: 'GO-2026-0004',
    modified: '2026-11-05T00:00:00Z',
    summary: 'Crash in net/http',
    details: '',
    affected: [{ package: { name: 'stdlib', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.25.9' }, { introduced: '1.26.0-0' }, { fixed: '1.26.9' }] }] }],
  },
];
