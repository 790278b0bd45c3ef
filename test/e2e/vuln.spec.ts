// Known vulnerabilities in the app (issue 16): on a copy of the example project, with a small
// OSV database in govulncheck's layout (file:// GOVULNDB), the vulnerable versions are marked on
// the graph, in the module list and in the status bar (against `gomodx vuln -json`); a finding
// opens in the details panel; its fix is previewed as the what-if of `go get`, applied (the files
// are what the go command's own go get writes) and undone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, runGomodx, startServe, stopServe, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

const GO = process.env.GOMODX_GO ?? '/usr/local/go/bin/go';

interface Entry {
  readonly id: string;
  readonly affected: readonly { readonly package: { readonly name: string; readonly ecosystem: string }; readonly [k: string]: unknown }[];
  readonly [k: string]: unknown;
}

const ENTRIES: Entry[] = [
  {
    schema_version: '1.3.1',
    id: 'GO-2026-0101',
    modified: '2026-11-01T00:00:00Z',
    aliases: ['CVE-2026-10101', 'GHSA-abcd-efgh-ijkl'],
    summary: 'Log injection through crafted messages in example.com/log',
    details: 'Messages are written without escaping.',
    affected: [{ package: { name: 'example.com/log', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.4.1' }] }] }],
    database_specific: { url: 'https://pkg.go.dev/vuln/GO-2026-0101', review_status: 'REVIEWED', severity: 'HIGH' },
  },
  {
    id: 'GO-2026-0102',
    modified: '2026-11-01T00:00:00Z',
    summary: 'Old bug in example.com/db, fixed long ago',
    details: '',
    affected: [{ package: { name: 'example.com/db', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }] }],
  },
];

/** writeDb writes entries in govulncheck's layout (the unit tests' helper does the same, from src). */
function writeDb(dir: string, entries: readonly Entry[]): string {
  mkdirSync(join(dir, 'index'), { recursive: true });
  mkdirSync(join(dir, 'ID'), { recursive: true });
  writeFileSync(join(dir, 'index', 'db.json'), JSON.stringify({ modified: '2026-11-05T00:00:00Z' }));
  const modules = entries.map((e) => ({ path: e.affected[0]!.package.name, vulns: [{ id: e.id, modified: '2026-11-01T00:00:00Z' }] }));
  writeFileSync(join(dir, 'index', 'modules.json'), JSON.stringify(modules.sort((a, b) => (a.path < b.path ? -1 : 1))));
  for (const e of entries) writeFileSync(join(dir, 'ID', `${e.id}.json`), JSON.stringify(e));
  return pathToFileURL(dir).href;
}

function files(dir: string): { goMod: string; goSum: string } {
  return { goMod: readFileSync(join(dir, 'go.mod'), 'utf8'), goSum: readFileSync(join(dir, 'go.sum'), 'utf8') };
}

test.describe('known vulnerabilities', () => {
  test('marked on the graph, opened, and fixed as a previewed go get, then undone', async ({ page, server }) => {
    const dir = server.copyExample('vuln');
    const original = files(dir);
    const db = writeDb(join(server.scratch, 'vulndb'), ENTRIES);
    const env = { ...server.env, GOVULNDB: db };
    const { child, url } = await startServe([], env, server.scratch);
    try {
      const cli = runGomodx(['vuln', '-json'], dir, env);
      const cliFindings = cli.stdout.split(/\n(?=\{)/).filter((m) => m.includes('"finding"'));
      expect(cliFindings).toHaveLength(1);

      const g = new GraphPage(page);
      await g.goto(url);
      await g.openPath(dir);
      await g.waitForGraph();
      const status = page.getByTestId('status-vuln');
      await expect(status).toHaveAttribute('data-state', 'ready');
      await expect(status).toHaveAttribute('data-count', '1');
      await expect(status).toContainText('1 known vulnerability in 1 module');
      await expect(g.graph).toHaveAttribute('data-vuln', 'example.com/log@v1.3.0:vulnerable');
      await page.getByTestId('toggle-list').click();
      await expect(page.getByTestId('module-list').locator('[data-testid="module-row"][data-id="example.com/log@v1.3.0"]').getByTestId('module-row-vuln')).toHaveText('⚠ 1');
      await expect(page.getByTestId('module-list').getByTestId('module-row-vuln')).toHaveCount(1);
      await page.getByTestId('toggle-list').click();

      await g.searchAndSelect('log@v1.3', 'example.com/log@v1.3.0');
      const section = page.getByTestId('vuln-section');
      await expect(section.getByTestId('vuln-finding')).toHaveAttribute('data-id', 'GO-2026-0101');
      await expect(section).toContainText('CVE-2026-10101 · GHSA-abcd-efgh-ijkl');
      await expect(section).toContainText('HIGH');
      await expect(section).toContainText('Log injection through crafted messages');
      await expect(section.getByTestId('vuln-fixed')).toHaveText('fixed in v1.4.1');
      await expect(section.getByTestId('vuln-link')).toHaveAttribute('href', 'https://pkg.go.dev/vuln/GO-2026-0101');
      await expect(section.getByTestId('vuln-through')).toHaveText('Pulled in by: go.mod itself, example.com/web@v1.4.0');
      await g.shot('vuln-01-finding');

      await section.getByTestId('vuln-fix-module').click();
      const panel = page.getByTestId('whatif-panel');
      await expect(panel).toHaveAttribute('data-state', 'ready');
      await expect(page.getByTestId('whatif-command')).toHaveText('go get example.com/log@v1.4.1');
      await expect(section.getByTestId('vuln-plan')).toContainText('example.com/log v1.3.0 => v1.4.1 fixes GO-2026-0101');
      await expect(panel.locator('[data-testid="whatif-change"][data-path="example.com/log"]')).toContainText('v1.3.0 → v1.4.1');
      await page.waitForTimeout(400);
      await g.shot('vuln-02-fix-preview');
      expect(files(dir)).toEqual(original);

      await page.getByTestId('whatif-apply').click();
      await expect(page.getByTestId('whatif-message')).toContainText('Applied go get example.com/log@v1.4.1');
      await g.waitForGraph();
      const written = files(dir);
      if (existsSync(GO)) {
        const other = server.copyExample('vuln-go');
        const go = spawnSync(GO, ['get', 'example.com/log@v1.4.1'], { cwd: other, env: { ...server.env, GOCACHE: join(server.scratch, 'gocache') }, encoding: 'utf8' });
        expect(go.status, go.stderr).toBe(0);
        expect(written).toEqual(files(other));
      }
      // The reloaded graph is scanned again: nothing known is left.
      await expect(status).toHaveAttribute('data-count', '0');
      await expect(g.graph).not.toHaveAttribute('data-vuln', /./);
      await g.shot('vuln-03-applied');

      await page.getByTestId('whatif-undo').click();
      await expect(page.getByTestId('whatif-message')).toContainText('Undid go get example.com/log@v1.4.1');
      await g.waitForGraph();
      expect(files(dir)).toEqual(original);
      await expect(status).toHaveAttribute('data-count', '1');
    } finally {
      await stopServe(child);
    }
  });
});
