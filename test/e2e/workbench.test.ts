/**
 * End to end in Chromium (see ./browser.ts) through the browser host, against the real engine and a
 * temporary library: create a run from the form, watch progress, see theory and simulation on
 * one chart, cancel a long run, reload and find both; an out-of-range value creates nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { WorkbenchPage } from './workbench-page.js';

const SCREENSHOTS = join(process.cwd(), 'test-results');

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: WorkbenchPage;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'limitlab-e2e-'));
  engine = await createEngine({ dbPath: join(dir, 'library.sqlite'), threads: 1 });
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 900 } }, false));
  ui = new WorkbenchPage(page);
  await page.goto(host.url);
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('the workbench in Chromium', () => {
  let firstId = '';
  let secondId = '';

  it('creates an sgd-glm run from the form, shows progress, and draws theory beside simulation', async () => {
    await ui.openNewRun();
    await ui.setField('d', '300');
    await ui.setField('T', '4');
    await page.getByTestId('replicas-input').fill('3');
    await ui.submit();
    firstId = await ui.currentRunId();
    await ui.waitForStatus('done');
    const series = await ui.chartSeries('risk');
    const sources = new Set(series.map((s) => s.source));
    expect(sources.has('theory')).toBe(true);
    expect(sources.has('simulation')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'run-view.png') });
  });

  it('shows a progress bar for a long run and cancels it', async () => {
    await ui.openNewRun();
    await ui.setField('d', '4000');
    await ui.setField('T', '2000');
    await ui.submit();
    secondId = await ui.currentRunId();
    expect(secondId).not.toBe(firstId);
    const bar = page.getByTestId('progress-bar');
    await bar.waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="progress-bar"]')?.getAttribute('aria-valuenow') ?? 0) > 0,
      undefined,
      { timeout: 60_000 },
    );
    await page.getByTestId('cancel-run').click();
    await ui.waitForStatus('cancelled', 30_000);
  });

  it('finds both runs in the library after a reload', async () => {
    await page.reload();
    await ui.row(firstId).waitFor();
    await expect(ui.row(firstId).getAttribute('data-status')).resolves.toBe('done');
    await expect(ui.row(secondId).getAttribute('data-status')).resolves.toBe('cancelled');
  });

  it('shows the message for an out-of-range value and creates nothing', async () => {
    const before = await engine.call('runs:list', {});
    await ui.openNewRun();
    await ui.setField('d', '1');
    await ui.fieldError('d').waitFor();
    expect(await ui.fieldError('d').textContent()).toMatch(/≥ 2|>= 2|at least 2/);
    await expect(page.getByTestId('submit-run').isDisabled()).resolves.toBe(true);
    await page.getByTestId('submit-run').click({ force: true }).catch(() => {});
    const after = await engine.call('runs:list', {});
    expect(after.length).toBe(before.length);
  });
});
