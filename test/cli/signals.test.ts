/**
 * Ctrl+C pressed twice in quick succession (or SIGTERM then Ctrl+C) on a long run or sweep: the
 * command exits with status 1 only after the library records the work as cancelled.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/limitlab.js');
/** A minute or more of work: still running when the signals arrive (it is cancelled long before the end). */
const LONG = ['--set', 'd=1000', '--set', 'T=2000'];

beforeAll(() => {
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('build first: npm run build');
});

/** Starts the command, waits until stderr shows `ready`, sends the signals `gapMs` apart; resolves with the exit. */
async function interrupt(args: string[], ready: RegExp, signals: NodeJS.Signals[], gapMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  await new Promise<void>((r, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      if (ready.test(stderr)) r();
    });
    void exited.then(() => reject(new Error(`the command ended before it was interrupted: ${stderr}`)));
  });
  for (const [i, signal] of signals.entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, gapMs));
    child.kill(signal);
  }
  const exit = await exited;
  return { ...exit, stderr };
}

function listRuns(db: string): { status: string }[] {
  const res = spawnSync(process.execPath, [BIN, 'list', '--json', '--db', db], { encoding: 'utf8' });
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout).runs;
}

describe('interrupting the command', () => {
  it.each([
    [['SIGINT', 'SIGINT'], 3],
    [['SIGINT', 'SIGINT'], 50],
    [['SIGTERM', 'SIGINT'], 3],
    [['SIGINT', 'SIGINT', 'SIGINT'], 3],
  ] as [NodeJS.Signals[], number][])('run: %j %d ms apart exit 1 with the run recorded as cancelled', async (signals, gapMs) => {
    const db = join(mkdtempSync(join(tmpdir(), 'limitlab-signal-')), 'library.sqlite');
    const res = await interrupt(['run', 'sgd-glm', ...LONG, '--db', db], /%/, signals, gapMs);
    expect(res.signal, res.stderr).toBeNull();
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/cancelled/);
    const runs = listRuns(db);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('cancelled');
  });

  it.each([3, 50])('sweep: two SIGINTs %d ms apart exit 1 with every run of the sweep recorded as cancelled', async (gapMs) => {
    const db = join(mkdtempSync(join(tmpdir(), 'limitlab-signal-')), 'library.sqlite');
    const res = await interrupt(['sweep', 'sgd-glm', ...LONG, '--grid', 'noise=0,0.1', '--db', db], /sweep [0-9a-z-]+: 2 runs/, ['SIGINT', 'SIGINT'], gapMs);
    expect(res.signal, res.stderr).toBeNull();
    expect(res.code, res.stderr).toBe(1);
    const runs = listRuns(db);
    expect(runs).toHaveLength(2);
    expect(runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });
});
