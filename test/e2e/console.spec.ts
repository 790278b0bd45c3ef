// A session of ordinary use leaves no error or warning in the console (CSP violations,
// Cytoscape style warnings, failed requests all land there).
import { expect, test } from './fixtures';
import { consoleProblems, GraphPage } from './pages/graph-page';

test('the console stays clean while using the example', async ({ page, server }) => {
  const problems = consoleProblems(page);
  const g = new GraphPage(page);
  await g.goto(server.url);
  await g.openExample();
  await g.searchAndSelect('web@v1.4.0');
  await g.details.getByRole('button', { name: 'Paths from main' }).click();
  await g.waitForGraph();
  await page.keyboard.press('Escape');
  await page.getByTestId('layout').selectOption('force');
  await g.waitForGraph();
  await page.getByTestId('layout').selectOption('columns');
  await g.waitForGraph();
  await page.getByTestId('theme').click();
  await g.toggleUnselected();
  expect(problems).toEqual([]);
});
