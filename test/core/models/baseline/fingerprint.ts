/**
 * SHA-256 fingerprints of what a kind produces for one case: each series (name, source, label,
 * seed, replica, axis labels, the bytes of x, y and the band), the scalars in order, the notes,
 * the resolved parameters, the solver settings, the warnings and the sweep boundaries. Two runs
 * with equal fingerprints gave the same bytes.
 */
import { createHash } from 'node:crypto';
import type { BaselineCase, SweepAxis } from './cases.js';

/** The structural shape of a result, independent of the contract version that produced it. */
export interface ResultLike {
  series: {
    name: string;
    source: string;
    label?: string;
    seed?: number;
    replica?: number;
    xLabel: string;
    yLabel: string;
    x: Float64Array;
    y: Float64Array;
    band?: { lo: Float64Array; hi: Float64Array; kind: string };
  }[];
  scalars: Record<string, number>;
  notes?: string[];
}

/** What the fingerprint needs from a version of the code. */
export interface KindApi {
  resolve(kind: string, preset: string | undefined, params: Record<string, unknown>): unknown;
  run(kind: string, params: unknown, seed: number, replicas: number): ResultLike;
  solver(kind: string, params: unknown): unknown;
  warnings(kind: string, params: unknown): string[];
  boundaries(kind: string, params: unknown, axes: SweepAxis[]): unknown;
}

export interface SeriesPrint {
  name: string;
  source: string;
  label: string | null;
  replica: number | null;
  sha256: string;
}

export interface CasePrint {
  params: string;
  solver: string;
  warnings: string;
  series: SeriesPrint[];
  scalarNames: string[];
  scalars: string;
  notes: string;
  boundaries: string | null;
}

function sha(parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    const bytes = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    // Length-prefixed, so that no two different part lists hash alike.
    const len = Buffer.alloc(4);
    len.writeUInt32LE(bytes.length);
    h.update(len);
    h.update(bytes);
  }
  return h.digest('hex');
}

function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export function seriesPrint(s: ResultLike['series'][number]): SeriesPrint {
  const meta = JSON.stringify([s.name, s.source, s.label ?? null, s.seed ?? null, s.replica ?? null, s.xLabel, s.yLabel, s.band?.kind ?? null]);
  const parts: (string | Uint8Array)[] = [meta, bytes(s.x), bytes(s.y)];
  if (s.band) parts.push(bytes(s.band.lo), bytes(s.band.hi));
  return { name: s.name, source: s.source, label: s.label ?? null, replica: s.replica ?? null, sha256: sha(parts) };
}

export function scalarsPrint(scalars: Record<string, number>): string {
  const parts: (string | Uint8Array)[] = [];
  for (const [k, v] of Object.entries(scalars)) parts.push(k, bytes(Float64Array.of(v)));
  return sha(parts);
}

export function casePrint(api: KindApi, c: BaselineCase): CasePrint {
  const params = api.resolve(c.kind, c.preset, c.params);
  const result = api.run(c.kind, params, c.seed, c.replicas);
  return {
    params: sha([canonical(params)]),
    solver: sha([canonical(api.solver(c.kind, params))]),
    warnings: sha([JSON.stringify(api.warnings(c.kind, params))]),
    series: result.series.map(seriesPrint),
    scalarNames: Object.keys(result.scalars),
    scalars: scalarsPrint(result.scalars),
    notes: sha([JSON.stringify(result.notes ?? [])]),
    boundaries: c.boundaries ? sha([JSON.stringify(c.boundaries.map((axes) => api.boundaries(c.kind, params, axes)))]) : null,
  };
}
