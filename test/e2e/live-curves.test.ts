/**
 * A long run draws its curves while it computes: the run view shows each running part's curve so
 * far, marked provisional, growing from one redraw to the next; when the run ends the stored result
 * replaces them. Screenshot: /tmp/limitlab-live-curves.png.
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
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-live-'));

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1 });
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1300, height: 950 } }));
  ui = new LibraryPage(page);
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('live curves', () => {
  it('grow in the run view while the run computes, say they are provisional, and give way to the result', async () => {
    // Each SGD replica reports its risk so far about ten times; one thread runs the replicas in turn.
    const run = await engine.call('runs:start', {
      kind: 'sgd-glm', params: { d: 3000, T: 40, grid: 200, sde: false }, seed: 4, replicas: 2, name: 'a long run',
    });
    await ui.row(run.id).waitFor();
    await ui.openRun(run.id);
    const live = page.locator('[data-testid="live-chart"][data-name="risk"]');
    await live.waitFor({ timeout: 60_000 });
    await expect.poll(async () => page.getByTestId('live-provisional').textContent()).toMatch(/provisional, not stored/);
    const labels = JSON.parse((await live.getAttribute('data-series'))!) as { label: string }[];
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => l.label.endsWith('(so far)'))).toBe(true);

    const first = Number(await live.getAttribute('data-points'));
    await expect.poll(async () => Number(await live.getAttribute('data-points')), { timeout: 60_000, interval: 100 }).toBeGreaterThan(first);
    expect(await page.locator('[data-testid="run-view"]').getAttribute('data-status')).toBe('running');
    await page.screenshot({ path: '/tmp/limitlab-live-curves.png' });

    expect((await engine.service.whenSettled(run.id)).status).toBe('done');
    await page.locator('[data-testid="run-chart"][data-name="risk"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('live-results').count()).toBe(0);
    const final = JSON.parse((await page.locator('[data-testid="run-chart"][data-name="risk"]').getAttribute('data-series'))!) as { label: string }[];
    expect(final.some((l) => l.label.includes('so far'))).toBe(false);
  }, 180_000);
});
