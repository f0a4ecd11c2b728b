/**
 * Every kind in the app: a small run of each (the contract test's parameters) opens in the run
 * view with its charts, and the kinds that compare theory with a finite-size computation draw both
 * on the same axes of at least one chart. Screenshots: /tmp/limitlab-kind-<id>.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { kinds } from '../../core/models/registry.js';
import { QUICK } from '../core/models/quick-params.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { LibraryPage } from './workbench-page.js';

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: LibraryPage;

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(mkdtempSync(join(tmpdir(), 'limitlab-e2e-kinds-')), 'library.sqlite'), threads: 1 });
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1300, height: 1000 } }));
  ui = new LibraryPage(page);
});

afterAll(() => closeWorkbench({ browser, host, engine }));

/** Sources that stand for a finite-size computation beside the theory. */
const FINITE = new Set(['simulation', 'empirical', 'sde']);

describe('every kind in the app', () => {
  it.each(kinds.map((k) => [k.id] as const))('%s: a small run shows theory and its finite-size counterpart on the same axes', async (id) => {
    // Two replicas, or for a kind that counts its own repetitions (refused a replica count) its QUICK ones.
    const replicas = kinds.find((k) => k.id === id)!.repetitions ? 1 : 2;
    const run = await engine.call('runs:start', { kind: id, params: QUICK[id]![0]!, seed: 5, replicas, name: `small ${id}` });
    expect((await engine.service.whenSettled(run.id)).status).toBe('done');
    await ui.row(run.id).waitFor();
    await ui.openRun(run.id);
    const charts = page.locator(`[data-testid="run-view"][data-run-id="${run.id}"] [data-testid="run-chart"]`);
    await charts.first().waitFor();
    const sources = await charts.evaluateAll((els) => els.map((e) => (JSON.parse(e.getAttribute('data-series') ?? '[]') as { source: string }[]).map((s) => s.source)));
    expect(sources.length).toBeGreaterThan(0);
    const detail = await engine.call('runs:get', run.id);
    if ((detail?.result?.grids ?? []).length > 0) {
      // A kind whose results are pictures (mppm): every method's metric on a chart, and the grid of images beside it.
      expect(sources.some((list) => list.filter((s) => FINITE.has(s)).length >= 2), JSON.stringify(sources)).toBe(true);
      await page.locator(`[data-testid="run-view"][data-run-id="${run.id}"] [data-testid="image-grid"]`).first().waitFor();
    } else {
      expect(sources.some((list) => list.includes('theory') && list.some((s) => FINITE.has(s))), JSON.stringify(sources)).toBe(true);
    }
    await page.screenshot({ path: `/tmp/limitlab-kind-${id}.png` });
  }, 120_000);
});
