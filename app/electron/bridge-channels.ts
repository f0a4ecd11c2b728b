/**
 * The names that cross the Electron bridge: invoke channels, pushed events, and the IPC channel
 * strings built from them.
 *
 * The sandboxed preload imports this module, so it must stay free of runtime imports (the preload
 * bundle may require nothing but 'electron'). The lists therefore repeat the keys of
 * `schemas`/`ApiEvents` in `app/api.ts`; the type assertions below fail to compile if a name is
 * added there and not here, and `test/electron/bridge-channels.test.ts` compares them at run time.
 */
import type { Channel, EventName } from '../api.js';

/** Prefix of every `ipcMain.handle` channel: `limitlab:<api channel>`. */
export const IPC_INVOKE_PREFIX = 'limitlab:';

/** The single main -> renderer channel carrying `{ event, payload }` messages. */
export const IPC_EVENT_CHANNEL = 'limitlab:event';

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'limitlab';

/** Every API channel the renderer may invoke (the keys of `schemas` in app/api.ts). */
export const INVOKE_CHANNELS = [
  'kinds:list',
  'params:validate',
  'runs:list',
  'runs:get',
  'runs:start',
  'runs:cancel',
] as const satisfies readonly Channel[];

/** Events the engine pushes (the keys of `ApiEvents` in app/api.ts). */
export const API_EVENTS = ['run:progress', 'run:status'] as const satisfies readonly EventName[];

/**
 * Events that only the desktop shell emits: the engine process state and application-menu
 * commands. Their payloads are `ShellEvents` below.
 */
export const SHELL_EVENTS = ['engine:status', 'menu:new-run'] as const;

export type ShellEventName = (typeof SHELL_EVENTS)[number];
export type BridgeEventName = EventName | ShellEventName;

/** Every event name the preload lets the page subscribe to. */
export const BRIDGE_EVENTS: readonly BridgeEventName[] = [...API_EVENTS, ...SHELL_EVENTS];

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

// Compile-time completeness: each of these resolves to `true` only if the lists cover the contract.
type Exhaustive<Missing> = [Missing] extends [never] ? true : { missing: Missing };
const channelsComplete: Exhaustive<Exclude<Channel, (typeof INVOKE_CHANNELS)[number]>> = true;
const eventsComplete: Exhaustive<Exclude<EventName, (typeof API_EVENTS)[number]>> = true;
void channelsComplete;
void eventsComplete;
