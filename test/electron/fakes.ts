/** Fakes shared by the Electron-shell tests: IPC events, ipcMain, an engine child process. */
import type { EngineChild } from '../../app/electron/engine-host.js';
import type { HostToEngine } from '../../app/electron/engine-protocol.js';
import type { IpcMainLike } from '../../app/electron/ipc-router.js';
import type { SenderEvent } from '../../app/electron/sender-policy.js';

export const OUR_CONTENTS_ID = 7;

export function senderEvent(overrides: { url?: string; id?: number; parent?: unknown; frame?: null } = {}): SenderEvent {
  return {
    sender: { id: overrides.id ?? OUR_CONTENTS_ID },
    senderFrame:
      overrides.frame === null ? null : { url: overrides.url ?? 'app://limitlab/index.html', parent: overrides.parent ?? null },
  };
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: SenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeChild implements EngineChild {
  readonly sent: HostToEngine[] = [];
  killed = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private exitListeners: ((code: number) => void)[] = [];
  send(message: HostToEngine): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.killed = true;
    this.exit(-1);
  }
  emit(message: unknown): void {
    for (const l of this.messageListeners) l(message);
  }
  exit(code: number): void {
    for (const l of this.exitListeners) l(code);
  }
  lastCall(): Extract<HostToEngine, { type: 'call' }> {
    const calls = this.sent.filter((m): m is Extract<HostToEngine, { type: 'call' }> => m.type === 'call');
    const last = calls[calls.length - 1];
    if (!last) throw new Error('no call was sent');
    return last;
  }
}

/** Manual timers: `advance(ms)` runs everything due. */
export class FakeTimers {
  now = 0;
  private seq = 0;
  private readonly queue = new Map<number, { at: number; fn: () => void }>();
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.queue.set(id, { at: this.now + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.queue.delete(handle as number);
  };
  get pending(): number {
    return this.queue.size;
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.queue.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.queue.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }
}
