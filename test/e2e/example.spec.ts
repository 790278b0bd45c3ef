// The bundled example in the browser through `gomodx serve`: counts against the CLI, search,
// selection and the details panel, focus, the lost-versions toggle, exports, themes.
import { readFileSync } from 'node:fs';
import { EXAMPLE, expect, runGomodx, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

test.describe('the example project', () => {
  let g: GraphPage;
  test.beforeEach(async ({ page, server }) => {
    g = new GraphPage(page);
    await g.goto(server.url);
  });

  test('opens from the start page, and counts what gomodx list -m all lists', async ({ server }) => {
    await g.shot('01-welcome');
    await g.openExample();
    await g.shot('02-example-graph');
    const list = runGomodx(['list', '-m', 'all'], EXAMPLE, server.env);
    expect(list.code, list.stderr).toBe(0);
    const modules = list.stdout.split('\n').filter(Boolean).length;
    expect(modules).toBe(14);
    expect(await g.statusCount('modules')).toBe(modules);
    const graph = runGomodx(['graph'], EXAMPLE, server.env);
    expect(await g.statusCount('edges')).toBe(graph.stdout.split('\n').filter(Boolean).length);
    // With lost versions shown every version is drawn; hidden, exactly the build list remains.
    expect(await g.nodeCount()).toBe(await g.statusCount('versions') + 1); // + the excluded color@v1.2.0
    await g.toggleUnselected();
    expect(await g.nodeCount()).toBe(modules);
    await g.shot('03-example-selected-only');
    await g.toggleUnselected();
    expect(await g.nodeCount()).toBeGreaterThan(modules);
    await g.page.getByTestId('toggle-toolchain').click();
    await g.waitForGraph();
    await g.shot('04-example-with-go-toolchain');
  });

  test('search with completion selects a module and the panel explains it', async ({ page }) => {
    await g.openExample();
    await g.searchAndSelect('log@v1.3', 'example.com/log@v1.3.0');
    await expect(g.details.getByTestId('details-path')).toHaveText('example.com/log');
    await expect(g.details.getByTestId('details-version')).toHaveText('v1.3.0');
    await expect(g.details.getByTestId('details-badges')).toContainText('selected');
    await expect(g.details.getByTestId('details-go')).toHaveText('go 1.21');
    await expect(g.details.getByTestId('details-source')).toContainText(/module proxy|download cache/);
    const requiredBy = g.details.getByTestId('details-required-by');
    await expect(requiredBy).toContainText('example.com/web@v1.4.0 asks v1.3.0');
    await expect(requiredBy).toContainText('example.com/db@v1.2.0 asks v1.1.0');
    await expect(requiredBy).toContainText('example.com/util@v1.0.0 asks v1.0.0');
    await expect(g.details.getByTestId('pkg-go-dev')).toHaveAttribute('href', 'https://pkg.go.dev/example.com/log@v1.3.0');
    await g.shot('05-details-log');
    // A lost version says what beat it.
    await requiredBy.getByRole('button', { name: 'example.com/db@v1.2.0' }).click();
    await expect(g.details.getByTestId('details-path')).toHaveText('example.com/db');
    await g.details.getByRole('button', { name: 'example.com/log@v1.1.0' }).click();
    await expect(g.details.getByTestId('details-badges')).toContainText('lost to v1.3.0');
    await expect(g.details.getByTestId('details-source')).toContainText('pruned out');
    await expect(page.getByTestId('graph')).toHaveAttribute('data-state', 'ready');
  });

  test('replacements, excludes, the /v2 twin and +incompatible are shown', async () => {
    await g.openExample();
    await g.searchAndSelect('forked');
    await expect(g.details.getByTestId('details-replacement')).toContainText('example.com/forkfix v1.0.1');
    await g.searchAndSelect('localmod');
    await expect(g.details.getByTestId('details-replacement')).toContainText('./localmod');
    await expect(g.details.getByTestId('details-source')).toContainText('replacement directory');
    await g.searchAndSelect('color@v1.2.0');
    await expect(g.details.getByTestId('details-version')).toContainText('v1.2.0');
    await expect(g.details).toContainText('excluded');
    await expect(g.details.getByTestId('details-required-by')).toContainText('example.com/web@v1.4.0 asks v1.2.0 (excluded)');
    await g.searchAndSelect('yaml/v2');
    await expect(g.details).toContainText('Same module, other major versions');
    await expect(g.details).toContainText('example.com/yaml');
    await g.searchAndSelect('oldlib');
    await expect(g.details.getByTestId('details-version')).toHaveText('v3.0.0+incompatible');
    await g.shot('06-details-incompatible');
  });

  test('focus shows a node with its neighbours, or the paths from main; Escape returns', async ({ page }) => {
    await g.openExample();
    const all = await g.nodeCount();
    await g.searchAndSelect('util@v1.0.0');
    await g.details.getByRole('button', { name: 'Focus', exact: true }).click();
    await g.waitForGraph();
    await expect(page.getByTestId('focus-chip')).toContainText('example.com/util@v1.0.0');
    const around = await g.nodeCount();
    expect(around).toBe(5); // main, legacy (requirers); log@v1.0.0, text@v0.2.0 (requirements); itself
    await g.shot('07-focus-neighbours');
    await g.details.getByRole('button', { name: 'Paths from main' }).click();
    await g.waitForGraph();
    expect(await g.nodeCount()).toBe(3); // main → legacy → util
    await g.shot('08-focus-paths');
    await g.graph.focus();
    await page.keyboard.press('Escape');
    await g.waitForGraph();
    expect(await g.nodeCount()).toBe(all);
  });

  test('filters by path prefix and collapses a family', async ({ page }) => {
    await g.openExample();
    await page.getByTestId('prefix-filter').fill('example.com/yaml');
    await g.waitForGraph();
    expect(await g.nodeCount()).toBe(4); // main, yaml v1.4.0, v1.5.0, yaml/v2
    await page.getByTestId('prefix-filter').fill('');
    await g.waitForGraph();
    await g.searchAndSelect('yaml@v1.5.0');
    await g.details.getByRole('button', { name: 'Collapse family' }).click();
    await g.waitForGraph();
    expect(await g.nodeCount()).toBe((await g.statusCount('versions')) + 1 - 2); // three yaml nodes became one
  });

  test('exports DOT like modgraphviz, JSON, PNG and SVG', async ({ server }) => {
    await g.openExample();
    const dot = readFileSync(await (await g.exportAs('dot')).path(), 'utf8');
    const edges = runGomodx(['graph'], EXAMPLE, server.env).stdout.split('\n').filter(Boolean);
    expect(dot.startsWith('digraph gomodgraph {\n\tnode [ shape=rectangle fontsize=12 ]\n')).toBe(true);
    for (const line of edges) {
      const [from, to] = line.split(' ');
      expect(dot).toContain(`\t"${from}" -> "${to}"\n`);
    }
    expect(dot).toContain('\t"example.com/log@v1.3.0" [style = filled, fillcolor = green]\n');
    expect(dot).toContain('\t"example.com/log@v1.1.0" [style = filled, fillcolor = gray]\n');
    const json = JSON.parse(readFileSync(await (await g.exportAs('json')).path(), 'utf8'));
    expect(json.counts.modules).toBe(14);
    const png = readFileSync(await (await g.exportAs('png')).path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
    const svg = readFileSync(await (await g.exportAs('svg')).path(), 'utf8');
    expect(svg).toMatch(/<svg[\s>]/);
    expect(svg).toContain('example.com/web');
  });

  test('switches to the dark theme and a force-directed layout', async ({ page }) => {
    await g.openExample();
    await page.getByTestId('theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', /dark|light/);
    const theme = await page.locator('html').getAttribute('data-theme');
    if (theme !== 'dark') await page.getByTestId('theme').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await g.searchAndSelect('web@v1.4.0');
    await g.shot('09-dark-theme-details');
    await page.getByTestId('layout').selectOption('force');
    await g.waitForGraph();
    await expect(g.graph).toHaveAttribute('data-layout', 'force');
    await g.shot('10-dark-force-layout');
  });
});
