// Page object of the explorer: what a person does (open, search, select, toggle, export) and
// what they read (status bar, details panel), in one place for every spec.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { SCREENSHOTS } from '../fixtures';

/**
 * consoleProblems collects, from now on, the page's console errors and warnings (where a CSP
 * violation lands) and its uncaught errors.
 */
export function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** GraphPage drives one browser page of the explorer. */
export class GraphPage {
  readonly graph: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.graph = page.getByTestId('graph');
    this.details = page.getByTestId('details');
  }

  /** goto loads the page with the server's token URL and waits for the start page. */
  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('welcome')).toBeVisible();
  }

  /** openExample opens the bundled example and waits until it is laid out. */
  async openExample(): Promise<void> {
    await this.page.getByTestId('open-example').click();
    await this.waitForGraph();
  }

  /** openPath types a project path on the start page and opens it. */
  async openPath(dir: string): Promise<void> {
    await this.page.getByTestId('path-input').fill(dir);
    await this.page.getByTestId('open-path').click();
    await expect(this.page.getByTestId('loading')).toBeHidden({ timeout: 30_000 });
  }

  /** waitForGraph waits for the layout to finish. */
  async waitForGraph(): Promise<void> {
    await expect(this.graph).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  }

  /** nodeCount is the number of module nodes drawn. */
  async nodeCount(): Promise<number> {
    return Number(await this.graph.getAttribute('data-nodes'));
  }

  /** statusCount reads a number of the status bar (modules, versions, edges). */
  async statusCount(what: 'modules' | 'versions' | 'edges'): Promise<number> {
    return Number(await this.page.getByTestId(`status-${what}`).getAttribute('data-count'));
  }

  /** search types into the search box (opened with Ctrl+F) and picks the first completion. */
  async searchAndSelect(query: string, expectedId?: string): Promise<void> {
    await this.graph.click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+f');
    const box = this.page.getByTestId('search');
    await expect(box).toBeFocused();
    await box.fill(query);
    const results = this.page.getByTestId('search-results');
    await expect(results).toBeVisible();
    if (expectedId) await expect(results.getByRole('option').first()).toContainText(expectedId.split('@')[0]);
    await box.press('Enter');
    await expect(this.details).toBeVisible();
  }

  /** toggleUnselected clicks the "lost versions" toggle and waits for the new layout. */
  async toggleUnselected(): Promise<void> {
    await this.page.getByTestId('toggle-unselected').click();
    await this.waitForGraph();
  }

  /** exportAs runs one export and returns the download. */
  async exportAs(format: 'png' | 'svg' | 'dot' | 'json'): Promise<Download> {
    await this.page.getByTestId('export').click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${format}`).click()]);
    return download;
  }

  /**
   * readableLabels reads, from the Cytoscape instance itself, which node labels a person can read
   * now: drawn at 9 px or more, not faded, and wholly inside the canvas. Cytoscape keeps its
   * instance on the container element (`_cyreg`).
   */
  async readableLabels(): Promise<{ ids: string[]; zoom: number }> {
    return this.graph.evaluate((el) => {
      const cy = (el as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
      const zoom = cy.zoom();
      const ids: string[] = [];
      cy.nodes().forEach((n) => {
        if (n.isParent() && !n.hasClass('cluster-group')) return;
        if (parseFloat(n.style('font-size') as string) * zoom < 9) return;
        if (Number(n.style('opacity')) < 0.5 || n.style('display') === 'none' || !n.data('label')) return;
        const b = n.renderedBoundingBox({});
        if (b.x1 < 0 || b.y1 < 0 || b.x2 > cy.width() || b.y2 > cy.height()) return;
        ids.push(n.id());
      });
      return { ids, zoom };
    });
  }

  /** waitForView waits until the graph draws the given view ('overview', 'full' or 'why') and is laid out. */
  async waitForView(view: 'overview' | 'full' | 'why'): Promise<void> {
    await expect(this.graph).toHaveAttribute('data-view', view, { timeout: 30_000 });
    await this.waitForGraph();
  }

  /** shot saves a screenshot of the whole window under test-results/screenshots. */
  async shot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
