/**
 * Image results in Chromium through the browser host, on an engine whose kinds include the image
 * fixture kind: the run view shows its grid with row and column labels, the pixels drawn on screen
 * are the range mapping's bytes, hovering a pixel reads its value(s) with the row and column, zoom
 * steps with the buttons and + / − / 0, hovering an image with metrics shows them beside the pixel
 * readout, the export dialog saves a PNG with exact pixels, and compare shows two runs' grids side by
 * side (their images' metrics on hover too).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { createRegistry, kinds } from '../../core/models/registry.js';
import { imageKind } from '../fixtures/image-kind/index.js';
import { buildFixtureWorker } from '../support/fixture-worker.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { LibraryPage } from './workbench-page.js';

const SHOTS = '/tmp/limitlab-image-grid';
let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: LibraryPage;
let workerDir = '';
const ids: string[] = [];
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-images-'));

beforeAll(async () => {
  const built = await buildFixtureWorker();
  workerDir = built.dir;
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1, workerPath: built.workerPath, kinds: createRegistry([...kinds, imageKind]) });
  for (const [side, name] of [[16, 'sixteen'], [8, 'eight']] as const) {
    const started = await engine.call('runs:start', { kind: 'image-grid', params: { side }, seed: 1, name });
    expect((await engine.service.whenSettled(started.id)).status).toBe('done');
    ids.push(started.id);
  }
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 1000 }, acceptDownloads: true }));
  ui = new LibraryPage(page);
  await ui.row(ids[0]!).waitFor();
});

afterAll(async () => {
  await closeWorkbench({ browser, host, engine });
  rmSync(workerDir, { recursive: true, force: true });
});

/** The RGBA bytes a canvas holds (what the page drew, before any screen scaling). */
function canvasBytes(page: Page, image: string) {
  return page.locator(`[data-testid="grid-image"][data-image="${image}"]`).first().evaluate((el) => {
    const c = el as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  });
}

