// The module list beside the graph, on the bundled example: toggled from the toolbar, filtered,
// sorted, and in step with the graph's selection both ways (and by keyboard); and on a generated
// build of 2,000 modules, where it draws only the rows in view.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, startServe, stopServe, test } from './fixtures';
import { consoleProblems, GraphPage } from './pages/graph-page';

test('the module list filters, selects in the graph, and follows a selection made elsewhere', async ({ page, server }) => {
  // The rows are placed with style properties: a CSP violation would land in the console.
  const problems = consoleProblems(page);
  const g = new GraphPage(page);
  await g.goto(server.url);
  await g.openExample();
  const list = page.getByTestId('module-list');
  const toggle = page.getByTestId('toggle-list');
  const rows = list.getByTestId('module-row');
  const selectedRow = list.locator('[data-testid="module-row"][aria-selected="true"]');

  // 14 modules is a small build: the list waits to be asked for.
  await expect(list).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(list).toBeVisible();
  await expect(rows).toHaveCount(await g.statusCount('modules'));
  await expect(rows.first()).toHaveAttribute('data-id', 'example.com/demo');

  const filter = list.getByTestId('module-list-filter');
  await filter.fill('LOG');
  await expect(rows).toHaveCount(1);
  const log = rows.first();
  await expect(log).toHaveAttribute('data-id', 'example.com/log@v1.3.0');
  await expect(log).toContainText('v1.3.0');
  await expect(log).toContainText('2 lost');
  await log.click();
  await expect(g.details.getByTestId('details-path')).toHaveText('example.com/log');
  await expect(g.details.getByTestId('details-version')).toHaveText('v1.3.0');
  await expect(log).toHaveAttribute('aria-selected', 'true');

  await filter.fill('');
  await expect(rows).toHaveCount(14);
  await expect(list.locator('[data-id="example.com/color@v1.1.0"]')).toContainText('excluded 1');
  await expect(list.locator('[data-id="example.com/forked@v1.0.0"]')).toContainText('replaced');

  // A selection made in the search box (here a lost version) highlights its module's row.
  await g.searchAndSelect('yaml@v1.4.0');
  await expect(g.details.getByTestId('details-version')).toHaveText('v1.4.0');
  await expect(selectedRow).toHaveCount(1);
  await expect(selectedRow).toHaveAttribute('data-id', 'example.com/yaml@v1.5.0');

  // Up and down move the cursor from the selected row; Enter selects.
  await list.getByRole('listbox').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(g.details.getByTestId('details-path')).toHaveText('example.com/yaml/v2');
  await expect(selectedRow).toHaveAttribute('data-id', 'example.com/yaml/v2@v2.1.0');

  // Sorting by lost versions puts the main module first, then log with its two lost versions.
  await list.getByTestId('module-list-sort').selectOption('lost');
  await expect(rows.nth(0)).toHaveAttribute('data-id', 'example.com/demo');
  await expect(rows.nth(1)).toHaveAttribute('data-id', 'example.com/log@v1.3.0');
  await list.getByTestId('module-list-direct').check();
  const direct = await rows.count();
  expect(direct).toBeGreaterThan(1);
  expect(direct).toBeLessThan(14);
  await list.getByTestId('module-list-direct').uncheck();
  await g.shot('11-module-list');

  await toggle.click();
  await expect(list).toBeHidden();
  expect(problems).toEqual([]);
});

/** makeWideProject writes a file:// proxy of n leaf modules and a main module requiring them all. */
function makeWideProject(root: string, n: number): { dir: string; proxy: string } {
  const proxy = join(root, 'proxy');
  const name = (i: number): string => `example.com/wide/m${String(i).padStart(4, '0')}`;
  for (let i = 0; i < n; i++) {
    const dir = join(proxy, name(i), '@v');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'v1.0.0.mod'), `module ${name(i)}\n\ngo 1.21\n`);
  }
  const dir = join(root, 'project');
  mkdirSync(dir, { recursive: true });
  const requires = [...Array(n).keys()].map((i) => `\t${name(i)} v1.0.0`);
  writeFileSync(join(dir, 'go.mod'), `module example.com/wide\n\ngo 1.22\n\nrequire (\n${requires.join('\n')}\n)\n`);
  return { dir, proxy };
}

test('on a big build the list draws only the rows in view', async ({ page, server }) => {
  test.setTimeout(120_000);
  const n = 2000;
  const { dir, proxy } = makeWideProject(join(server.scratch, 'wide'), n);
  const { child, url } = await startServe([dir], { ...server.env, GOPROXY: pathToFileURL(proxy).href }, server.scratch);
  try {
    const g = new GraphPage(page);
    await page.goto(url);
    await g.waitForGraph();
    const list = page.getByTestId('module-list');
    await expect(list).toHaveCount(0);
    await page.getByTestId('toggle-list').click();
    await expect(list).toBeVisible();
    await expect(page.getByTestId('toggle-list')).toHaveAttribute('aria-pressed', 'true');
    await expect(list.getByTestId('module-list-count')).toHaveText(String(n + 1));
    const drawn = await list.getByTestId('module-row').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    await list.getByRole('listbox').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(g.details.getByTestId('details-path')).toHaveText(`example.com/wide/m${n - 1}`);
    await expect(list.locator('[data-testid="module-row"][aria-selected="true"]')).toBeInViewport();
    await g.searchAndSelect('wide/m0100');
    await expect(list.locator('[data-testid="module-row"][aria-selected="true"]')).toHaveAttribute('data-id', 'example.com/wide/m0100@v1.0.0');
    await expect(list.locator('[data-testid="module-row"][aria-selected="true"]')).toBeInViewport();
    await g.shot('12-module-list-2000');
  } finally {
    await stopServe(child);
  }
});
