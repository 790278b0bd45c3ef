// A generated project of a few hundred modules (with lost versions and /v2 twins), to look at
// how a realistic large graph reads and to catch layouts that stall. Not a benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, startServe, stopServe, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

/** makeLargeProject writes a file:// proxy of n modules and a main module requiring them all. */
function makeLargeProject(root: string, n: number): { dir: string; proxy: string } {
  const proxy = join(root, 'proxy');
  const name = (i: number): string => `example.com/big/m${String(i).padStart(3, '0')}${i % 25 === 7 ? '/v2' : ''}`;
  const major = (i: number): string => (i % 25 === 7 ? 'v2' : 'v1');
  let seed = 42;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  for (let i = 0; i < n; i++) {
    for (const minor of [0, 1]) {
      const v = `${major(i)}.${minor}.0`;
      const reqs = new Set<number>();
      for (let k = 0; k < 3; k++) reqs.add(rand(n));
      reqs.delete(i);
      const lines = [...reqs].map((j) => `\t${name(j)} ${major(j)}.${rand(2)}.0`);
      const dir = join(proxy, name(i), '@v');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${v}.mod`), `module ${name(i)}\n\ngo 1.21\n\nrequire (\n${lines.join('\n')}\n)\n`);
      writeFileSync(join(dir, `${v}.info`), JSON.stringify({ Version: v, Time: '2024-01-01T00:00:00Z' }));
    }
  }
  // The v1 line of the /v2 modules, required by nobody but main: a family of two paths.
  for (let i = 7; i < n; i += 25) {
    const dir = join(proxy, `example.com/big/m${String(i).padStart(3, '0')}`, '@v');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'v1.4.0.mod'), `module example.com/big/m${String(i).padStart(3, '0')}\n\ngo 1.21\n`);
  }
  const dir = join(root, 'project');
  mkdirSync(dir, { recursive: true });
  const requires = [...Array(n).keys()].map((i) => `\t${name(i)} ${major(i)}.1.0`);
  for (let i = 7; i < n; i += 25) requires.push(`\texample.com/big/m${String(i).padStart(3, '0')} v1.4.0`);
  writeFileSync(join(dir, 'go.mod'), `module example.com/big\n\ngo 1.22\n\nrequire (\n${requires.join('\n')}\n)\n`);
  return { dir, proxy };
}

test('a 300-module project lays out off the main thread and stays usable', async ({ page, server }) => {
  test.setTimeout(120_000);
  const { dir, proxy } = makeLargeProject(join(server.scratch, 'large'), 300);
  const { child, url } = await startServe([dir], { ...server.env, GOPROXY: pathToFileURL(proxy).href }, server.scratch);
  try {
    const g = new GraphPage(page);
    const started = Date.now();
    await page.goto(url);
    await g.waitForGraph();
    const ms = Date.now() - started;
    test.info().annotations.push({ type: 'time to laid-out graph', description: `${ms} ms` });
    expect(await g.statusCount('modules')).toBe(1 + 300 + 12);
    // A large project opens on its overview: every module one box (all are direct requirements here).
    await g.waitForView('overview');
    expect(await g.nodeCount()).toBe(1 + 300 + 12);
    await expect(g.graph).toHaveAttribute('data-layout', 'columns');
    await g.shot('15-large-300-modules');
    await page.getByTestId('mode-full').click();
    await g.waitForView('full');
    expect(await g.nodeCount()).toBe(await g.statusCount('versions'));
    await g.searchAndSelect('big/m042@v1.1.0');
    await expect(g.details.getByTestId('details-path')).toHaveText('example.com/big/m042');
    await g.waitForView('why');
    await g.shot('16-large-selected');
    await page.keyboard.press('Escape');
    await g.waitForView('full');
    await g.toggleUnselected();
    expect(await g.nodeCount()).toBe(1 + 300 + 12);
  } finally {
    await stopServe(child);
  }
});
