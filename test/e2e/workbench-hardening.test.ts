/**
 * The workbench as a new user meets it, in Chromium (see ./browser.ts) at 1024 × 768 through the
 * browser host, against the real engine and a temporary library: the layout holds with tagged runs,
 * row boxes tick, the Columns popover closes like a menu, parameter and scalar columns sort and
 * filter, search finds ids, the run form names its problems and hides fields that do not apply,
 * compare puts scalars side by side and warns about x axes, paper links open in a new tab, and a
 * page whose host restarted asks for the new address.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import { startHost, type Host } from '../../app/host/server.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { HardeningPage } from './workbench-page.js';

const SHOTS = '/tmp/limitlab-hardening';
const VIEWPORT = { width: 1024, height: 768 };

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: HardeningPage;
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-hardening-'));
const run = { slow: '', fast: '', dp: '' };
/** final_risk_theory of each run. */
const risk: Record<string, number> = {};

async function finishedRun(kind: string, params: Record<string, unknown>, name: string, tags: string[] = []): Promise<string> {
  const started = await engine.call('runs:start', { kind, params, seed: 1, replicas: 1, name });
  const final = await engine.service.whenSettled(started.id);
  expect(final.status, final.error ?? '').toBe('done');
  if (tags.length) await engine.call('runs:update', started.id, { tags });
  return started.id;
}

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1 });
  const tags = ['baseline-with-a-long-name', 'paper-figure-2-centre', 'least-squares', 'adagrad-norm-check'];
  run.slow = await finishedRun('sgd-glm', { d: 50, T: 0.5, sde: false, lr: { gamma: 0.5 } }, 'a run with a fairly long descriptive name, slow learning rate', tags);
  run.fast = await finishedRun('sgd-glm', { d: 50, T: 0.5, sde: false, lr: { gamma: 1.25 } }, 'fast learning rate', tags.slice(0, 2));
  run.dp = await finishedRun('dp-sgd', { d: 50 }, 'private run');
  for (const id of Object.values(run)) risk[id] = Number((await engine.call('runs:get', id))!.scalars.final_risk_theory);
  ({ host, browser, page } = await openWorkbench(engine, { viewport: VIEWPORT }));
  ui = new HardeningPage(page);
  await ui.row(run.slow).waitFor();
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('the workbench at 1024 × 768', () => {
  it('keeps the runs table inside its pane and the chart inside the window once runs have tags', async () => {
    await ui.openRun(run.slow);
    const canvas = page.locator('[data-testid="run-chart"] canvas').first();
    await canvas.waitFor();
    await canvas.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}-run.png` });
    const box = (await canvas.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height + 0.5); // sub-pixel layout
    expect(box.width).toBeGreaterThan(250);
    // Nothing in the run view is wider than its pane, so nothing had to be scrolled sideways into view.
    const view = await ui.contentPane();
    expect(view.scrollWidth, `run view ${view.scrollWidth}px in a pane of ${view.clientWidth}px`).toBeLessThanOrEqual(view.clientWidth);
    expect(view.scrollLeft).toBe(0);
    const pane = await ui.tablePane();
    expect(pane.tableWidth, `table ${pane.tableWidth}px in a pane of ${pane.paneWidth}px`).toBeLessThanOrEqual(pane.paneWidth);
    expect(pane.scrollWidth).toBeLessThanOrEqual(pane.paneWidth);
  });

  it('ticks a row box when it is clicked, and clears it on a second click', async () => {
    const box = ui.row(run.fast).getByTestId('row-select');
    await box.click();
    expect(await box.isChecked()).toBe(true);
    expect(await ui.row(run.fast).getAttribute('data-selected')).toBe('true');
    await box.click();
    expect(await box.isChecked()).toBe(false);
    expect(await ui.row(run.fast).getAttribute('data-selected')).toBe('false');
  });

  it('closes the Columns popover on Escape (focus back on its button) and on a click outside', async () => {
    const button = page.getByTestId('columns-button');
    const menu = page.getByTestId('columns-menu');
    await button.click();
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('columns-button');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    await menu.waitFor();
    await page.getByTestId('library-search').click();
    await menu.waitFor({ state: 'detached' });
  });

  it('adds parameter and scalar columns that sort (mouse and keyboard) and start a filter', async () => {
    const sidebar = await ui.sidebarWidth();
    await ui.showColumn('scalars.final_risk_theory');
    await ui.showColumn('params.lr.gamma');
    await page.keyboard.press('Escape');
    const gamma = ui.row(run.fast).getByTestId('cell-params.lr.gamma');
    expect(await gamma.textContent()).toBe('1.25');
    expect(Number(await ui.row(run.slow).getByTestId('cell-scalars.final_risk_theory').textContent())).toBeCloseTo(risk[run.slow]!, 4);
    expect(await ui.row(run.dp).getByTestId('cell-params.lr.gamma').textContent()).toBe('');

    await page.getByTestId('sort-params.lr.gamma').click();
    await ui.waitForOrder([run.slow, run.fast, run.dp]);
    await page.getByTestId('sort-params.lr.gamma').focus();
    await page.keyboard.press('Enter');
    await ui.waitForOrder([run.fast, run.slow, run.dp]);
    expect(await page.locator('th[aria-sort="descending"]').getAttribute('title')).toBe('params.lr.gamma');
    await page.screenshot({ path: `${SHOTS}-columns.png` });
    // More columns than fit scroll inside the pane; the pane keeps its width and the run view its room.
    expect(await ui.sidebarWidth()).toBe(sidebar);

    await page.getByTestId('filter-scalars.final_risk_theory').click();
    const where = page.getByTestId('filter-where');
    await expect(where.inputValue()).resolves.toBe('scalars.final_risk_theory ');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-where');
    await page.keyboard.type(`<= ${risk[run.slow]}`);
    await ui.waitForRows(Object.values(run).filter((id) => risk[id]! <= risk[run.slow]!));
  });

  it('filters on a scalar by name, and says so when no run has the field', async () => {
    const where = page.getByTestId('filter-where');
    await where.fill('final_risk_theory > 1000000');
    await ui.waitForRows([]);
    await where.fill('final_risk_nothing < 0.1');
    await expect(page.getByTestId('where-error').textContent()).resolves.toMatch(/unknown field "final_risk_nothing"/);
    await where.fill('');
    await ui.waitForRows([run.slow, run.fast, run.dp]);
  });

  it('finds a run by its id', async () => {
    await ui.search(run.dp);
    await ui.waitForRows([run.dp]);
    await ui.search('');
    await ui.waitForRows([run.slow, run.fast, run.dp]);
  });
});

describe('the run form', () => {
  it('names a bad seed beside the disabled Start button and takes the keyboard to it', async () => {
    await ui.openNewRun();
    await page.getByTestId('seed-input').fill('-3');
    const status = page.getByTestId('form-status');
    await expect(status.textContent()).resolves.toContain('seed: a whole number');
    expect(await status.textContent()).not.toContain('parameters valid');
    expect(await page.getByTestId('submit-run').isDisabled()).toBe(true);
    await page.getByTestId('form-status-problem').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('seed-input');
    await page.getByTestId('seed-input').fill('7');
    await page.waitForFunction(() => document.querySelector('[data-testid="form-status"]')?.textContent?.includes('parameters valid'));
  });

  it('names the parameter in the problem and links to its field', async () => {
    await ui.setField('lr.gamma', '-1');
    const problem = page.getByTestId('form-status-problem');
    await page.waitForFunction(() => /^lr\.gamma\b.*not allowed/.test(document.querySelector('[data-testid="form-status"]')?.textContent?.trim() ?? ''));
    await problem.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-lr.gamma');
    await ui.setField('lr.gamma', '1');
    await page.waitForFunction(() => document.querySelector('[data-testid="form-status"]')?.textContent?.includes('parameters valid'));
  });

  it('shows only the fields of the learning-rate policy and spectrum kind chosen', async () => {
    expect(await ui.field('lr.gamma').count()).toBe(1);
    expect(await ui.field('lr.t0').count()).toBe(0);
    expect(await ui.field('lr.eta').count()).toBe(0);
    await ui.setField('lr.policy', 'schedule');
    await ui.field('lr.t0').waitFor();
    expect(await ui.field('lr.power').count()).toBe(1);
    await ui.setField('lr.policy', 'adagrad_norm');
    await ui.field('lr.eta').waitFor();
    expect(await ui.field('lr.gamma').count()).toBe(0);
    await ui.setField('spectrum.kind', 'power_law');
    await ui.field('spectrum.beta').waitFor();
    expect(await ui.field('spectrum.hi').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}-form.png`, fullPage: true });
  });
});

