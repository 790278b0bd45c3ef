// Why in the app: selecting a module highlights the requirement paths from main that set its
// version, and the panel lists requirers and lost versions, all as `gomodx why -m -json` says.
import { EXAMPLE, expect, runGomodx, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

interface WhyJson {
  Path: string;
  Version: string;
  Reasons: { Requirer: string; Requires: string; Chain: string[] }[];
  Requirers: { Requirer: string; Requires: string }[];
  Unselected: { Version: string; Reason: string }[];
}

/** shortestEdges is the edge set of every reason's shortest chain, ending at the selected version. */
function shortestEdges(w: WhyJson): { nodes: string[]; edges: string[] } {
  const target = `${w.Path}@${w.Version}`;
  const nodes = new Set<string>([target]);
  const edges = new Set<string>();
  for (const r of w.Reasons) {
    const chain = [...r.Chain, target];
    chain.forEach((id, i) => {
      nodes.add(id);
      if (i > 0) edges.add(`${chain[i - 1]} ${id}`);
    });
  }
  return { nodes: [...nodes].sort(), edges: [...edges].sort() };
}

test.describe('why a version was selected', () => {
  test('selecting example.com/log highlights the paths gomodx why -m reports', async ({ page, server }) => {
    const g = new GraphPage(page);
    await g.goto(server.url);
    await g.openExample();
    const out = runGomodx(['why', '-m', '-json', 'example.com/log'], EXAMPLE, server.env);
    expect(out.code, out.stderr).toBe(0);
    const why = JSON.parse(out.stdout) as WhyJson;
    expect(why.Version).toBe('v1.3.0');
    const want = shortestEdges(why);

    await g.searchAndSelect('log@v1.3', 'example.com/log@v1.3.0');
    const section = g.details.getByTestId('why');
    await expect(section).toBeVisible();
    await expect(g.graph).toHaveAttribute('data-why-edges', want.edges.join('|'));
    await expect(g.graph).toHaveAttribute('data-why-nodes', want.nodes.join('|'));

    // Every requirer with requested -> selected, every lost version with its reason.
    const requirers = section.getByTestId('why-requirers');
    await expect(requirers.getByRole('listitem')).toHaveCount(why.Requirers.length);
    for (const r of why.Requirers) await expect(requirers).toContainText(`${r.Requirer} ${r.Requires} → ${why.Version}`);
    const lost = section.getByTestId('why-unselected');
    await expect(lost.getByRole('listitem')).toHaveCount(why.Unselected.length);
    for (const u of why.Unselected) await expect(lost).toContainText(`${u.Version} ${u.Reason}`);
    await g.shot('why-01-log-shortest-paths');

    // One path at a time: the second chain alone.
    const chains = section.getByTestId('why-chain');
    await expect(chains).toHaveCount(why.Reasons.length); // the example has one chain per reason
    await chains.nth(1).click();
    const second = [...why.Reasons[1]!.Chain, `${why.Path}@${why.Version}`];
    const secondEdges = second.slice(1).map((id, i) => `${second[i]} ${id}`).sort();
    await expect(g.graph).toHaveAttribute('data-why-edges', secondEdges.join('|'));
    await g.shot('why-02-log-one-path');

    // A lost version explains the module too, and highlights the paths to the selected one.
    await g.details.getByRole('button', { name: 'example.com/db@v1.2.0' }).first().click();
    await expect(g.details.getByTestId('details-path')).toHaveText('example.com/db');
    await g.details.getByRole('button', { name: 'example.com/log@v1.1.0' }).click();
    await expect(g.details.getByTestId('why')).toBeVisible();
    await expect(g.graph).toHaveAttribute('data-why-edges', want.edges.join('|'));
    await g.shot('why-03-lost-version');
  });

  test('who requires a module, as a tree up to the main module, and what it requires, as go mod graph says', async ({ page, server }) => {
    const g = new GraphPage(page);
    await g.goto(server.url);
    await g.openExample();
    const graph = runGomodx(['graph'], EXAMPLE, server.env).stdout.split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]);
    const requirersOf = (id: string): string[] => graph.filter(([, to]) => to === id).map(([from]) => from).sort();
    await g.searchAndSelect('example.com/text@v0.2', 'example.com/text@v0.2.0');
    const up = g.details.getByTestId('who-requires');
    await up.locator('summary').click();
    const tree = up.getByTestId('tree-requirers');
    const top = tree.locator(':scope > ul > li');
    await expect(top).toHaveCount(requirersOf('example.com/text@v0.2.0').length);
    // Open the branch of util until it reaches the main module.
    const util = top.filter({ hasText: 'example.com/util@v1.0.0' });
    await util.getByRole('button', { name: 'Expand' }).click();
    await expect(util.locator(':scope > ul > li').first()).toContainText(requirersOf('example.com/util@v1.0.0')[0]!);
    await util.locator(':scope > ul > li').getByRole('button', { name: 'Expand' }).first().click();
    await expect(util).toContainText('example.com/demo');
    const down = g.details.getByTestId('what-requires');
    await g.searchAndSelect('example.com/web@v1.4', 'example.com/web@v1.4.0');
    await down.locator('summary').click();
    await expect(down.getByTestId('tree-requirements').locator(':scope > ul > li')).toHaveCount(graph.filter(([from]) => from === 'example.com/web@v1.4.0').length);
    await g.shot('why-04-requirement-trees');
  });
});