describe('image grids in the app', () => {
  it('shows the grid with its labels, exact pixels, the value under the pointer, and zoom', async () => {
    await ui.openRun(ids[0]!);
    const grid = page.locator('[data-testid="image-grid"][data-grid="restoration"]');
    await grid.waitFor();
    expect(await grid.locator('th[scope="col"]').allTextContents()).toEqual(['clean', 'degraded', 'colour']);
    expect(await grid.locator('th[scope="row"]').allTextContents()).toEqual(['ramp', 'checkerboard']);
    expect(await grid.getAttribute('data-zoom')).toBe('8');
    // The gallery holds the one image outside the grid.
    await page.locator('[data-testid="image-grid"][data-grid="images"] [data-image="residual"]').waitFor();

    // Ramp over 16 columns in [-128, 127]: byte 17 x; the colour ramp: R 17 x, G 17 y, B the checkerboard.
    const ramp = await canvasBytes(page, 'ramp');
    expect(ramp.slice(0, 16 * 4).filter((_, i) => i % 4 === 0)).toEqual(Array.from({ length: 16 }, (_, x) => 17 * x));
    const colour = await canvasBytes(page, 'ramp-colour');
    const at = 4 * (5 * 16 + 3);
    expect(colour.slice(at, at + 4)).toEqual([51, 85, 255, 255]);

    // Hover pixel (3, 5) of the colour ramp at zoom 8.
    const canvas = grid.locator('[data-image="ramp-colour"]');
    let box = (await canvas.boundingBox())!;
    expect(box.width).toBe(16 * 8);
    await page.mouse.move(box.x + 3.5 * 8, box.y + 5.5 * 8);
    const readoutLocator = grid.getByTestId('pixel-readout');
    const readout = { textContent: async () => ((await readoutLocator.textContent()) ?? '').replace(/\s+/g, ' ').trim() };
    await expect.poll(() => readout.textContent()).toMatch(/ramp-colour · row ramp · column colour · pixel \(3, 5\) = R 102, G 170, B 510 \(range 0 to 510\)$/);
    // The degraded ramp's NaN pixel.
    box = (await grid.locator('[data-image="ramp-degraded"]').boundingBox())!;
    await page.mouse.move(box.x + 1.5 * 8, box.y + 1.5 * 8);
    await expect.poll(() => grid.getByTestId('pixel-value').textContent()).toBe('NaN');
    await page.mouse.move(box.x + 2.5 * 8, box.y + 0.5 * 8);
    await expect.poll(() => grid.getByTestId('pixel-value').textContent()).toBe('-93.5');

    // Zoom: the button, then the keyboard on the focused toolbar.
    await grid.getByTestId('zoom-in').click();
    expect(await grid.getAttribute('data-zoom')).toBe('12');
    expect((await canvas.boundingBox())!.width).toBe(16 * 12);
    await grid.getByTestId('image-grid-tools').focus();
    await page.keyboard.press('+');
    expect(await grid.getAttribute('data-zoom')).toBe('16');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(await grid.getAttribute('data-zoom')).toBe('8');
    await page.keyboard.press('+');
    await page.keyboard.press('0');
    expect(await grid.getAttribute('data-zoom')).toBe('8');

    // Keyboard inspection: focus the checkerboard and step right.
    await grid.locator('[data-image="checkerboard"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout.textContent()).toMatch(/checkerboard · row checkerboard · column clean · pixel \(1, 0\) = 0.25/);

    await grid.getByTestId('zoom-in').click();
    box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 10.5 * 12, box.y + 2.5 * 12);
    await expect.poll(() => readout.textContent()).toMatch(/pixel \(10, 2\) = R 340, G 68, B 510 /);
    await page.screenshot({ path: `${SHOTS}-run.png`, fullPage: true });
  });

  it('shows an image\'s own metrics beside the pixel readout on hover, and none for an image without them', async () => {
    await ui.openRun(ids[0]!);
    const grid = page.locator('[data-testid="image-grid"][data-grid="restoration"]');
    await grid.waitFor();
    const readout = grid.getByTestId('pixel-readout');
    const zoom = Number(await grid.getAttribute('data-zoom'));
    let box = (await grid.locator('[data-image="ramp-degraded"]').boundingBox())!;
    await page.mouse.move(box.x + 4.5 * zoom, box.y + 3.5 * zoom);
    await expect.poll(() => grid.getByTestId('image-metrics').textContent()).toBe('psnr 12.50 · ssim 0.4375');
    expect(((await readout.textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(/ramp-degraded · row ramp · column degraded · pixel \(4, 3\) = -60 \(range -128 to 127\) · psnr 12.50 · ssim 0.4375/);
    expect(await grid.locator('[data-image="ramp-degraded"]').getAttribute('aria-label')).toMatch(/; psnr 12.50 · ssim 0.4375$/);
    await grid.screenshot({ path: `${SHOTS}-metrics.png` });
    box = (await grid.locator('[data-image="ramp"]').boundingBox())!;
    await page.mouse.move(box.x + 4.5 * zoom, box.y + 3.5 * zoom);
    await expect.poll(() => grid.getByTestId('pixel-value').textContent()).toBe('-60');
    expect(await grid.getByTestId('image-metrics').count()).toBe(0);
  });

  it('exports an image from the dialog as a PNG whose pixels are the exact bytes', async () => {
    await ui.openRun(ids[0]!);
    const grid = page.locator('[data-testid="image-grid"][data-grid="restoration"]');
    await grid.getByTestId('export-images').click();
    const dialog = page.getByTestId('image-export-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('image-export-choice').selectOption('image:ramp-colour');
    await dialog.locator('img').waitFor();
    const file = await ui.download(() => dialog.getByTestId('image-export-save').click());
    expect(file.filename).toBe(`${ids[0]}-ramp-colour.png`);
    const img = await loadImage(file.bytes);
    const ctx = createCanvas(img.width, img.height).getContext('2d');
    ctx.drawImage(img, 0, 0);
    const bytes = ctx.getImageData(0, 0, 16, 16).data;
    for (const [x, y] of [[0, 0], [3, 5], [15, 15], [7, 2]] as const) {
      expect(Array.from(bytes.subarray(4 * (16 * y + x), 4 * (16 * y + x) + 4))).toEqual([17 * x, 17 * y, (x + y) % 2 === 0 ? 255 : 0, 255]);
    }
  });

  it('compares two runs\' grids side by side, each with its own zoom', async () => {
    await page.evaluate((hash) => (location.hash = hash), `#/compare/${ids.join(',')}`);
    const row = page.locator('[data-testid="compare-image-row"][data-grid="restoration"]');
    await row.waitFor();
    const columns = row.getByTestId('compare-image-column');
    expect(await columns.evaluateAll((els) => els.map((e) => e.getAttribute('data-run-id')))).toEqual(ids);
    const [left, right] = [(await columns.nth(0).boundingBox())!, (await columns.nth(1).boundingBox())!];
    expect(right.x).toBeGreaterThan(left.x + left.width - 1);
    expect(Math.abs(right.y - left.y)).toBeLessThan(2);
    expect(await columns.nth(0).getByTestId('image-grid').getAttribute('data-zoom')).toBe('8');
    expect(await columns.nth(1).getByTestId('image-grid').getAttribute('data-zoom')).toBe('16');
    const small = columns.nth(1).locator('[data-image="ramp"]');
    const box = (await small.boundingBox())!;
    await page.mouse.move(box.x + 7.5 * 16, box.y + 0.5 * 16);
    // Eight columns: k = round(255·7/7) = 255, value 127.
    await expect.poll(() => columns.nth(1).getByTestId('pixel-value').textContent()).toBe('127');
    const degraded = (await columns.nth(1).locator('[data-image="ramp-degraded"]').boundingBox())!;
    await page.mouse.move(degraded.x + 3.5 * 16, degraded.y + 3.5 * 16);
    await expect.poll(() => columns.nth(1).getByTestId('image-metrics').textContent()).toBe('psnr 12.50 · ssim 0.4375');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}-compare.png`, fullPage: true });
  });
});
