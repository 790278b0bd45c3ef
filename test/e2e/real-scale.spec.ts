// The explorer on a real project at its real size (issue 18): hugo, recorded into a fixture proxy
// (432 modules in the build list, 1,120 versions, 3,491 edges), opened as a person would. The
// first view must be readable, any selected module must come into view with its why paths at a
// readable size, and every action of the toolbar, the details panel, the what-if panel and every
// export must leave the page without errors and the graph drawn. Screenshots of each screen are
// kept in test-results/screenshots.
import type { Page } from '@playwright/test';
import { expect, runGomodx, startRealProject, stopServe, test, type RealProjectServer } from './fixtures';
import { consoleProblems, GraphPage } from './pages/graph-page';

/** READABLE_MIN is how many module labels the first view must show readable (issue 18). */
const READABLE_MIN = 30;

test.describe.configure({ mode: 'serial' });

let real: RealProjectServer;
let modules: string[];

test.beforeAll(async ({ server }) => {
  real = await startRealProject(server, 'hugo');
  const list = runGomodx(['list', '-m', 'all'], real.projectDir, real.env);
  expect(list.code, list.stderr).toBe(0);
  modules = list.stdout.trim().split('\n').map((l) => l.replace(' ', '@'));
});

test.afterAll(async () => {
  if (real) await stopServe(real.child);
});

