/**
 * The Reproduction view in Chromium through the browser host against the real engine: it lists
 * the papers and their claims unchecked, runs the quick subset of one kind, shows every claim of
 * it reproduced with its measured value, and opens the run that answered a claim.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKind, kinds } from '../../core/models/registry.js';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-repro-'));

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 2 });
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 1000 } }));
});

afterAll(() => closeWorkbench({ browser, host, engine }));

const rows = (kind: string) => page.locator(`[data-testid="claim-row"][data-claim^="${kind}/"]`);

describe('the Reproduction view', () => {
  it('lists every paper with its claims, unchecked in a new library', async () => {
    await page.getByTestId('nav-reproduce').click();
    await page.getByTestId('reproduction-view').waitFor();
    await page.getByTestId('repro-paper').first().waitFor();
    const papers = await page.getByTestId('repro-paper').evaluateAll((els) => els.map((e) => e.getAttribute('data-paper')));
    const claimed = new Set(kinds.flatMap((k) => (k.claims ?? []).map((c) => c.paper)));
    expect([...papers].sort()).toEqual([...claimed].sort());
    expect(papers.length).toBeGreaterThanOrEqual(10);
    const statuses = await page.getByTestId('claim-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThanOrEqual(12);
    expect(new Set(statuses)).toEqual(new Set(['unchecked']));
    expect(page.url()).toMatch(/#\/reproduce$/);
  });

  it('checks the quick claims of one kind and shows each reproduced with its measured value', async () => {
    const quick = getKind('dp-sgd')!.claims!.filter((c) => c.quick).map((c) => `dp-sgd/${c.id}`);
    await page.getByTestId('repro-kind').selectOption('dp-sgd');
    await expect.poll(() => page.getByTestId('repro-paper').count()).toBe(1);
    await page.getByTestId('repro-check-quick').click();
    await page.waitForFunction(
      (keys) => keys.every((k) => document.querySelector(`[data-testid="claim-row"][data-claim="${k}"]`)?.getAttribute('data-status') === 'pass'),
      quick,
      { timeout: 150_000, polling: 500 },
    );
    const measured = await page.locator('[data-testid="claim-row"][data-claim="dp-sgd/isotropic-ode"] [data-testid="claim-measured"]').textContent();
    expect(Number(measured)).toBeCloseTo(0.179, 3);
    expect(await page.getByTestId('repro-summary').textContent()).toMatch(new RegExp(`${quick.length} reproduce · 0 do not`));
    expect(await rows('dp-sgd').count()).toBe(getKind('dp-sgd')!.claims!.length);
    await page.screenshot({ path: join(temp, 'reproduction.png'), fullPage: true });
  }, 180_000);

  it('opens the run that answered a claim', async () => {
    const row = page.locator('[data-testid="claim-row"][data-claim="dp-sgd/anisotropic-ode"]');
    await row.getByTestId('claim-open-run').click();
    await expect.poll(() => page.url()).toMatch(/#\/runs\/[0-9a-z-]+$/);
    const id = /#\/runs\/([0-9a-z-]+)$/.exec(page.url())![1]!;
    const run = engine.service.runs.summary(id)!;
    expect(run.tags).toContain('reproduce');
    expect(run.kind).toBe('dp-sgd');
  });
});
