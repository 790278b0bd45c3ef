// The explorer on a recorded real project (hugo: 432 modules in the build list), served from the
// unpacked fixture with no network: a smoke test that a real-shaped graph opens and that the
// status bar counts the build list as `gomodx list -m all` does (issue 18).
import { expect, runGomodx, startRealProject, stopServe, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

test('the recorded hugo project opens and counts its build list', async ({ page, server }) => {
  test.setTimeout(120_000);
  const real = await startRealProject(server, 'hugo');
  try {
    const list = runGomodx(['list', '-m', 'all'], real.projectDir, real.env);
    expect(list.code, list.stderr).toBe(0);
    const modules = list.stdout.trim().split('\n').length;
    expect(modules).toBe(432);
    const g = new GraphPage(page);
    await page.goto(real.url);
    await g.waitForGraph();
    expect(await g.statusCount('modules')).toBe(modules);
  } finally {
    await stopServe(real.child);
  }
});
