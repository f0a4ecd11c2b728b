/**
 * The run and sweep forms in Chromium: for a kind that counts its own repetitions the replicas
 * field is disabled with the parameter that counts them, and a run started from the form is
 * stored with one replica; for a kind that takes replicas the field is as before.
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

beforeAll(async () => {
  engine = await createEngine({ dbPath: join(mkdtempSync(join(tmpdir(), 'limitlab-e2e-reps-')), 'library.sqlite'), threads: 1 });
  ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1400, height: 900 } }, false));
  ui = new WorkbenchPage(page);
  await page.goto(host.url);
});

afterAll(() => closeWorkbench({ browser, host, engine }));

describe('the replicas field', () => {
  it('is disabled with its hint for a Langevin kind, and the run it starts has one replica', async () => {
    await ui.openNewRun();
    await page.getByTestId('kind-select').selectOption('sgd-glm');
    await expect.poll(() => page.getByTestId('replicas-input').isEnabled()).toBe(true);
    await expect.poll(() => page.getByTestId('replicas-hint').count()).toBe(0);

    await page.getByTestId('kind-select').selectOption('grokking-modular');
    await expect.poll(() => page.getByTestId('replicas-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('replicas-hint').textContent()).toBe('Langevin chains come from langevin.chains');
    await ui.setField('modulus', '5');
    await ui.setField('N', '8');
    await ui.setField('langevin.chains', '2');
    await ui.setField('langevin.steps', '300');
    await ui.setField('langevin.burn_in', '100');
    await ui.setField('langevin.thin', '5');
    await expect.poll(() => page.getByTestId('submit-run').isEnabled()).toBe(true);
    await ui.submit();
    const id = await ui.currentRunId();
    const settled = await engine.service.whenSettled(id);
    expect(settled.status).toBe('done');
    expect(settled.replicas).toBe(1);
  });

  it('is disabled with its hint in the sweep form for a rate kind', async () => {
    await page.getByTestId('nav-new-sweep').click();
    await page.getByTestId('sweep-form').waitFor();
    await page.getByTestId('sweep-kind').selectOption('attention-pairwise');
    await expect.poll(() => page.getByTestId('sweep-replicas').isDisabled()).toBe(true);
    expect(await page.getByTestId('sweep-replicas-hint').textContent()).toBe('Repetitions come from reps');
  });
});
