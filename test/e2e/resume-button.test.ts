/**
 * An interrupted run in the app: a CLI run killed (kill -9) part way is shown as interrupted with
 * its stored parts, and its Resume button finishes it: the run ends done with the curves of an
 * uninterrupted run of the same seed. Screenshot: /tmp/limitlab-resume.png.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../app/engine/index.js';
import type { Host } from '../../app/host/server.js';
import { closeWorkbench, openWorkbench } from './workbench-host.js';
import { LibraryPage } from './workbench-page.js';

const BIN = resolve('bin/limitlab.js');
const RUN = ['run', 'sgd-glm', '--replicas', '6', '--seed', '11', '--set', 'T=120', '--set', 'sde=false', '--name', 'killed'];

let engine: Engine | undefined;
let host: Host | undefined;
let browser: Browser | undefined;
let page: Page;
afterAll(() => closeWorkbench({ browser, host, engine }));

function storedParts(db: string): number {
  if (!existsSync(db)) return 0;
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (conn.prepare('SELECT count(*) AS n FROM run_parts').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    conn.close();
  }
}

function seriesBytes(db: string, id: string): string {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = conn.prepare('SELECT x, y, band_lo, band_hi FROM series WHERE run_id = ? ORDER BY idx').all(id) as Record<string, Buffer | null>[];
    return rows.map((r) => [r.x, r.y, r.band_lo, r.band_hi].map((b) => (b ? b.toString('hex') : '-')).join(':')).join('|');
  } finally {
    conn.close();
  }
}

describe('the Resume button', () => {
  it('finishes a run killed part way, to the curves of an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-e2e-resume-'));
    const db = join(dir, 'library.sqlite');
    const child = spawn(process.execPath, [BIN, ...RUN, '--db', db], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, signal) => r(signal)));
    let ended = false;
    void exited.then(() => (ended = true));
    while (!ended && storedParts(db) < 2) await new Promise((r) => setTimeout(r, 30));
    expect(ended, 'the run ended before it was killed').toBe(false);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const stored = storedParts(db);

    engine = await createEngine({ dbPath: db, threads: 1 });
    const [run] = await engine.call('runs:list', {});
    expect(run!.interrupted?.partsDone).toBe(stored);
    ({ host, browser, page } = await openWorkbench(engine, { viewport: { width: 1300, height: 900 } }));
    const ui = new LibraryPage(page);
    await ui.openRun(run!.id);
    await expect.poll(() => page.getByTestId('run-interrupted').textContent()).toMatch(new RegExp(`with ${stored} of 7 parts stored`));
    await page.screenshot({ path: '/tmp/limitlab-resume.png' });
    await page.getByTestId('resume-run').click();
    await page.locator(`[data-testid="run-view"][data-status="done"]`).waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="run-chart"][data-name="risk"]').waitFor();
    expect(await page.getByTestId('run-interrupted').count()).toBe(0);

    const whole = spawnSync(process.execPath, [BIN, ...RUN, '--db', db, '--json'], { encoding: 'utf8' });
    expect(whole.status, whole.stderr).toBe(0);
    const wholeId = (JSON.parse(whole.stdout) as { id: string }).id;
    expect(seriesBytes(db, run!.id)).toBe(seriesBytes(db, wholeId));
  }, 240_000);
});
