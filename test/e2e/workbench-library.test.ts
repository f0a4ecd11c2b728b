/**
 * The workbench in Chromium (see ./browser.ts) through the browser host, against the real engine and a
 * temporary library: tag, search and filter the runs table; compare two runs with linked axes and
 * the differences-only parameter table; run a 3×2 sweep from the UI and read its heatmap; export
 * figures (SVG, PDF, PNG) and check the files; export a bundle and import it into a fresh library
 * bit for bit; refuse a malformed bundle and import nothing.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import { startHost, type Host } from '../../app/host/server.js';
import { readPdf, renderPdfPage } from '../support/pdf.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { LibraryPage } from './workbench-page.js';

const RESULTS = join(process.cwd(), 'test-results');
const TINY = { d: 50, T: 0.5 };

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: LibraryPage;
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-lib-'));

/** Runs made through the engine (the UI parts under test are the table, compare and export). */
const run = { slow: '', fast: '', fastSeed2: '' };

async function finishedRun(params: Record<string, unknown>, seed: number, name: string): Promise<string> {
  const started = await engine.call('runs:start', { kind: 'sgd-glm', params: { ...TINY, ...params }, seed, replicas: 2, name });
  const final = await engine.service.whenSettled(started.id);
  expect(final.status).toBe('done');
  return started.id;
}

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1 });
  run.slow = await finishedRun({ lr: { gamma: 0.5 } }, 1, 'slow learning rate');
  run.fast = await finishedRun({ lr: { gamma: 1.25 } }, 1, 'fast learning rate');
  run.fastSeed2 = await finishedRun({ lr: { gamma: 1.25 } }, 2, 'fast learning rate');
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1500, height: 950 }, acceptDownloads: true }));
  ui = new LibraryPage(page);
  await ui.row(run.slow).waitFor();
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('the library, compare, sweeps and export in Chromium', () => {
  it('tags and annotates a run, finds it by full-text search, and filters by tag, status and a parameter expression', async () => {
    await ui.openRun(run.slow);
    await ui.addTag('baseline');
    await ui.addTag('paper-fig2');

    // Notes are Markdown, rendered as text: markup becomes elements, HTML stays text.
    await page.getByTestId('notes-edit').click();
    await page.getByTestId('notes-textarea').fill('Checks the **noise floor**.\n\n- one\n- two <img src=x onerror="window.__pwned=1">');
    await page.getByTestId('notes-save').click();
    const notes = page.getByTestId('notes-rendered');
    await notes.locator('strong', { hasText: 'noise floor' }).waitFor();
    expect(await notes.locator('li').count()).toBe(2);
    expect(await notes.locator('img').count()).toBe(0);
    expect(await notes.textContent()).toContain('<img src=x');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Rename inline.
    await page.getByTestId('rename-run').click();
    await page.getByTestId('rename-input').fill('baseline γ = 0.5');
    await page.getByTestId('rename-input').press('Enter');
    await expect(page.getByTestId('run-name').textContent()).resolves.toBe('baseline γ = 0.5');

    // Full-text search over names, notes and tags (the `/` shortcut focuses the box).
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('library-search');
    await page.keyboard.type('floor');
    await ui.waitForRows([run.slow]);
    await ui.search('paper');
    await ui.waitForRows([run.slow]);
    await ui.search('learning');
    await ui.waitForRows([run.fast, run.fastSeed2]);
    await ui.search('');
    await ui.waitForRows([run.slow, run.fast, run.fastSeed2]);

    // Filters: tag, status, parameter expression; a bad expression shows the engine's message.
    await ui.openFilters();
    await page.getByTestId('filter-tag').fill('baseline');
    await ui.waitForRows([run.slow]);
    await page.getByTestId('filter-tag').fill('');
    await page.getByTestId('filter-status').selectOption('done');
    await ui.waitForRows([run.slow, run.fast, run.fastSeed2]);
    await page.getByTestId('filter-where').fill('lr.gamma > 1');
    await ui.waitForRows([run.fast, run.fastSeed2]);
    await page.getByTestId('filter-where').fill('lr.gamma >>> 1');
    await page.getByTestId('where-error').waitFor();
    expect(await page.getByTestId('where-error').textContent()).toMatch(/the filter "lr\.gamma >>> 1"/);
    await page.getByTestId('filter-where').fill('lr.gamma < 1; d = 50');
    await ui.waitForRows([run.slow]);
    await expect(page.getByTestId('where-error').count()).resolves.toBe(0);
    await page.getByTestId('filter-where').fill('');
    await page.getByTestId('filter-status').selectOption('');
    await ui.waitForRows([run.slow, run.fast, run.fastSeed2]);

    // Sort by name (ascending on the first click).
    await page.getByTestId('sort-name').click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"] [data-testid="sort-name"]') !== null);
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="run-row"]')?.getAttribute('data-run-id') === id,
      run.slow,
    );
    await page.screenshot({ path: join(RESULTS, 'library-table.png') });
  });

  it('moves a run to the trash after confirmation and brings it back with Undo', async () => {
    await ui.openRun(run.fastSeed2);
    await page.getByTestId('delete-run').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-ok').click();
    await ui.waitForRows([run.slow, run.fast]);
    await page.getByTestId('run-in-trash').waitFor();
    await page.getByTestId('tab-trash').click();
    await ui.waitForRows([run.fastSeed2]);
    await page.getByTestId('tab-runs').click();
    await ui.waitForRows([run.slow, run.fast]);
    await page.getByTestId('toast-action').click();
    await ui.waitForRows([run.slow, run.fast, run.fastSeed2]);
    expect((await engine.call('runs:query', { deleted: true })).total).toBe(0);
  });

  it('compares two runs side by side with linked axes, an overlay and the differences-only table', async () => {
    await ui.select([run.slow, run.fast]);
    await page.locator('body').click({ position: { x: 900, y: 10 } });
    await page.keyboard.press('c');
    const view = page.getByTestId('compare-view');
    await view.waitFor();
    await page.getByTestId('param-table').waitFor();
    await page.getByTestId('compare-observable').selectOption('risk');

    // Differences only: the learning rate is the one parameter that differs; the group keys differ.
    const differing = await page.getByTestId('param-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));
    expect(differing).toEqual(['lr.gamma']);
    const keys = await page.getByTestId('group-key').allTextContents();
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    await page.getByTestId('diff-only').uncheck();
    const all = await page.getByTestId('param-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-path'), r.getAttribute('data-differs')]));
    expect(all.length).toBeGreaterThan(5);
    expect(all).toContainEqual(['d', 'false']);
    expect(all).toContainEqual(['lr.gamma', 'true']);

    // Discrepancy readout per run.
    const gaps = await page
      .locator('[data-testid="discrepancy-row"][data-name="risk"]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-run-id'), Number(r.getAttribute('data-max-rel'))]));
    expect(gaps.map((g) => g[0]).sort()).toEqual([run.slow, run.fast].sort());
    for (const [, rel] of gaps) expect(rel).toBeGreaterThan(0);

    // Linked axes: both panels share their x and y ranges and follow one log toggle.
    const panels = page.getByTestId('compare-panel');
    await expect(panels.count()).resolves.toBe(2);
    const scales = async () => panels.evaluateAll((els) => els.map((e) => [e.getAttribute('data-scale-x'), e.getAttribute('data-scale-y'), e.getAttribute('data-log-y')]));
    const before = await scales();
    expect(before[0]).toEqual(before[1]);
    await page.getByTestId('compare-log-y').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="compare-panel"]')].every((e) => e.getAttribute('data-log-y') !== null));
    const after = await scales();
    expect(after[0]).toEqual(after[1]);
    expect(after[0]![2]).not.toBe(before[0]![2]);

    // One overlay chart with both runs' theory and simulation.
    const overlay = JSON.parse((await page.getByTestId('overlay-chart').getAttribute('data-series')) ?? '[]') as { label: string }[];
    const labels = overlay.map((s) => s.label);
    expect(labels.some((l) => l.startsWith('baseline γ = 0.5'))).toBe(true);
    expect(labels.some((l) => l.startsWith('fast learning rate'))).toBe(true);
    // The whole view in one picture: a viewport as tall as the page.
    const height = await view.evaluate((el) => Math.ceil(el.getBoundingClientRect().height) + 120);
    await page.setViewportSize({ width: 1500, height: Math.max(950, height) });
    await page.getByTestId('compare-panel').first().waitFor();
    await page.screenshot({ path: join(RESULTS, 'compare-view.png') });
    await page.setViewportSize({ width: 1500, height: 950 });
  });

  it('exports the overlay as SVG, the compare grid as vector PDF and a run chart as PNG of the requested size', async () => {
    // SVG: parses, keeps the axis label and the legend as text.
    const svg = await ui.exportFigure(page.getByTestId('overlay-chart').getByTestId('export-chart'), { format: 'svg', title: 'Two learning rates' });
    expect(svg.filename).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/<svg[\s>]/);
    expect(text).toContain('</svg>');
    expect(text).toContain('Two learning rates');
    expect(text).toContain('t = steps / d');
    expect(text).toContain('fast learning rate');
    expect(text).toMatch(/theory/);

    // PDF: vector (text extractable, no embedded raster), rendered to a PNG to look at.
    const pdf = await ui.exportFigure(page.getByTestId('export-compare-grid'), { format: 'pdf', widthMm: 170, heightMm: 70 });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const content = await readPdf(pdf.bytes);
    expect(content.pages).toBe(1);
    for (const words of ['risk', 't = steps / d', 'fast learning rate', 'baseline γ = 0.5']) expect(content.text).toContain(words);
    expect(content.paths).toBeGreaterThan(0);
    expect(content.images).toBe(0);
    writeFileSync(join(RESULTS, 'exported-compare-pdf.png'), await renderPdfPage(pdf.bytes, 110));

    // PNG from a single run's chart: 84.667 mm × 63.5 mm at 96 dpi × 2 = 640 × 480 px.
    await ui.openRun(run.slow);
    const png = await ui.exportFigure(page.locator('[data-testid="run-chart"][data-name="risk"]').getByTestId('export-chart'), { format: 'png', widthMm: 84.667, heightMm: 63.5, scale: 2 });
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBe(640);
    expect(png.bytes.readUInt32BE(20)).toBe(480);
    writeFileSync(join(RESULTS, 'exported-run.png'), png.bytes);
  });

  it('runs a 3×2 sweep from the sweep form and shows its heatmap', async () => {
    await page.getByTestId('nav-new-sweep').click();
    const form = page.getByTestId('sweep-form');
    await form.waitFor();
    await ui.setField('d', String(TINY.d));
    await ui.setField('T', String(TINY.T));
    await page.getByTestId('sweep-replicas').fill('1');
    await page.getByTestId('sweep-name').fill('phase diagram');
    await page.getByTestId('sweep-axis-path-0').selectOption('lr.gamma');
    await page.getByTestId('sweep-axis-values-0').fill('0.5, 1, 1.5');
    await page.getByTestId('sweep-add-axis').click();
    await page.getByTestId('sweep-axis-path-1').selectOption('noise');
    await page.getByTestId('sweep-axis-values-1').fill('0, 0.5');
    await page.waitForFunction(() => document.querySelector('[data-testid="sweep-count"]')?.getAttribute('data-count') === '6');
    await page.waitForFunction(() => !(document.querySelector('[data-testid="sweep-submit"]') as HTMLButtonElement | null)?.disabled);
    await page.getByTestId('sweep-submit').click();

    const view = page.getByTestId('sweep-view');
    await view.waitFor();
    await page.locator('[data-testid="sweep-view"][data-done="6"][data-state="settled"]').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('sweep-progress').getAttribute('aria-valuenow')).resolves.toBe('100');
    await page.locator('[data-testid="sweep-item"]', { hasText: 'phase diagram' }).waitFor();
    // Every point ran with its own values.
    const sweepId = (await view.getAttribute('data-sweep-id'))!;
    const detail = (await engine.call('sweeps:get', sweepId))!;
    expect(detail.total).toBe(6);
    for (const r of detail.runs) {
      const params = (await engine.call('runs:get', r.id))!.params as { d: number; noise: number; lr: { gamma: number } };
      expect([params.lr.gamma, params.noise, params.d]).toEqual([r.sweepPoint!['lr.gamma'], r.sweepPoint!['noise'], TINY.d]);
    }
    await page.getByTestId('sweep-scalar').selectOption('final_risk_theory');
    const heat = page.getByTestId('sweep-heatmap');
    await heat.waitFor();
    await page.waitForFunction(() => {
      const z = JSON.parse(document.querySelector('[data-testid="sweep-heatmap"]')?.getAttribute('data-z') ?? '[]') as (number | null)[][];
      return z.length === 2 && z.every((row) => row.length === 3 && row.every((v) => typeof v === 'number'));
    });
    expect(JSON.parse((await heat.getAttribute('data-x')) ?? '[]')).toEqual([0.5, 1, 1.5]);
    expect(JSON.parse((await heat.getAttribute('data-y')) ?? '[]')).toEqual([0, 0.5]);
    // The line summary beside it: the scalar against the first swept parameter, one curve per noise level,
    // with the critical learning rate 2/mean(lambda) = 2 marked.
    const line = JSON.parse((await page.getByTestId('sweep-line-chart').getAttribute('data-series')) ?? '[]') as { label: string }[];
    expect(line.map((s) => s.label)).toEqual(expect.arrayContaining(['noise=0', 'noise=0.5']));
    expect(line.some((s) => /γ_c/.test(s.label))).toBe(true);
    await page.waitForTimeout(300); // the progress bar's transition
    await page.screenshot({ path: join(RESULTS, 'sweep-heatmap.png') });

    const svg = await ui.exportFigure(page.getByTestId('export-heatmap'), { format: 'svg' });
    const text = svg.bytes.toString('utf8');
    expect(text).toContain('lr.gamma');
    expect(text).toContain('noise');

    // One figure with a panel per scalar against the chosen axis, lettered.
    const panels = await ui.exportFigure(page.getByTestId('export-sweep-panels'), { format: 'svg' });
    const panelText = panels.bytes.toString('utf8');
    expect(panelText).toMatch(/width="174(\.0+)?mm"/);
    for (const letter of ['(a)', '(b)']) expect(panelText).toContain(letter);
    expect(panelText).toContain('final_risk_theory');
  });

  it('exports a bundle from the UI that a fresh library imports bit for bit, and refuses a malformed one', async () => {
    await page.getByTestId('tab-runs').click();
    await ui.row(run.slow).waitFor();
    if (await page.getByTestId('clear-selection').isVisible()) await page.getByTestId('clear-selection').click();
    await ui.select([run.slow, run.fast]);
    const bundle = await ui.download(() => page.getByTestId('export-bundle').click());
    const bundlePath = join(temp, bundle.filename);
    writeFileSync(bundlePath, bundle.bytes);

    // CSV of the same selection, long format.
    const csv = (await ui.download(() => page.getByTestId('export-csv').click())).bytes.toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('run_id,kind,series,source,label,replica,x,y,band_kind,band_lo,band_hi');
    expect(new Set(csv.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set([run.slow, run.fast]));

    const other = await createEngine({ dbPath: join(mkdtempSync(join(tmpdir(), 'limitlab-e2e-fresh-')), 'library.sqlite'), threads: 1 });
    const otherHost = await startHost({ engine: other, port: 0 });
    const fresh = await browser.newPage({ viewport: { width: 1300, height: 850 } });
    try {
      const freshUi = new LibraryPage(fresh);
      await fresh.goto(otherHost.url);
      await fresh.getByTestId('runs-table').waitFor();

      // A malformed bundle first: refused with the engine's message, nothing imported.
      const doc = JSON.parse(bundle.bytes.toString('utf8'));
      doc.runs[1].params.d = 1;
      const badPath = join(temp, 'tampered.limitlab.json');
      writeFileSync(badPath, JSON.stringify(doc));
      await fresh.getByTestId('bundle-file-input').setInputFiles(badPath);
      await fresh.getByTestId('import-error').waitFor();
      expect(await fresh.getByTestId('import-error').textContent()).toMatch(/run 2/);
      await fresh.getByTestId('import-close').click();
      const junkPath = join(temp, 'junk.limitlab.json');
      writeFileSync(junkPath, 'not a bundle');
      await fresh.getByTestId('bundle-file-input').setInputFiles(junkPath);
      await fresh.getByTestId('import-error').waitFor();
      expect(await fresh.getByTestId('import-error').textContent()).toMatch(/not valid JSON/);
      await fresh.screenshot({ path: join(RESULTS, 'import-refused.png') });
      await fresh.getByTestId('import-close').click();
      expect((await other.call('runs:query', {})).total).toBe(0);

      // The real bundle: both runs, with the same series bit for bit.
      await fresh.getByTestId('bundle-file-input').setInputFiles(bundlePath);
      await fresh.getByTestId('import-result').waitFor();
      expect(await fresh.getByTestId('import-result').textContent()).toMatch(/Imported 2 runs/);
      await fresh.getByTestId('import-close').click();
      await freshUi.waitForRows([run.slow, run.fast]);
      for (const id of [run.slow, run.fast]) {
        const a = (await engine.call('runs:get', id))!;
        const b = (await other.call('runs:get', id))!;
        expect(b.params).toEqual(a.params);
        expect(b.paramsHash).toBe(a.paramsHash);
        expect(b.result!.series.length).toBe(a.result!.series.length);
        a.result!.series.forEach((s, i) => {
          const t = b.result!.series[i]!;
          expect(Buffer.from(t.x.buffer).equals(Buffer.from(s.x.buffer))).toBe(true);
          expect(Buffer.from(t.y.buffer).equals(Buffer.from(s.y.buffer))).toBe(true);
        });
      }
      // What the page draws is the same too.
      await freshUi.openRun(run.slow);
      expect(await freshUi.chartSeries('risk')).toEqual(await (async () => {
        await ui.openRun(run.slow);
        return ui.chartSeries('risk');
      })());
    } finally {
      await fresh.close();
      await otherHost.close();
      await other.close();
    }
  });

  it('remembers the theme and the table columns across a reload', async () => {
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-seed').check();
    await page.reload();
    await ui.row(run.slow).waitFor();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await expect(page.locator('[data-testid="runs-table"] th', { hasText: 'Seed' }).count()).resolves.toBe(1);
    await ui.select([run.fast, run.fastSeed2]);
    await page.getByTestId('aggregate-selected').click();
    await page.getByTestId('aggregate-view').waitFor();
    await page.getByTestId('band-minmax').click();
    await page.locator('[data-testid="aggregate-view"][data-band="minmax"] [data-testid="aggregate-chart"][data-name="risk"]').waitFor();
    await page.screenshot({ path: join(RESULTS, 'aggregate-dark.png') });
  });
});
