/**
 * Messages between the Electron main process and the engine utility process
 * (`child.postMessage` <-> `process.parentPort`). All of them are structured-clone safe.
 *
 *   main -> engine   { type: 'call', id, channel, args }   { type: 'shutdown' }
 *   engine -> main   { type: 'result', id, ok, result | error }
 *                    { type: 'event', event, payload }
 *                    { type: 'ready' }   { type: 'fatal', message }
 */
import type { ApiErrorShape } from '../api.js';
import type { EngineOptions } from '../engine/engine-handle.js';

/** The engine options as they travel to the utility process (all plain data). */
export type EngineOptionsWire = EngineOptions;

export interface CallMessage {
  type: 'call';
  id: number;
  channel: string;
  args: unknown[];
}
export interface ShutdownMessage {
  type: 'shutdown';
}
export type HostToEngine = CallMessage | ShutdownMessage;

export type ResultMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: ApiErrorShape };
export interface EventMessage {
  type: 'event';
  event: string;
  payload: unknown;
}
export interface ReadyMessage {
  type: 'ready';
}
export interface FatalMessage {
  type: 'fatal';
  message: string;
}
export type EngineToHost = ResultMessage | EventMessage | ReadyMessage | FatalMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object';
}

export function isHostToEngine(value: unknown): value is HostToEngine {
  if (!isRecord(value)) return false;
  if (value.type === 'shutdown') return true;
  return value.type === 'call' && typeof value.id === 'number' && typeof value.channel === 'string' && Array.isArray(value.args);
}

export function isEngineToHost(value: unknown): value is EngineToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'result':
      return typeof value.id === 'number' && (value.ok === true || (value.ok === false && isRecord(value.error)));
    case 'event':
      return typeof value.event === 'string';
    case 'ready':
      return true;
    case 'fatal':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

/** The command-line flag carrying the engine options into the utility process. */
export const ENGINE_OPTIONS_FLAG = '--limitlab-engine-options=';

/**
 * Encode engine options as one argv entry. Base64url keeps paths with spaces, quotes or
 * backslashes intact through the platform's command-line quoting.
 */
export function encodeEngineOptions(options: EngineOptionsWire): string {
  return ENGINE_OPTIONS_FLAG + Buffer.from(JSON.stringify(options), 'utf8').toString('base64url');
}

/** Find and decode the options flag in `argv`; throws if it is missing or malformed. */
export function decodeEngineOptions(argv: readonly string[]): EngineOptionsWire {
  const arg = argv.find((a) => a.startsWith(ENGINE_OPTIONS_FLAG));
  if (!arg) throw new Error(`missing ${ENGINE_OPTIONS_FLAG.slice(0, -1)} argument`);
  const parsed: unknown = JSON.parse(Buffer.from(arg.slice(ENGINE_OPTIONS_FLAG.length), 'base64url').toString('utf8'));
  if (!isRecord(parsed) || typeof parsed.dbPath !== 'string' || parsed.dbPath.length === 0) {
    throw new Error('engine options must name a dbPath');
  }
  const options: EngineOptionsWire = { dbPath: parsed.dbPath };
  if (typeof parsed.threads === 'number' && Number.isInteger(parsed.threads) && parsed.threads > 0) options.threads = parsed.threads;
  if (typeof parsed.workerPath === 'string') options.workerPath = parsed.workerPath;
  if (typeof parsed.sqliteBinding === 'string') options.sqliteBinding = parsed.sqliteBinding;
  return options;
}
