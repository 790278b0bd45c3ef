// A renderer error never blanks the window: the part that failed says so, the project stays open
// (toolbar, status bar), and "Reset the view" draws it again. The graph is made to fail by
// denying it a canvas to draw on, as a broken GPU driver or a bug in the drawing code would.
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

test('a failed graph view says so, keeps the project open and can be reset', async ({ page, server }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __denyCanvas: boolean };
    w.__denyCanvas = true;
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof getContext>) {
      return w.__denyCanvas ? null : getContext.apply(this, args);
    } as typeof getContext;
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const g = new GraphPage(page);
  await g.goto(server.url);
  await page.getByTestId('open-example').click();
  const failed = page.getByTestId('failed-graph');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('The graph view failed');
  await expect(page.getByTestId('toolbar')).toBeVisible();
  await expect(page.getByTestId('status')).toBeVisible();
  await g.shot('40-view-failed');
  await page.evaluate(() => ((window as unknown as { __denyCanvas: boolean }).__denyCanvas = false));
  await page.getByTestId('reset-graph').click();
  await g.waitForGraph();
  await expect(failed).toHaveCount(0);
  expect(await g.nodeCount()).toBeGreaterThan(0);
  // The failure was caught where it happened; nothing reached the window unhandled.
  expect(errors).toEqual([]);
});
