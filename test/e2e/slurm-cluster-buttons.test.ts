/**
 * The sweep view's cluster buttons in Chromium against the real engine: "Export for a cluster"
 * writes a job folder for the sweep (a relative folder is refused in the dialog), the folder's
 * tasks run as Slurm runs them, and "Collect" imports it; the collected sweep opens with all its
 * points done and its heatmap.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { runTask, shardLibrary } from '../../app/engine/slurm/index.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';

const RESULTS = join(process.cwd(), 'test-results');
const temp = mkdtempSync(join(tmpdir(), 'limitlab-e2e-slurm-'));
let engine: Engine;
let host: Host;
let browser: Browser;
let page: Page;
let sweepId: string;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  engine = await createEngine({ dbPath: join(temp, 'library.sqlite'), threads: 1 });
  const sweep = await engine.call('sweeps:start', {
    kind: 'gmm-sgd', mode: 'grid', axes: [{ path: 'd', values: [30, 50] }, { path: 'lr.gamma', values: [0.5, 1] }], params: { T: 1 }, seed: 3, name: 'cluster sweep',
  });
  sweepId = sweep.id;
  for (const r of (await engine.call('sweeps:get', sweepId))!.runs) await engine.service.whenSettled(r.id);
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 900 } }, false));
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('cluster buttons of the sweep view', () => {
  it('export a job folder, and collect it back as a sweep', async () => {
    await page.goto(`${host.url}#/sweeps/${sweepId}`);
    await page.getByTestId('sweep-view').waitFor();
    await page.getByTestId('sweep-cluster-export').click();
    const dialog = page.getByTestId('cluster-dialog');
    await dialog.waitFor();

    await page.getByTestId('cluster-dir').fill('jobs/relative');
    await page.getByTestId('cluster-submit').click();
    await expect.poll(() => page.getByTestId('cluster-error').textContent()).toMatch(/absolute path/);

    const dir = join(temp, 'job folder');
    await page.getByTestId('cluster-dir').fill(dir);
    await page.getByTestId('cluster-partition').fill('short');
    await page.getByTestId('cluster-time').fill('00:10:00');
    await page.getByTestId('cluster-tasks').fill('2');
    await page.screenshot({ path: join(RESULTS, 'slurm-export-dialog.png') });
    await page.getByTestId('cluster-submit').click();
    await page.getByTestId('cluster-written').waitFor();
    expect(await page.getByTestId('cluster-written').innerText()).toMatch(/4 points in 2 array tasks/);
    const script = readFileSync(join(dir, 'job.sbatch'), 'utf8');
    expect(script).toContain('#SBATCH --partition=short');
    expect(script).toContain('#SBATCH --time=00:10:00');
    expect(existsSync(join(dir, 'sweep.json'))).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The cluster's part: each array task computes its share into its shard.
    for (const task of [0, 1]) {
      await runTask({ dir, task, shardPath: shardLibrary(dir, task), open: (path) => createEngine({ dbPath: path, threads: 1, createFolder: false }), env: { SLURM_ARRAY_JOB_ID: '12', SLURM_ARRAY_TASK_ID: String(task) } });
    }

    await page.getByTestId('sweep-cluster-collect').click();
    await page.getByTestId('cluster-dir').fill(dir);
    await page.getByTestId('cluster-submit').click();
    await page.getByTestId('cluster-collected').waitFor();
    expect(await page.getByTestId('cluster-collected').innerText()).toMatch(/Imported 4 runs:\s+4 of 4 points are done/);
    await page.screenshot({ path: join(RESULTS, 'slurm-collect-dialog.png') });
    await page.getByTestId('cluster-open').click();

    const collected = page.locator(`[data-testid="sweep-view"][data-sweep-id]:not([data-sweep-id="${sweepId}"])`);
    await collected.waitFor();
    await expect.poll(() => collected.getAttribute('data-done')).toBe('4');
    expect(await page.getByTestId('sweep-point').count()).toBe(4);
    await page.screenshot({ path: join(RESULTS, 'slurm-collected-sweep.png'), fullPage: true });
  });
});