/** open opens the project and collects page errors and console warnings (each must fail the test that caused it). */
async function open(page: Page): Promise<{ g: GraphPage; errors: string[] }> {
  const errors = consoleProblems(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const g = new GraphPage(page);
  await page.goto(real.url);
  await g.waitForView('overview');
  return { g, errors };
}

/** unreadable lists the ids whose labels cannot be read on screen now. */
async function unreadable(g: GraphPage, ids: readonly string[]): Promise<string[]> {
  const readable = new Set((await g.readableLabels()).ids);
  return ids.filter((id) => !readable.has(id));
}

/** stillDrawn checks that the graph is laid out with something in it and nothing failed. */
async function stillDrawn(g: GraphPage, errors: string[], after: string): Promise<void> {
  await g.waitForGraph();
  expect(await g.nodeCount(), `graph empty after ${after}`).toBeGreaterThan(0);
  await expect(g.page.locator('[data-testid^="failed-"]')).toHaveCount(0);
  expect(errors, `page errors after ${after}`).toEqual([]);
}

test('the first view of a real project can be read, and Escape comes back to it', async ({ page }) => {
  const { g, errors } = await open(page);
  expect(await g.statusCount('modules')).toBe(modules.length);
  // The Go version whose answers are shown, and why (issue 14).
  await expect(page.getByTestId('status-toolchain')).toHaveText(/^modelling go 1\.\d+(\.\d+)?: /);
  const first = await g.readableLabels();
  test.info().annotations.push({ type: 'readable labels in the first view', description: `${first.ids.length} at zoom ${first.zoom.toFixed(2)}` });
  expect(first.ids.length).toBeGreaterThanOrEqual(READABLE_MIN);
  expect(first.ids).toContain('github.com/gohugoio/hugo');
  await g.shot('30-real-first-view');

  // A group opens in place, at a readable size, and folds again.
  const group = g.graph.evaluate((el) => (el as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy.nodes('.overview-group').first().data('key') as string);
  const key = await group;
  await g.graph.evaluate((el, k) => (el as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy.$id(`group-of:${k}`).emit('tap'), key);
  await expect.poll(async () => Number(await g.graph.getAttribute('data-nodes'))).toBeGreaterThan(first.ids.length);
  await stillDrawn(g, errors, 'opening a group');
  expect((await g.readableLabels()).ids.length).toBeGreaterThanOrEqual(READABLE_MIN);
  await g.shot('31-real-group-opened');

  await g.searchAndSelect('golang.org/x/net');
  await g.waitForView('why');
  await page.keyboard.press('Escape');
  await g.waitForView('overview');
  await stillDrawn(g, errors, 'Escape');
});

test('any selected module comes into view with its why paths, readable', async ({ page }) => {
  test.setTimeout(240_000);
  const { g, errors } = await open(page);
  // Every 24th module of the build list (direct and indirect, in groups and out), and two with many requirers.
  const sample = [...modules.filter((_, i) => i > 0 && i % 24 === 0), modules.find((m) => m.startsWith('golang.org/x/net@'))!, modules.find((m) => m.startsWith('golang.org/x/text@'))!];
  for (const id of sample) {
    await g.searchAndSelect(id);
    await g.waitForView('why');
    await expect(g.graph).toHaveAttribute('data-why-nodes', /./);
    const onPaths = ((await g.graph.getAttribute('data-why-nodes')) ?? '').split('|');
    expect(onPaths).toContain(id);
    await expect.poll(async () => unreadable(g, onPaths), { message: `why paths of ${id} not all readable` }).toEqual([]);
    await page.keyboard.press('Escape');
    await g.waitForView('overview');
  }
  await g.searchAndSelect('golang.org/x/text');
  await g.waitForView('why');
  await page.getByRole('button', { name: /^All \d+ paths$/ }).click();
  await expect(g.page.getByTestId('why')).toHaveAttribute('data-why-path', 'all');
  await g.waitForGraph();
  const all = ((await g.graph.getAttribute('data-why-nodes')) ?? '').split('|');
  expect(all.length).toBeGreaterThan(3);
  await expect.poll(async () => unreadable(g, all)).toEqual([]);
  await g.shot('32-real-why-all-paths');
  expect(errors).toEqual([]);
});

test('every toolbar action and every export leaves the graph drawn', async ({ page }) => {
  test.setTimeout(240_000);
  const { g, errors } = await open(page);
  await page.getByTestId('mode-full').click();
  await g.waitForView('full');
  await stillDrawn(g, errors, 'All versions');
  expect(await g.nodeCount()).toBe(await g.statusCount('versions'));
  expect((await g.readableLabels()).ids.length).toBeGreaterThanOrEqual(READABLE_MIN);
  await expect(g.page.getByTestId('minimap')).toBeVisible();
  await g.shot('33-real-all-versions');
  await g.toggleUnselected();
  await stillDrawn(g, errors, 'hiding lost versions');
  expect(await g.nodeCount()).toBe(modules.length);
  await page.getByTestId('prefix-filter').fill('golang.org/x/');
  await stillDrawn(g, errors, 'a prefix filter');
  await g.shot('34-real-prefix');
  await page.getByTestId('prefix-filter').fill('');
  await page.getByTestId('toggle-toolchain').click();
  await stillDrawn(g, errors, 'go/toolchain');
  await g.toggleUnselected();
  for (const layout of ['force', 'layered', 'columns', 'auto']) {
    await page.getByTestId('layout').selectOption(layout);
    await stillDrawn(g, errors, `layout ${layout}`);
  }
  await page.getByRole('button', { name: 'Fit' }).click();
  await stillDrawn(g, errors, 'Fit');
  for (const f of ['png', 'svg', 'dot', 'json'] as const) {
    const d = await g.exportAs(f);
    expect(d.suggestedFilename()).toMatch(new RegExp(`\\.${f}$`));
    await stillDrawn(g, errors, `export ${f}`);
  }
  await page.getByTestId('theme').click();
  await stillDrawn(g, errors, 'dark theme');
  await g.shot('35-real-dark');
  await page.getByTestId('theme').click();
  await page.getByTestId('toggle-list').click();
  await page.getByTestId('toggle-list').click();
  await page.getByRole('button', { name: 'Reload' }).click();
  await stillDrawn(g, errors, 'Reload');
  await page.getByTestId('mode-overview').click();
  await g.waitForView('overview');
  await stillDrawn(g, errors, 'Overview');
});

test('every details action and what-if at real size leave the graph drawn', async ({ page }) => {
  test.setTimeout(240_000);
  const { g, errors } = await open(page);
  await g.searchAndSelect('golang.org/x/text');
  await g.waitForView('why');
  await page.getByRole('button', { name: 'Focus', exact: true }).click();
  await stillDrawn(g, errors, 'Focus');
  await expect(g.page.getByTestId('focus-chip')).toHaveAttribute('data-mode', 'neighbors');
  await g.shot('36-real-focus');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Paths from main' }).click();
  await stillDrawn(g, errors, 'Paths from main');
  await g.shot('37-real-paths-from-main');
  await page.getByTestId('focus-chip').getByRole('button').click();
  await page.getByRole('button', { name: /^(Collapse|Expand) family$/ }).click();
  await stillDrawn(g, errors, 'Collapse family');
  await page.getByTestId('who-requires').locator('summary').click();
  await page.getByTestId('what-requires').locator('summary').click();
  await page.getByTestId('why-chain').first().click();
  await stillDrawn(g, errors, 'one why chain');

  await g.searchAndSelect('golang.org/x/net');
  await g.waitForView('why');
  const started = Date.now();
  await page.getByTestId('whatif-none').click();
  const panel = page.getByTestId('whatif-panel');
  await expect(panel).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(panel.getByTestId('whatif-change').first()).toBeVisible();
  test.info().annotations.push({ type: 'x/net remove, click to changes listed (first)', description: `${Date.now() - started} ms` });
  // The preview's marks need the whole view: the why view gives way to the overview.
  await g.waitForView('overview');
  await stillDrawn(g, errors, 'a what-if preview');
  await expect(g.graph).toHaveAttribute('data-whatif', /./);
  await g.shot('38-real-whatif-remove-xnet');
  await page.getByTestId('whatif-discard').click();
  await expect(panel).toHaveCount(0);

  await page.getByTestId('whatif-menu').click();
  await page.getByTestId('whatif-upgrade-patches').click();
  await expect(panel).toHaveAttribute('data-state', /ready|error/, { timeout: 60_000 });
  await stillDrawn(g, errors, 'Upgrade all patches');
  await page.getByTestId('whatif-discard').click();
  expect(errors).toEqual([]);
});
