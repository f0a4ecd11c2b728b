/**
 * The built engine entry (dist/electron/engine-entry.cjs) driven by the real EngineHost across a
 * process boundary, with the Node build of better-sqlite3. A Node child with a `parentPort` shim
 * stands in for Electron's utility process. Needs `npm run build` first.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../app/electron/bridge-channels.js';
import { EngineHost, type EngineChild } from '../../app/electron/engine-host.js';
import { encodeEngineOptions } from '../../app/electron/engine-protocol.js';

const root = path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'dist', 'electron', 'engine-entry.cjs');
const worker = path.join(root, 'dist', 'worker.cjs');
const shim = path.join(import.meta.dirname, 'fixtures', 'utility-process-shim.cjs');
/** Fails with the reason when the build is missing, instead of skipping. */
function requireBuild(): void {
  const missing = [entry, worker].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`not built: ${missing.map((f) => path.relative(root, f)).join(', ')} missing; run npm run build`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'limitlab-engine-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('engine entry in a child process', () => {
  it('is built: dist/electron/engine-entry.cjs and dist/worker.cjs exist (npm run build)', () => {
    expect(requireBuild).not.toThrow();
  });

  it('serves calls, pushes events, survives a crash and shuts down cleanly', async () => {
    requireBuild();
    const statuses: EngineStatus[] = [];
    const events: { event: string; payload: unknown }[] = [];
    const pids: number[] = [];
    const host = new EngineHost({
      spawn: (): EngineChild => {
        const child = fork(shim, [entry, encodeEngineOptions({ dbPath: path.join(dir, 'library.sqlite'), workerPath: worker, threads: 1 })], {
          serialization: 'advanced',
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
        pids.push(child.pid ?? -1);
        return {
          send: (message) => void child.send(message),
          onMessage: (listener) => void child.on('message', listener),
          onExit: (listener) => void child.on('exit', (code) => listener(code ?? -1)),
          kill: () => void child.kill('SIGKILL'),
        };
      },
      onEvent: (event, payload) => events.push({ event, payload }),
      onStatus: (status) => statuses.push(status),
      restartDelaysMs: [50],
    });

    host.start();
    await until(() => host.status.state === 'ready');

    const kinds = await host.call('kinds:list', []);
    expect(kinds.ok).toBe(true);
    expect(kinds.ok && (kinds.result as { id: string }[]).map((k) => k.id)).toContain('sgd-glm');

    const missing = await host.call('runs:get', ['no-such-run']);
    expect(missing).toEqual({ ok: true, result: null });

    const started = await host.call('runs:start', [{ kind: 'sgd-glm', name: 'engine entry test' }]);
    expect(started.ok).toBe(true);
    const runId = started.ok ? (started.result as { id: string }).id : '';
    await until(() => events.some((e) => e.event === 'run:status' && (e.payload as { id: string }).id === runId));
    expect((await host.call('runs:cancel', [runId])).ok).toBe(true);

    // A native crash or OOM in the engine: the host restarts it and calls work again.
    process.kill(pids[0]!, 'SIGKILL');
    await until(() => statuses.some((s) => s.state === 'restarting'));
    await until(() => host.status.state === 'ready' && pids.length === 2);
    const again = await host.call('kinds:list', []);
    expect(again.ok).toBe(true);

    await host.stop();
    expect(host.status.state).toBe('stopped');
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'ready', 'restarting', 'restarting', 'ready', 'stopped']);
  }, 90_000);
});
