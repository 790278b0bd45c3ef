// What-if in the app: pick a version in the details panel, read the preview (changes, reasons,
// go.mod diff) against `gomodx get --dry-run`, stack a second change, apply it and compare the
// files with what the go command's own `go get` writes, undo, and refuse to overwrite a go.mod
// edited on disk after the preview.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, runGomodx, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

const GO = process.env.GOMODX_GO ?? '/usr/local/go/bin/go';

interface PlanJson {
  ok: boolean;
  changes: { path: string; old: string; new: string; kind: string; reason: string }[];
  goMod: string | null;
}

/** settle lets the graph's move to the previewed modules finish before a screenshot. */
async function settle(page: import('@playwright/test').Page): Promise<void> {
  await page.waitForTimeout(400);
}

function files(dir: string): { goMod: string; goSum: string } {
  return { goMod: readFileSync(join(dir, 'go.mod'), 'utf8'), goSum: readFileSync(join(dir, 'go.sum'), 'utf8') };
}

test.describe('what if', () => {
  test('a downgrade that forces another, stacked with a patch upgrade, applied as go get writes it, then undone', async ({ page, server }) => {
    const dir = server.copyExample('whatif-apply');
    const original = files(dir);
    const g = new GraphPage(page);
    await g.goto(server.url);
    await g.openPath(dir);
    await g.waitForGraph();

    await g.searchAndSelect('log@v1.3', 'example.com/log@v1.3.0');
    const versions = page.getByTestId('whatif-versions');
    await expect(versions.getByTestId('whatif-version')).toHaveText(['v1.4.1', 'v1.4.0', 'v1.3.0', 'v1.1.0', 'v1.0.0']);
    // The same versions go lists (oldest first there), the retracted one marked.
    const listed = runGomodx(['list', '-m', '-versions', '-retracted', 'example.com/log'], dir, server.env);
    expect(listed.stdout.trim().split(' ').slice(1).reverse()).toEqual(['v1.4.1', 'v1.4.0', 'v1.3.0', 'v1.1.0', 'v1.0.0']);
    await expect(versions.locator('li', { hasText: 'v1.4.0' })).toContainText('retracted');
    await expect(versions.locator('li', { hasText: 'v1.3.0' })).toContainText('selected');

    await versions.getByRole('button', { name: 'v1.1.0', exact: true }).click();
    const panel = page.getByTestId('whatif-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('whatif-command')).toHaveText('go get example.com/log@v1.1.0');
    const dry = runGomodx(['get', '--dry-run', '-json', 'example.com/log@v1.1.0'], dir, server.env);
    const plan = JSON.parse(dry.stdout) as PlanJson;
    expect(plan.ok).toBe(true);
    const rows = panel.getByTestId('whatif-change');
    await expect(rows).toHaveCount(plan.changes.length);
    for (const c of plan.changes) {
      const row = panel.locator(`[data-testid="whatif-change"][data-path="${c.path}"]`);
      await expect(row).toHaveAttribute('data-kind', c.kind);
      await expect(row).toContainText(`${c.old} → ${c.new}`);
      await expect(row).toContainText(c.reason);
    }
    expect(plan.changes.map((c) => `${c.path} ${c.kind}`)).toEqual(['example.com/log downgraded', 'example.com/web downgraded']);
    const dryText = runGomodx(['get', '--dry-run', 'example.com/log@v1.1.0'], dir, server.env).stdout.split('\n');
    const diff = dryText.filter((l) => l !== '' && !l.startsWith('go.sum: + '));
    const sums = dryText.filter((l) => l.startsWith('go.sum: + ')).map((l) => l.slice('go.sum: + '.length));
    await expect(page.getByTestId('whatif-diff')).toHaveText(diff.join('\n'));
    expect(sums.length).toBeGreaterThan(0);
    await expect(page.getByTestId('whatif-sum')).toHaveText(sums.join('\n'));
    // The graph marks both moves; log v1.1.0 is drawn already (a lost version that would win).
    await expect(g.graph).toHaveAttribute('data-whatif', /example\.com\/log@v1\.1\.0:wi-to,wi-downgraded/);
    await expect(g.graph).toHaveAttribute('data-whatif', /example\.com\/web@v1\.4\.0:wi-from,wi-downgraded/);
    await expect(g.graph).toHaveAttribute('data-whatif', /whatif:example\.com\/web@v1\.3\.0:ghost/);
    await settle(page);
    await g.shot('whatif-01-downgrade-preview');
    expect(files(dir)).toEqual(original);

    // Stack a second change: the latest patch of db.
    await g.searchAndSelect('example.com/db', 'example.com/db@v1.2.0');
    await page.getByTestId('whatif-patch').click();
    await expect(page.getByTestId('whatif-command')).toHaveText('go get example.com/log@v1.1.0 example.com/db@patch');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(panel.locator('[data-testid="whatif-change"][data-path="example.com/db"]')).toContainText('v1.2.0 → v1.2.1');
    await settle(page);
    await g.shot('whatif-02-stacked');

    await page.getByTestId('whatif-apply').click();
    await expect(page.getByTestId('whatif-message')).toContainText('Applied go get example.com/log@v1.1.0 example.com/db@patch');
    await g.waitForGraph();
    await expect(page.getByTestId('whatif-undo')).toBeVisible();
    const written = files(dir);
    expect(written).not.toEqual(original);
    const list = runGomodx(['list', '-m', 'all'], dir, server.env).stdout;
    expect(list).toContain('example.com/log v1.1.0\n');
    expect(list).toContain('example.com/db v1.2.1\n');
    if (existsSync(GO)) {
      const other = server.copyExample('whatif-apply-go');
      const go = spawnSync(GO, ['get', 'example.com/log@v1.1.0', 'example.com/db@patch'], { cwd: other, env: { ...server.env, GOCACHE: join(server.scratch, 'gocache') }, encoding: 'utf8' });
      expect(go.status, go.stderr).toBe(0);
      expect(written).toEqual(files(other));
    }
    await g.shot('whatif-03-applied');

    await page.getByTestId('whatif-undo').click();
    await expect(page.getByTestId('whatif-message')).toContainText('Undid go get example.com/log@v1.1.0 example.com/db@patch');
    await g.waitForGraph();
    expect(files(dir)).toEqual(original);
    await expect(page.getByTestId('whatif-undo')).toBeHidden();
  });

  test('a version that brings a new module shows it as a ghost, joined to what requires it', async ({ page, server }) => {
    const dir = server.copyExample('whatif-ghost');
    const g = new GraphPage(page);
    await g.goto(server.url);
    await g.openPath(dir);
    await g.waitForGraph();
    await g.searchAndSelect('example.com/web', 'example.com/web@v1.4.0');
    await page.getByTestId('whatif-versions').getByRole('button', { name: 'v1.5.0', exact: true }).click();
    const panel = page.getByTestId('whatif-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(panel.locator('[data-testid="whatif-change"][data-path="example.com/metrics"]')).toHaveAttribute('data-kind', 'added');
    await expect(g.graph).toHaveAttribute('data-whatif', /whatif:example\.com\/metrics@v0\.1\.0:ghost/);
    await expect(g.graph).toHaveAttribute('data-whatif', /whatif:example\.com\/web@v1\.5\.0:ghost/);
    await settle(page);
    await g.shot('whatif-04-upgrade-adds-module');
    await page.getByTestId('whatif-discard').click();
    await expect(panel).toBeHidden();
    await expect(g.graph).not.toHaveAttribute('data-whatif', /./);
  });

  test('go refusing is shown in its own words, and nothing can be applied', async ({ page, server }) => {
    const dir = server.copyExample('whatif-refused');
    const g = new GraphPage(page);
    await g.goto(server.url);
    await g.openPath(dir);
    await g.waitForGraph();
    await g.searchAndSelect('example.com/color', 'example.com/color@v1.1.0');
    const v120 = page.getByTestId('whatif-versions').locator('li', { hasText: 'v1.2.0' });
    await expect(v120).toContainText('excluded');
    await v120.getByRole('button', { name: 'v1.2.0' }).click();
    const panel = page.getByTestId('whatif-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('whatif-refused')).toBeVisible();
    const want = runGomodx(['get', 'example.com/color@v1.2.0'], dir, server.env);
    expect(want.code).toBe(1);
    await expect(page.getByTestId('whatif-output')).toHaveText(want.stderr.replace(/\n$/, ''));
    await expect(page.getByTestId('whatif-apply')).toBeDisabled();
    await settle(page);
    await g.shot('whatif-05-refused');
  });

  test('a go.mod edited on disk after the preview is not overwritten', async ({ page, server }) => {
    const dir = server.copyExample('whatif-stale');
    const g = new GraphPage(page);
    await g.goto(server.url);
    await g.openPath(dir);
    await g.waitForGraph();
    await g.searchAndSelect('log@v1.3', 'example.com/log@v1.3.0');
    await page.getByTestId('whatif-none').click();
    await expect(page.getByTestId('whatif-panel')).toHaveAttribute('data-state', 'ready');
    const staleBase = await page.getByTestId('whatif-panel').getAttribute('data-base');
    expect(staleBase).toMatch(/^[0-9a-f]{64}$/);
    // An editor saves go.mod; Apply is pressed before the app has noticed.
    const edited = readFileSync(join(dir, 'go.mod'), 'utf8') + '\n// edited in another window\n';
    writeFileSync(join(dir, 'go.mod'), edited);
    await page.getByTestId('whatif-apply').click();
    await expect(page.getByTestId('whatif-message')).toContainText('changed on disk since the preview; nothing was written');
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toBe(edited);
    await g.shot('whatif-06-stale-refused');
    // The app reloads the edited project and previews the staged command against it: that one applies.
    await expect(page.getByTestId('whatif-panel')).not.toHaveAttribute('data-base', staleBase!, { timeout: 15_000 });
    await expect(page.getByTestId('whatif-panel')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('whatif-apply').click();
    await expect(page.getByTestId('whatif-message')).toContainText('Applied go get example.com/log@none');
    const after = readFileSync(join(dir, 'go.mod'), 'utf8');
    expect(after).toContain('// edited in another window');
    expect(after).not.toContain('example.com/log');
  });
});