describe('compare and papers', () => {
  it('puts scalars side by side and warns that sgd-glm and dp-sgd measure t differently', async () => {
    await page.goto(`${host.url.split('?')[0]}#/compare/${run.slow},${run.dp}`);
    await page.getByTestId('compare-view').waitFor();
    await page.getByTestId('compare-observable').selectOption('risk');
    const warning = page.getByTestId('xaxis-warning');
    await expect(warning.textContent()).resolves.toMatch(/t = steps \/ d.*t = k \/ n/);
    const row = page.locator('[data-testid="scalar-row"][data-name="final_risk_theory"]');
    expect(await row.locator('td').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}-compare.png`, fullPage: true });
  });

  it('opens paper links in a new tab without giving it the page (target=_blank, rel=noopener)', async () => {
    await page.getByTestId('nav-docs').click();
    const link = page.getByTestId('paper-link').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/arxiv\.org\/abs\//);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toMatch(/\bnoopener\b/);
  });
});

describe('a page whose host restarted', () => {
  it('says the host restarted instead of reconnecting forever, and opens the new address pasted', async () => {
    const port = host.port;
    await host.close();
    host = await startHost({ engine, port });
    const banner = page.getByTestId('host-lost');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.getAttribute('data-state')).toBe('expired');
    await expect(page.getByTestId('connection').textContent()).resolves.toContain('host restarted');
    await page.getByTestId('host-address').fill(`http://127.0.0.1:${port}/`);
    await page.getByTestId('host-address-open').click();
    await expect(page.getByTestId('host-address-error').textContent()).resolves.toMatch(/no token/);
    await page.getByTestId('host-address').fill(host.url);
    await page.getByTestId('host-address-open').click();
    await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('host-lost').count()).toBe(0);
  });
});
