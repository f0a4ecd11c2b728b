/**
 * Routes bridged calls from the renderer to the engine: one `ipcMain.handle('limitlab:<channel>')`
 * per API channel, each checking the sender, validating the arguments with the contract's zod
 * schemas and answering with an `Envelope`. Engine events go back through `EventForwarder`.
 * Electron-free: `ipcMain`, the engine and the window list are injected.
 */
import { ApiError, CHANNELS, parseArgs, type Channel } from '../api.js';
import { IPC_EVENT_CHANNEL, ipcInvokeChannel, isBridgeEvent, isInvokeChannel } from './bridge-channels.js';
import { errorEnvelope, toErrorShape, type Envelope } from './envelope.js';
import type { SenderCheck, SenderEvent } from './sender-policy.js';

/** The subset of Electron's `ipcMain` the router uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Anything that can carry a validated call to the engine (the `EngineHost`). */
export interface EngineCaller {
  call(channel: Channel, args: unknown[]): Promise<Envelope>;
}

export interface IpcRouterOptions {
  ipcMain: IpcMainLike;
  engine: EngineCaller;
  isTrustedSender: SenderCheck;
  log?: (message: string) => void;
}

export class IpcRouter {
  private readonly ipcMain: IpcMainLike;
  private readonly engine: EngineCaller;
  private readonly isTrustedSender: SenderCheck;
  private readonly log: (message: string) => void;
  private registered: string[] = [];

  constructor(options: IpcRouterOptions) {
    this.ipcMain = options.ipcMain;
    this.engine = options.engine;
    this.isTrustedSender = options.isTrustedSender;
    this.log = options.log ?? (() => {});
  }

  /** Register one handler per API channel. */
  register(): void {
    if (this.registered.length > 0) return;
    for (const channel of CHANNELS) {
      const name = ipcInvokeChannel(channel);
      this.ipcMain.handle(name, (event, ...args) => this.dispatch(event, channel, args));
      this.registered.push(name);
    }
  }

  dispose(): void {
    for (const name of this.registered) this.ipcMain.removeHandler(name);
    this.registered = [];
  }

  /** Check, validate and forward one call. Never throws: every outcome is an envelope. */
  async dispatch(event: SenderEvent, channel: string, args: unknown[]): Promise<Envelope> {
    if (!isInvokeChannel(channel)) return errorEnvelope('bad_request', `unknown channel ${String(channel)}`);
    if (!this.isTrustedSender(event)) {
      this.log(`refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return errorEnvelope('bad_request', `refused ${channel}: the call did not come from a Limitlab window`);
    }
    let parsed: unknown[];
    try {
      parsed = parseArgs(channel, Array.isArray(args) ? args : []) as unknown[];
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
      return { ok: false, error: toErrorShape(error) };
    }
    try {
      return await this.engine.call(channel, parsed);
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  }
}

/** The subset of `WebContents` events are sent through. */
export interface EventSink {
  isDestroyed(): boolean;
  send(channel: string, message: { event: string; payload: unknown }): void;
}

/** Sends allow-listed events to every live window on `limitlab:event`. */
export class EventForwarder {
  constructor(private readonly targets: () => Iterable<EventSink>) {}

  /** Returns how many windows received the event (0 for names outside the allow-list). */
  forward(event: string, payload: unknown): number {
    if (!isBridgeEvent(event)) return 0;
    let sent = 0;
    for (const target of this.targets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(IPC_EVENT_CHANNEL, { event, payload });
        sent += 1;
      } catch {
        // The window is closing; nothing to deliver to.
      }
    }
    return sent;
  }
}
