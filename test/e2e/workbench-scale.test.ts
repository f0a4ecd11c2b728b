/**
 * A library of 10 000 runs in Chromium: the table asks the engine for one page at a time (never the
 * whole library), and searching, filtering, sorting and paging each come back quickly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { FinishedRun } from '../../app/engine/library/runs.js';
import type { Host } from '../../app/host/server.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { LibraryPage } from './workbench-page.js';

const RUNS = 10_000;

let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let ui: LibraryPage;
/** Every `runs:query` the page sent, and any `runs:list`. */
const queries: { limit?: number }[] = [];
let lists = 0;

function syntheticRun(i: number): FinishedRun {
  const gamma = 0.1 + (i % 20) * 0.1;
  const params = { d: 100 + (i % 7), T: 1, lr: { policy: 'constant', gamma } };
  const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id: `bulk-${String(i).padStart(5, '0')}`,
    kind: 'sgd-glm',
    name: `bulk run ${i}${i % 1000 === 7 ? ' needle' : ''}`,
    status: 'done',
    paramsJson: JSON.stringify(params),
    paramsHash: `h${i % 500}`,
    seed: i,
    replicas: 1,
    rng: 'test',
    solver: {},
    appVersion: 'test',
    createdAt: created,
    startedAt: created,
    finishedAt: created,
    durationMs: i % 997,
    error: null,
    notes: i % 2500 === 0 ? 'a **milestone** run' : '',
    tags: i % 100 === 0 ? ['hundred'] : [],
    scalars: {},
    resultNotes: [],
    series: [],
  };
}

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(mkdtempSync(join(tmpdir(), 'limitlab-e2e-scale-')), 'library.sqlite'), threads: 1 });
  engine.service.runs.insertFinished(Array.from({ length: RUNS }, (_, i) => syntheticRun(i)));
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 900 } }, false));
  page.on('request', (req) => {
    const url = decodeURIComponent(req.url());
    if (url.includes('/api/call/runs:query')) {
      const body = req.postData() ?? '';
      const limit = /"limit":(\d+)/.exec(body);
      queries.push(limit ? { limit: Number(limit[1]) } : {});
    }
    if (url.includes('/api/call/runs:list')) lists++;
  });
  ui = new LibraryPage(page);
}, 120_000);

afterAll(() => closeWorkbench({ browser, host, engine }));

/** The id of the first run by name (the table's order once sorted by name) among those matching. */
function firstByName(match: (run: FinishedRun) => boolean): { id: string; count: number } {
  const runs = Array.from({ length: RUNS }, (_, i) => syntheticRun(i)).filter(match);
  runs.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  return { id: runs[0]!.id, count: runs.length };
}

/** Time from an action to the first row showing `id`. */
async function timed(action: () => Promise<unknown>, firstId: string): Promise<number> {
  const started = Date.now();
  await action();
  await page.waitForFunction((id) => document.querySelector('[data-testid="run-row"]')?.getAttribute('data-run-id') === id, firstId, { timeout: 10_000 });
  return Date.now() - started;
}

describe('a library of 10 000 runs', () => {
  it('shows one page at a time and searches, filters, sorts and pages quickly', async () => {
    const started = Date.now();
    await page.goto(host.url);
    await page.waitForFunction(() => document.querySelector('[data-testid="page-info"]')?.getAttribute('data-total') === '10000');
    const firstPaint = Date.now() - started;
    expect(await ui.runRows().count()).toBe(50);
    expect(await page.getByTestId('page-info').textContent()).toMatch(/1–50 of 10\s?000/);
    // Newest first.
    expect((await ui.visibleRunIds())[0]).toBe('bulk-09999');

    const times: Record<string, number> = { firstPaint };
    times.next = await timed(() => page.getByTestId('page-next').click(), 'bulk-09949');
    times.sortByName = await timed(() => page.getByTestId('sort-name').click(), 'bulk-00000');
    const needle = firstByName((r) => r.name.includes('needle'));
    times.search = await timed(() => ui.search('needle'), needle.id);
    expect(await ui.runRows().count()).toBe(needle.count);
    await ui.search('');
    await ui.openFilters();
    const fast = firstByName((r) => {
      const p = JSON.parse(r.paramsJson) as { d: number; lr: { gamma: number } };
      return p.lr.gamma > 1.95 && p.d === 100;
    });
    times.where = await timed(() => page.getByTestId('filter-where').fill('lr.gamma > 1.95; d = 100'), fast.id);
    await page.waitForFunction((n) => document.querySelector('[data-testid="page-info"]')?.getAttribute('data-total') === String(n), fast.count);

    // Never the whole library: every query asked for one page.
    expect(lists).toBe(0);
    expect(queries.length).toBeGreaterThan(3);
    for (const q of queries) expect(q.limit).toBeLessThanOrEqual(200);
    console.log('10 000 runs, ms:', JSON.stringify(times));
    for (const [what, ms] of Object.entries(times)) expect(ms, what).toBeLessThan(3000);
  });
});
