/**
 * The names that cross the Electron bridge: invoke channels, pushed events, and the IPC channel
 * strings built from them. The API lists come straight from the contract (`app/api.ts`), so a
 * channel added there is bridged with no change here; the sandboxed preload bundles the contract
 * (and zod) for that.
 */
import { CHANNELS, EVENTS, type Channel, type EventName } from '../api.js';

/** Prefix of every `ipcMain.handle` channel: `limitlab:<api channel>`. */
export const IPC_INVOKE_PREFIX = 'limitlab:';

/** The single main -> renderer channel carrying `{ event, payload }` messages. */
export const IPC_EVENT_CHANNEL = 'limitlab:event';

/** The one shell request that is not an API channel: open a paper link in the system browser. */
export const OPEN_EXTERNAL_CHANNEL = 'limitlab-shell:open-external';

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'limitlab';

/** Every API channel the renderer may invoke. */
export const INVOKE_CHANNELS: readonly Channel[] = Object.freeze([...CHANNELS]);

/** Events the engine pushes. */
export const API_EVENTS: readonly EventName[] = Object.freeze([...EVENTS]);

/**
 * Events that only the desktop shell emits: the engine process state and application-menu
 * commands. Their payloads are `ShellEvents` below.
 */
export const SHELL_EVENTS = ['engine:status', 'menu:new-run'] as const;

export type ShellEventName = (typeof SHELL_EVENTS)[number];
export type BridgeEventName = EventName | ShellEventName;

/** Every event name the preload lets the page subscribe to. */
export const BRIDGE_EVENTS: readonly BridgeEventName[] = Object.freeze([...API_EVENTS, ...SHELL_EVENTS]);

export type EngineState = 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped';

export interface EngineStatus {
  state: EngineState;
  /** Human-readable detail: why the engine stopped, when it restarts. */
  message?: string;
  /** Consecutive restarts since the engine was last stable. */
  restarts: number;
}

export interface ShellEvents {
  'engine:status': EngineStatus;
  'menu:new-run': Record<string, never>;
}

export function ipcInvokeChannel(channel: Channel): string {
  return IPC_INVOKE_PREFIX + channel;
}

export function isInvokeChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name);
}

export function isBridgeEvent(name: unknown): name is BridgeEventName {
  return typeof name === 'string' && (BRIDGE_EVENTS as readonly string[]).includes(name);
}
