/**
 * The app asks before it starts a run the engine estimates above its limit, in Chromium (see
 * ./browser.ts) through the browser host against the real engine: the dialog shows the estimate;
 * Cancel starts nothing, "Start anyway" starts the run forced (cancelled at once here); re-running
 * that run asks the same way.
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

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: WorkbenchPage;
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-cost-'));

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1 });
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1280, height: 900 } }, false));
  ui = new WorkbenchPage(page);
  await page.goto(host.url);
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('a run over the cost limit in the app', () => {
  it('shows the estimate and starts nothing when the user cancels', async () => {
    await ui.openNewRun();
    await ui.setField('d', '1000000');
    await ui.setField('T', '10000000');
    await ui.submit();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Estimated 4100 years of computation \(.*= 1\.0e19\), over the limit of 1 hour\. Start the run anyway\?/);
    await page.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('run-form').waitFor();
    expect(await engine.call('runs:list', {})).toEqual([]);
  });

  it('starts the run forced when the user confirms', async () => {
    await ui.setField('d', '300000');
    await ui.setField('T', '4');
    await ui.submit();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await page.getByTestId('confirm-dialog').textContent()).toMatch(/Estimated 1\.\d+ hours of computation/);
    await page.getByTestId('confirm-ok').click();
    const id = await ui.currentRunId();
    await engine.call('runs:cancel', id);
    await ui.waitForStatus('cancelled', 30_000);
    const runs = await engine.call('runs:list', {});
    expect(runs.map((r) => [r.id, r.status])).toEqual([[id, 'cancelled']]);
  });

  it('asks again before re-running that run, and re-runs it forced only when the user confirms', async () => {
    const id = await ui.currentRunId();
    await page.getByTestId('rerun-run').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Estimated 1\.\d+ hours of computation.*Start the run anyway\?/);
    await page.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await engine.call('runs:list', {})).map((r) => r.id)).toEqual([id]);

    await page.getByTestId('rerun-run').click();
    await dialog.waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.locator(`[data-testid="run-view"]:not([data-run-id="${id}"])`).waitFor();
    const again = await ui.currentRunId();
    await engine.call('runs:cancel', again);
    await ui.waitForStatus('cancelled', 30_000);
    const runs = await engine.call('runs:list', {});
    expect(runs.map((r) => r.id).sort()).toEqual([id, again].sort());
    expect(runs.find((r) => r.id === again)!.paramsHash).toBe(runs.find((r) => r.id === id)!.paramsHash);
  });
});
