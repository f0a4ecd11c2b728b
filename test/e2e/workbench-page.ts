/** Page object for the workbench UI, used by the end-to-end tests. */
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
