/**
 * Bundles: a set of runs in one JSON file a colleague can import. Curves travel as base64
 * little-endian Float64 (bit-exact). Import validates every run — structure, known kind, parameters
 * against the kind's schema, the parameter hash, curve lengths — and refuses the whole file on the
 * first problem, importing nothing from it.
 */
import { z } from 'zod';
import type { RunDetail } from '../../api.js';
import { decodeApiJson, encodeApiJson } from '../../api-codec.js';
import type { Series } from '../../../core/models/model-kind.js';
import { SERIES_SOURCES } from '../../../core/models/model-kind.js';
import { getKind } from '../../../core/models/registry.js';
import { canonicalJson, resolveParams } from '../../../core/models/resolve-params.js';

export const BUNDLE_FORMAT = 'limitlab-bundle';
export const BUNDLE_VERSION = 1;

const f64 = z.instanceof(Float64Array);
const seriesSchema = z
  .object({
    name: z.string().min(1).max(128),
    source: z.enum(SERIES_SOURCES as unknown as [string, ...string[]]),
    label: z.string().max(500).nullable(),
    seed: z.number().int().nullable(),
    replica: z.number().int().min(0).nullable(),
    xLabel: z.string().max(200),
    yLabel: z.string().max(200),
    x: f64,
    y: f64,
    band: z.object({ kind: z.enum(['std', 'stderr', 'minmax', 'quantile']), lo: f64, hi: f64 }).nullable(),
  })
  .refine((s) => s.x.length === s.y.length, 'x and y have different lengths')
  .refine((s) => !s.band || (s.band.lo.length === s.x.length && s.band.hi.length === s.x.length), 'the band has a different length from x');

const runSchema = z.object({
  id: z.string().regex(/^[0-9a-z-]{8,64}$/),
  kind: z.string(),
  name: z.string().max(200),
  status: z.enum(['done', 'failed', 'cancelled']),
  params: z.record(z.string(), z.unknown()),
  paramsHash: z.string().regex(/^[0-9a-f]{16}$/),
  seed: z.number().int().min(0),
  replicas: z.number().int().min(1),
  rng: z.string().max(200),
  solver: z.record(z.string(), z.unknown()),
  appVersion: z.string().max(50),
  createdAt: z.string().max(40),
  startedAt: z.string().max(40).nullable(),
  finishedAt: z.string().max(40).nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  notes: z.string(),
  tags: z.array(z.string().max(64)),
  scalars: z.record(z.string(), z.union([z.number(), z.string()])),
  resultNotes: z.array(z.string()),
  series: z.array(seriesSchema),
});

const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  appVersion: z.string(),
  runs: z.array(runSchema).min(1),
});

export type BundleRun = z.infer<typeof runSchema>;

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

export function exportBundle(runs: RunDetail[], appVersion: string, now = new Date()): string {
  const doc = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now.toISOString(),
    appVersion,
    runs: runs.map((r) => ({
      id: r.id, kind: r.kind, name: r.name, status: r.status, params: r.params, paramsHash: r.paramsHash, seed: r.seed,
      replicas: r.replicas, rng: r.rng, solver: r.solver, appVersion: r.appVersion, createdAt: r.createdAt,
      startedAt: r.startedAt, finishedAt: r.finishedAt, durationMs: r.durationMs, error: r.error, notes: r.notes, tags: r.tags,
      scalars: r.result?.scalars ?? r.scalars, resultNotes: r.result?.notes ?? [],
      series: (r.result?.series ?? []).map((s) => ({
        name: s.name, source: s.source, label: s.label ?? null, seed: s.seed ?? null, replica: s.replica ?? null,
        xLabel: s.xLabel, yLabel: s.yLabel, x: s.x, y: s.y, band: s.band ?? null,
      })),
    })),
  };
  return encodeApiJson(doc);
}

/** Parse and check a bundle; throws BundleError naming the first problem. */
export function parseBundle(text: string, hashOf: (canonical: string) => string): BundleRun[] {
  let raw: unknown;
  try {
    raw = decodeApiJson(text);
  } catch (error) {
    throw new BundleError(`not a Limitlab bundle: the file is not valid JSON (${(error as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    throw new BundleError('not a Limitlab bundle: the "format" field is missing or wrong');
  }
  if ((raw as { version?: unknown }).version !== BUNDLE_VERSION) {
    throw new BundleError(`this bundle has version ${String((raw as { version?: unknown }).version)}; this Limitlab reads version ${BUNDLE_VERSION}`);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleError(`the bundle is malformed at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const [i, run] of parsed.data.runs.entries()) {
    const where = `run ${i + 1} (${run.id})`;
    if (ids.has(run.id)) throw new BundleError(`${where} appears twice in the bundle`);
    ids.add(run.id);
    const kind = getKind(run.kind);
    if (!kind) throw new BundleError(`${where} has the unknown kind "${run.kind}"`);
    const resolved = resolveParams(kind, { params: run.params });
    if (!resolved.ok) throw new BundleError(`${where} has invalid parameters: ${resolved.issues[0]!.message}`);
    if (hashOf(canonicalJson(run.params)) !== run.paramsHash) throw new BundleError(`${where}: the parameter hash does not match its parameters`);
    if (run.status === 'done' && run.series.length === 0) throw new BundleError(`${where} is marked done but has no series`);
  }
  return parsed.data.runs;
}

export function bundleSeries(run: BundleRun): Series[] {
  return run.series.map((s) => ({
    name: s.name,
    source: s.source as Series['source'],
    ...(s.label !== null ? { label: s.label } : {}),
    ...(s.seed !== null ? { seed: s.seed } : {}),
    ...(s.replica !== null ? { replica: s.replica } : {}),
    x: s.x,
    y: s.y,
    xLabel: s.xLabel,
    yLabel: s.yLabel,
    ...(s.band ? { band: s.band } : {}),
  }));
}
