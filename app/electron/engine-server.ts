/**
 * Engine side of the utility-process protocol: answers `call` messages from the main process with
 * the engine's results, pushes the engine's events, and closes the engine on `shutdown`.
 * Electron-free: the parent port, the engine factory and process exit are injected.
 */
import { CHANNELS, EVENTS, type Channel } from '../api.js';
import type { EngineHandle } from '../engine/engine-handle.js';
import { toErrorShape } from './envelope.js';
import { isHostToEngine, type EngineToHost, type HostToEngine } from './engine-protocol.js';

export interface ParentPortLike {
  postMessage(message: EngineToHost): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface EngineServerOptions {
  port: ParentPortLike;
  createEngine: () => Promise<EngineHandle>;
  exit: (code: number) => void;
  log?: (message: string) => void;
}

export class EngineServer {
  private readonly port: ParentPortLike;
  private readonly createEngine: () => Promise<EngineHandle>;
  private readonly exit: (code: number) => void;
  private readonly log: (message: string) => void;
  private engine: Promise<EngineHandle> | null = null;
  private closing: Promise<void> | null = null;

  constructor(options: EngineServerOptions) {
    this.port = options.port;
    this.createEngine = options.createEngine;
    this.exit = options.exit;
    this.log = options.log ?? ((message) => console.error(`[engine] ${message}`));
  }

  /** Listen to the port and start the engine; resolves once it is ready (or has failed). */
  async start(): Promise<void> {
    this.port.onMessage((message) => {
      void this.handle(message);
    });
    this.engine = this.createEngine();
    let engine: EngineHandle;
    try {
      engine = await this.engine;
    } catch (error) {
      const message = `The engine could not start: ${toErrorShape(error).message}`;
      this.log(message);
      this.port.postMessage({ type: 'fatal', message });
      this.exit(1);
      return;
    }
    for (const event of EVENTS) {
      engine.on(event, (payload) => this.port.postMessage({ type: 'event', event, payload }));
    }
    this.port.postMessage({ type: 'ready' });
  }

  private async handle(raw: unknown): Promise<void> {
    if (!isHostToEngine(raw)) {
      this.log('ignored a malformed message');
      return;
    }
    const message: HostToEngine = raw;
    if (message.type === 'shutdown') {
      await this.shutdown();
      return;
    }
    const { id, channel, args } = message;
    if (!(CHANNELS as readonly string[]).includes(channel)) {
      this.port.postMessage({ type: 'result', id, ok: false, error: { code: 'bad_request', message: `unknown channel ${channel}` } });
      return;
    }
    try {
      if (!this.engine || this.closing) throw new Error('The engine is shutting down.');
      const engine = await this.engine;
      const call = engine.call as (channel: Channel, ...rest: unknown[]) => Promise<unknown>;
      const result = await call(channel as Channel, ...args);
      this.port.postMessage({ type: 'result', id, ok: true, result });
    } catch (error) {
      this.port.postMessage({ type: 'result', id, ok: false, error: toErrorShape(error) });
    }
  }

  private shutdown(): Promise<void> {
    if (!this.closing) {
      this.closing = (async () => {
        let code = 0;
        try {
          const engine = await this.engine;
          await engine?.close();
        } catch (error) {
          this.log(`closing the engine failed: ${toErrorShape(error).message}`);
          code = 1;
        }
        this.exit(code);
      })();
    }
    return this.closing;
  }
}
