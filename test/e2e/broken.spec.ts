// Projects the go command refuses: the explorer shows go's words, and a partial graph when
// part of it loaded. Also the automatic reload when go.mod changes, and recent projects.
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, runGomodx, startServe, stopServe, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

test('a go.mod that does not parse shows go\'s error instead of a graph', async ({ page, server }) => {
  const dir = server.project('broken', 'module example.com/broken\n\ngo 1.22\n\nrequre example.com/web v1.4.0\n');
  const g = new GraphPage(page);
  await g.goto(server.url);
  await g.openPath(dir);
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible();
  const cli = runGomodx(['graph'], dir, server.env);
  expect(cli.code).toBe(1);
  await expect(panel.getByTestId('error-text')).toHaveText(cli.stderr.trimEnd());
  await expect(panel.getByTestId('error-text')).toContainText('unknown directive: requre');
  await g.shot('11-broken-go-mod');
  // Fixing the file reloads the project by itself.
  writeFileSync(join(dir, 'go.mod'), 'module example.com/broken\n\ngo 1.22\n\nrequire example.com/web v1.4.0\n');
  await g.waitForGraph();
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('status-modules')).toHaveAttribute('data-count', '5');
});

test('an unreachable module leaves a partial graph with the failure marked', async ({ page, server }) => {
  const dir = server.project('unreachable', 'module example.com/unreachable\n\ngo 1.22\n\nrequire (\n\texample.com/web v1.4.0\n\texample.com/missing v1.0.0\n)\n');
  const g = new GraphPage(page);
  await g.goto(server.url);
  await g.openPath(dir);
  await g.waitForGraph();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  const cli = runGomodx(['graph'], dir, server.env);
  expect(cli.code).toBe(1);
  await expect(banner.getByTestId('error-text')).toHaveText(cli.stderr.trimEnd());
  await expect(page.getByTestId('status-error')).toContainText('partial graph');
  expect(await g.nodeCount()).toBeGreaterThan(3);
  await banner.getByTestId('error-failing').click();
  await expect(g.details.getByTestId('details-path')).toHaveText('example.com/missing');
  await expect(g.details.getByTestId('details-badges')).toContainText('failed to load');
  await g.shot('12-unreachable-module');
});

test('a changed go.mod reloads the graph, and the project joins the recent list', async ({ page, server }) => {
  const dir = server.copyExample('reload');
  const g = new GraphPage(page);
  await g.goto(server.url);
  await g.openPath(dir);
  await g.waitForGraph();
  const edges = await g.statusCount('edges');
  await expect(page.getByTestId('status')).toContainText('1 excluded');
  const goMod = join(dir, 'go.mod');
  writeFileSync(goMod, readFileSync(goMod, 'utf8').replace('exclude example.com/color v1.2.0', ''));
  await expect(page.getByTestId('status')).toContainText('go.mod changed', { timeout: 15_000 });
  await g.waitForGraph();
  expect(await g.statusCount('edges')).toBeGreaterThan(edges);
  await expect(page.getByTestId('status')).not.toContainText('excluded');
  await page.getByRole('button', { name: 'Back to the start page' }).click();
  await expect(page.getByTestId('recent')).toContainText('example.com/demo');
  await expect(page.getByTestId('recent')).toContainText(dir);
  await g.shot('13-recent-projects');
});

test('loading shows progress and can be canceled', async ({ page, server }) => {
  // A proxy that never answers keeps the load waiting until the user cancels.
  const hung = createServer(() => undefined);
  await new Promise<void>((ok) => hung.listen(0, '127.0.0.1', () => ok()));
  const port = (hung.address() as AddressInfo).port;
  const { child, url } = await startServe([], { ...server.env, GOPROXY: `http://127.0.0.1:${port}` }, server.scratch);
  try {
    // A module no earlier test fetched, so no cache can answer for the hung proxy.
    const dir = server.project('slow', 'module example.com/slow\n\ngo 1.22\n\nrequire example.com/never-cached v1.0.0\n');
    const g = new GraphPage(page);
    await g.goto(url);
    await page.getByTestId('path-input').fill(dir);
    await page.getByTestId('open-path').click();
    await expect(page.getByTestId('loading')).toBeVisible();
    await expect(page.getByTestId('loading')).toContainText(`Loading ${dir}`);
    await g.shot('14-loading');
    await page.getByTestId('cancel').click();
    await expect(page.getByTestId('loading')).toBeHidden();
    await expect(page.getByTestId('welcome')).toBeVisible();
    await expect(page.getByTestId('notice')).toBeHidden();
  } finally {
    await stopServe(child);
    hung.closeAllConnections();
    hung.close();
  }
});
