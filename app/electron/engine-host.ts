/**
 * Main-process side of the engine utility process: spawns it, correlates calls with results,
 * forwards its events, and restarts it with backoff when it dies. Electron-free: the process is
 * reached through the injected `spawn()`, so tests drive it with a fake child.
 */
import type { Channel } from '../api.js';
import type { EngineState, EngineStatus } from './bridge-channels.js';
import { errorEnvelope, type Envelope } from './envelope.js';
import { isEngineToHost, type EngineToHost, type HostToEngine } from './engine-protocol.js';

/** What the host needs of a spawned engine process. */
export interface EngineChild {
  send(message: HostToEngine): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EngineHostOptions {
  spawn: () => EngineChild;
  onEvent: (event: string, payload: unknown) => void;
  onStatus?: (status: EngineStatus) => void;
  /** Delay before the n-th consecutive restart; after the last one the host gives up. */
  restartDelaysMs?: readonly number[];
  /** An engine that stayed up this long resets the consecutive-restart count. */
  stableAfterMs?: number;
  /** A call with no answer after this long resolves to an `internal` error. */
  callTimeoutMs?: number;
  /** How long `stop()` waits for a clean exit before killing the process. */
  shutdownTimeoutMs?: number;
  timers?: Timers;
  now?: () => number;
  log?: (message: string) => void;
}

interface Pending {
  resolve: (envelope: Envelope) => void;
  timer: unknown;
  channel: string;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class EngineHost {
  private readonly spawnChild: () => EngineChild;
  private readonly onEvent: (event: string, payload: unknown) => void;
  private readonly onStatus: (status: EngineStatus) => void;
  private readonly restartDelaysMs: readonly number[];
  private readonly stableAfterMs: number;
  private readonly callTimeoutMs: number;
  private readonly shutdownTimeoutMs: number;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  private child: EngineChild | null = null;
  private generation = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private state: EngineState = 'stopped';
  private message: string | undefined;
  private restarts = 0;
  private readyAt: number | null = null;
  private fatalMessage: string | null = null;
  private restartTimer: unknown = null;
  private stopping = false;
  private stopWaiters: (() => void)[] = [];

  constructor(options: EngineHostOptions) {
    this.spawnChild = options.spawn;
    this.onEvent = options.onEvent;
    this.onStatus = options.onStatus ?? (() => {});
    this.restartDelaysMs = options.restartDelaysMs ?? [250, 1000, 3000, 10_000];
    this.stableAfterMs = options.stableAfterMs ?? 30_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 120_000;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
    this.timers = options.timers ?? defaultTimers;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
  }

  get status(): EngineStatus {
    return { state: this.state, restarts: this.restarts, ...(this.message ? { message: this.message } : {}) };
  }

  /** Spawn the engine (no-op if it is already running or about to restart). */
  start(): void {
    if (this.child || this.restartTimer !== null) return;
    this.stopping = false;
    this.fatalMessage = null;
    this.launch();
  }

  /** Start again after the host gave up (state `failed`), with a fresh restart budget. */
  retry(): void {
    if (this.state !== 'failed' && this.state !== 'stopped') return;
    this.restarts = 0;
    this.start();
  }

  /** Send a call to the engine; always resolves, to the engine's envelope or an error envelope. */
  call(channel: Channel, args: unknown[]): Promise<Envelope> {
    const child = this.child;
    if (!child) return Promise.resolve(errorEnvelope('internal', this.unavailableMessage()));
    const id = this.nextId++;
    return new Promise<Envelope>((resolve) => {
      const timer = this.timers.setTimeout(() => {
        if (this.pending.delete(id)) {
          resolve(errorEnvelope('internal', `The engine did not answer ${channel} within ${Math.round(this.callTimeoutMs / 1000)} s.`));
        }
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve, timer, channel });
      try {
        child.send({ type: 'call', id, channel, args });
      } catch (error) {
        this.settle(id, errorEnvelope('internal', `Could not reach the engine: ${(error as Error)?.message ?? String(error)}`));
      }
    });
  }

  /** Ask the engine to close its library and pool, then wait for it to exit (killing it on timeout). */
  stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== null) {
      this.timers.clearTimeout(this.restartTimer);
      this.restartTimer = null;
    }
    const child = this.child;
    if (!child) {
      this.setState('stopped');
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const killTimer = this.timers.setTimeout(() => {
        this.log('engine did not exit after shutdown; killing it');
        child.kill();
      }, this.shutdownTimeoutMs);
      this.stopWaiters.push(() => {
        this.timers.clearTimeout(killTimer);
        resolve();
      });
      try {
        child.send({ type: 'shutdown' });
      } catch {
        child.kill();
      }
    });
  }

  private launch(): void {
    const generation = ++this.generation;
    this.readyAt = null;
    this.setState(this.restarts > 0 ? 'restarting' : 'starting', this.restarts > 0 ? 'Restarting the engine' : undefined);
    let child: EngineChild;
    try {
      child = this.spawnChild();
    } catch (error) {
      this.log(`could not start the engine: ${(error as Error)?.message ?? String(error)}`);
      this.fatalMessage = `Could not start the engine: ${(error as Error)?.message ?? String(error)}`;
      this.setState('failed', this.fatalMessage);
      return;
    }
    this.child = child;
    child.onMessage((message) => {
      if (generation === this.generation) this.handleMessage(message);
    });
    child.onExit((code) => {
      if (generation === this.generation) this.handleExit(code);
    });
  }

  private handleMessage(raw: unknown): void {
    if (!isEngineToHost(raw)) {
      this.log('ignored a malformed message from the engine');
      return;
    }
    const message: EngineToHost = raw;
    switch (message.type) {
      case 'ready':
        this.readyAt = this.now();
        this.setState('ready');
        break;
      case 'fatal':
        this.fatalMessage = message.message;
        break;
      case 'event':
        this.onEvent(message.event, message.payload);
        break;
      case 'result':
        this.settle(
          message.id,
          message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error },
        );
        break;
    }
  }

  private handleExit(code: number): void {
    this.child = null;
    const reason = this.fatalMessage ?? `The engine stopped unexpectedly (exit code ${code}).`;
    for (const id of [...this.pending.keys()]) this.settle(id, errorEnvelope('internal', reason));

    if (this.stopping) {
      this.setState('stopped');
      const waiters = this.stopWaiters;
      this.stopWaiters = [];
      for (const wake of waiters) wake();
      return;
    }
    this.log(`engine exited with code ${code}`);
    if (this.fatalMessage !== null) {
      // The engine could not open its library or pool; starting it again would fail the same way.
      this.setState('failed', this.fatalMessage);
      return;
    }
    if (this.readyAt !== null && this.now() - this.readyAt >= this.stableAfterMs) this.restarts = 0;
    if (this.restarts >= this.restartDelaysMs.length) {
      this.setState('failed', `The engine stopped ${this.restarts + 1} times in a row (last exit code ${code}); it was not restarted.`);
      return;
    }
    const delay = this.restartDelaysMs[this.restarts] ?? 0;
    this.restarts += 1;
    this.setState('restarting', `${reason} Restarting in ${delay < 1000 ? `${delay} ms` : `${delay / 1000} s`}.`);
    this.restartTimer = this.timers.setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.launch();
    }, delay);
  }

  private settle(id: number, envelope: Envelope): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.timers.clearTimeout(pending.timer);
    pending.resolve(envelope);
  }

  private unavailableMessage(): string {
    switch (this.state) {
      case 'restarting':
        return 'The engine is restarting; try again in a moment.';
      case 'failed':
        return this.message ?? 'The engine is not running.';
      default:
        return 'The engine is not running.';
    }
  }

  private setState(state: EngineState, message?: string): void {
    this.state = state;
    this.message = message;
    this.onStatus(this.status);
  }
}
