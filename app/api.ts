/**
 * The typed API contract shared by the engine, the Electron main/preload, the browser host and the
 * renderer: one map from channel to function signature, zod schemas for every argument, and the
 * map of events the engine pushes to the UI.
 *
 * Everything crossing this boundary is structured-clone safe (plain objects, strings, numbers,
 * Float64Array). Over HTTP/WebSocket the codec in `api-codec.ts` carries typed arrays.
 */
import { z } from 'zod';
import type { RunResult } from '../core/models/model-kind.js';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

export interface PresetInfo {
  name: string;
  description: string;
  /** Full parameter set: defaults with the preset's overrides applied. */
  params: Record<string, unknown>;
}

export interface KindInfo {
  id: string;
  title: string;
  paper: { arxiv: string; title: string }[];
  summary: string;
  equations: string[];
  /** JSON Schema (draft 2020-12) of the parameters, with defaults, ranges and descriptions. */
  paramsSchema: Record<string, unknown>;
  defaults: Record<string, unknown>;
  presets: PresetInfo[];
}

export interface RunSummary {
  id: string;
  kind: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  seed: number;
  replicas: number;
  paramsHash: string;
  tags: string[];
  error: string | null;
  /** Last reported progress fraction while running. */
  progress: number | null;
}

export interface RunDetail extends RunSummary {
  params: Record<string, unknown>;
  rng: string;
  appVersion: string;
  solver: Record<string, unknown>;
  notes: string;
  result: RunResult | null;
}

export interface ParamIssue {
  /** Dotted path of the parameter, e.g. "spectrum.alpha". Empty for whole-object problems. */
  path: string;
  message: string;
}

export type ApiErrorCode = 'invalid_params' | 'unknown_kind' | 'not_found' | 'bad_request' | 'internal';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  issues?: ParamIssue[];
}

/** An error that crosses the API boundary intact (code, message, parameter issues). */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ParamIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

// ---------------------------------------------------------------------------------------------
// Argument schemas (validated by the engine service, the Electron main process and the host).

const runId = z.string().regex(/^[0-9a-z-]{8,64}$/, 'a run id');

export const schemas = {
  'kinds:list': z.tuple([]),
  'params:validate': z.tuple([z.object({ kind: z.string().max(64), params: z.record(z.string(), z.unknown()) })]),
  'runs:list': z.tuple([
    z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
        kind: z.string().max(64).optional(),
        status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']).optional(),
      })
      .optional(),
  ]),
  'runs:get': z.tuple([runId]),
  'runs:start': z.tuple([
    z.object({
      kind: z.string().max(64),
      params: z.record(z.string(), z.unknown()).optional(),
      preset: z.string().max(128).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      replicas: z.number().int().min(1).max(1024).optional(),
      name: z.string().max(200).optional(),
    }),
  ]),
  'runs:cancel': z.tuple([runId]),
} as const;

export type Channel = keyof typeof schemas;
export const CHANNELS = Object.keys(schemas) as Channel[];

export interface StartRunRequest {
  kind: string;
  params?: Record<string, unknown>;
  preset?: string;
  seed?: number;
  replicas?: number;
  name?: string;
}

export interface RunQuery {
  limit?: number;
  offset?: number;
  kind?: string;
  status?: RunStatus;
}

/** The channel map: each channel's function signature. */
export interface ApiMethods {
  'kinds:list': () => Promise<KindInfo[]>;
  'params:validate': (req: { kind: string; params: Record<string, unknown> }) => Promise<ParamIssue[]>;
  'runs:list': (query?: RunQuery) => Promise<RunSummary[]>;
  'runs:get': (id: string) => Promise<RunDetail | null>;
  'runs:start': (req: StartRunRequest) => Promise<RunSummary>;
  'runs:cancel': (id: string) => Promise<void>;
}

/** Events the engine pushes to every connected UI. */
export interface ApiEvents {
  'run:progress': { id: string; fraction: number; note?: string };
  'run:status': RunSummary;
}
export type EventName = keyof ApiEvents;
export const EVENTS: EventName[] = ['run:progress', 'run:status'];

/** What the renderer talks to, whichever host it runs in. */
export interface Api {
  call<C extends Channel>(channel: C, ...args: Parameters<ApiMethods[C]>): ReturnType<ApiMethods[C]>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** Validate the arguments of a call; throws ApiError('bad_request') naming the problem. */
export function parseArgs<C extends Channel>(channel: C, args: unknown[]): Parameters<ApiMethods[C]> {
  const schema = schemas[channel];
  if (!schema) throw new ApiError('bad_request', `unknown channel ${String(channel)}`);
  const parsed = (schema as z.ZodType).safeParse(args);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ApiError('bad_request', `bad arguments for ${channel}: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
  }
  return parsed.data as Parameters<ApiMethods[C]>;
}
