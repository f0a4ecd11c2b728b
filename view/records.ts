/**
 * The run and sweep records the view reads: the fields of the engine's `runs:get` and `sweeps:get`
 * answers (app/api.ts) that charts and data export use. Declared here, structurally, so the view
 * depends on core/ only; the contract's `RunDetail` and `SweepDetail` satisfy them.
 */
import type { RunResult } from '../core/models/model-kind.js';

/** A run as exported: identity, provenance, parameters and result. */
export interface RunRecord {
  id: string;
  kind: string;
  name: string;
  status: string;
  params: Record<string, unknown>;
  paramsHash: string;
  seed: number;
  replicas: number;
  rng: string;
  solver: Record<string, unknown>;
  appVersion: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
  tags: string[];
  result: RunResult | null;
  /** The trained models the run kept (what they are, never their numbers). */
  artifacts?: { name: string; id: string; format: string; config: Record<string, unknown>; size: number; ref: string }[];
}

/** A run of a sweep as its summary reads it: status, final scalars and its point in the axes. */
export interface SweepRunRecord {
  status: string;
  /** Non-finite values arrive as strings. */
  scalars: Record<string, number | string>;
  sweepPoint: Record<string, unknown> | null;
}

/** A sweep as its summary reads it: the swept axes, the runs and the kind's boundaries. */
export interface SweepRecord {
  spec: { axes: readonly { path: string; values: readonly unknown[] }[] };
  runs: readonly SweepRunRecord[];
  /** Theoretical boundaries for these axes (e.g. a critical learning rate). */
  boundaries: readonly { label: string; x: number[]; y: number[] }[];
}
