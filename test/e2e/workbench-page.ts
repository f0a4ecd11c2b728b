/** Page object for the workbench UI, used by the end-to-end tests. */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

export class WorkbenchPage {
  constructor(readonly page: Page) {}

  runRows(): Locator {
    return this.page.getByTestId('runs-table').getByTestId('run-row');
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="run-row"][data-run-id="${id}"]`);
  }

  async openNewRun(): Promise<void> {
    await this.page.getByTestId('new-run-button').click();
    await this.page.getByTestId('run-form').waitFor();
  }

  field(path: string): Locator {
    return this.page.getByTestId(`param-${path}`);
  }

  fieldError(path: string): Locator {
    return this.page.getByTestId(`param-error-${path}`);
  }

  async setField(path: string, value: string): Promise<void> {
    const input = this.field(path);
    const tag = await input.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') await input.selectOption(value);
    else await input.fill(value);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('submit-run').click();
  }

  runView(): Locator {
    return this.page.getByTestId('run-view');
  }

  async currentRunId(): Promise<string> {
    await this.runView().waitFor();
    return (await this.runView().getAttribute('data-run-id'))!;
  }

  async waitForStatus(status: string, timeout = 120_000): Promise<void> {
    await this.page.locator(`[data-testid="run-view"][data-status="${status}"]`).waitFor({ timeout });
  }

  async chartSeries(name: string): Promise<{ source: string; label: string }[]> {
    const chart = this.page.locator(`[data-testid="run-chart"][data-name="${name}"]`);
    await chart.waitFor();
    return JSON.parse((await chart.getAttribute('data-series')) ?? '[]');
  }
}

/** The library, compare, sweep, export and bundle parts of the workbench (issue 4). */
export class LibraryPage extends WorkbenchPage {
  visibleRunIds(): Promise<string[]> {
    return this.runRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id') ?? ''));
  }

  /** Wait until the table shows exactly these runs (in any order). */
  async waitForRows(ids: string[], timeout = 10_000): Promise<void> {
    const want = [...ids].sort().join(',');
    await this.page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[data-testid="runs-table"] [data-testid="run-row"]')]
          .map((r) => r.getAttribute('data-run-id'))
          .sort()
          .join(',') === expected,
      want,
      { timeout },
    );
  }

  async openRun(id: string): Promise<void> {
    await this.row(id).getByTestId('row-name').click();
    await this.page.locator(`[data-testid="run-view"][data-run-id="${id}"]`).waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('library-search').fill(text);
  }

  async openFilters(): Promise<void> {
    const toggle = this.page.getByTestId('toggle-filters');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.page.getByTestId('filters').waitFor();
  }

  async select(ids: string[]): Promise<void> {
    for (const id of ids) {
      const box = this.row(id).getByTestId('row-select');
      if (!(await box.isChecked())) await box.click();
    }
  }

  async addTag(tag: string): Promise<void> {
    await this.page.getByTestId('tag-input').fill(tag);
    await this.page.getByTestId('tag-input').press('Enter');
    await this.page.locator(`[data-testid="tag-chip"][data-tag="${tag}"]`).waitFor();
  }

  /** Open the export dialog from `opener`, fill it, export, and return the downloaded file. */
  async exportFigure(
    opener: Locator,
    options: { format: 'svg' | 'pdf' | 'png'; widthMm?: number; heightMm?: number; scale?: 1 | 2 | 3; title?: string; theme?: 'light' | 'dark' },
  ): Promise<{ filename: string; bytes: Buffer }> {
    await opener.click();
    const dialog = this.page.getByTestId('export-dialog');
    await dialog.waitFor();
    await dialog.getByTestId(`export-format-${options.format}`).check();
    if (options.widthMm !== undefined) await dialog.getByTestId('export-width').fill(String(options.widthMm));
    if (options.heightMm !== undefined) await dialog.getByTestId('export-height').fill(String(options.heightMm));
    if (options.scale !== undefined) await dialog.getByTestId('export-scale').selectOption(String(options.scale));
    if (options.theme !== undefined) await dialog.getByTestId('export-theme').selectOption(options.theme);
    if (options.title !== undefined) await dialog.getByTestId('export-title').fill(options.title);
    return this.download(() => dialog.getByTestId('export-submit').click());
  }

  /** Run `action` and return the file it downloads. */
  async download(action: () => Promise<unknown>): Promise<{ filename: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 30_000 }), action()]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), bytes: readFileSync(path) };
  }
}

/** The runs table's layout and field columns, for the checks at a small window size. */
export class HardeningPage extends LibraryPage {
  /** Widths of the runs table and of the pane that holds it. */
  tablePane(): Promise<{ paneWidth: number; scrollWidth: number; tableWidth: number }> {
    return this.page.getByTestId('runs-table').evaluate((table) => {
      const pane = table.parentElement!;
      return { paneWidth: pane.clientWidth, scrollWidth: pane.scrollWidth, tableWidth: table.getBoundingClientRect().width };
    });
  }

  /** The main pane's width, the width of what it holds, and how far it is scrolled sideways. */
  contentPane(): Promise<{ clientWidth: number; scrollWidth: number; scrollLeft: number }> {
    return this.page.locator('main.content').evaluate((main) => ({ clientWidth: main.clientWidth, scrollWidth: main.scrollWidth, scrollLeft: main.scrollLeft }));
  }

  /** Width of the library panel beside the run view. */
  async sidebarWidth(): Promise<number> {
    return (await this.page.locator('aside.sidebar').boundingBox())!.width;
  }

  /** Tick a parameter or scalar column in the Columns popover (opening it if needed). */
  async showColumn(column: string): Promise<void> {
    const menu = this.page.getByTestId('columns-menu');
    if ((await menu.count()) === 0) await this.page.getByTestId('columns-button').click();
    await this.page.getByTestId('columns-find').fill(column.slice(column.indexOf('.') + 1));
    const box = this.page.getByTestId(`column-${column}`);
    if (!(await box.isChecked())) await box.check();
    await this.page.locator(`[data-testid="sort-${column}"]`).waitFor();
  }

  /** Wait until the table shows exactly these runs in this order. */
  async waitForOrder(ids: string[], timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[data-testid="runs-table"] [data-testid="run-row"]')].map((r) => r.getAttribute('data-run-id')).join(',') === expected,
      ids.join(','),
      { timeout },
    );
  }
}
