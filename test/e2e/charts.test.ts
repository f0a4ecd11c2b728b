/**
 * The app's charts in Chromium through the browser host: a box dragged on a chart zooms it (its
 * scales narrow and "reset zoom" appears), a double-click goes back to the data's limits, and the
 * export dialog offers the zoomed limits and shows a live preview at true size.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { LibraryPage } from './workbench-page.js';

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: LibraryPage;
let runId = '';
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-charts-'));

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1 });
  const started = await engine.call('runs:start', { kind: 'sgd-glm', params: { d: 50, T: 2, grid: 40 }, seed: 1, replicas: 2, name: 'zoom me' });
  expect((await engine.service.whenSettled(started.id)).status).toBe('done');
  runId = started.id;
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 950 } }));
  ui = new LibraryPage(page);
  await ui.row(runId).waitFor();
});

afterAll(() => closeWorkbench({ browser, host, engine }));

const span = (text: string | null) => {
  const [a, b] = (text ?? '').split(',').map(Number);
  return b! - a!;
};

describe('charts in the app', () => {
  it('zoom to a dragged box, and go back on a double-click', async () => {
    await ui.openRun(runId);
    const chart = page.locator('[data-testid="run-chart"][data-name="risk"]');
    await chart.waitFor();
    // Linear axes, so the box maps to a plain fraction of the range.
    if ((await chart.getAttribute('data-log-x')) === 'true') await chart.getByTestId('toggle-log-x').click();
    if ((await chart.getAttribute('data-log-y')) === 'true') await chart.getByTestId('toggle-log-y').click();
    const before = { x: await chart.getAttribute('data-scale-x'), y: await chart.getAttribute('data-scale-y') };
    const box = (await chart.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6, { steps: 8 });
    await page.mouse.up();
    await chart.getByTestId('reset-zoom').waitFor();
    expect(span(await chart.getAttribute('data-scale-x'))).toBeLessThan(0.5 * span(before.x));

    // The export dialog starts from the zoomed limits and draws a preview at true size.
    await chart.getByTestId('export-chart').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('export-xmin').inputValue()).not.toBe('');
    await dialog.getByTestId('export-preset').selectOption('single');
    const preview = dialog.getByTestId('export-preview').locator('img');
    await preview.waitFor();
    await expect.poll(async () => preview.evaluate((img) => (img as HTMLImageElement).style.width)).toBe('85mm');
    await dialog.getByText('Cancel').click();

    await chart.locator('canvas').dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => chart.getAttribute('data-scale-x')).toBe(before.x);
    expect(await chart.getByTestId('reset-zoom').count()).toBe(0);
  });
});
