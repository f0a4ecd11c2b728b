/**
 * Bundles: a set of runs in one JSON file a colleague can import. Curves travel as base64
 * little-endian Float64 (bit-exact), and every run carries a SHA-256 checksum of its identity,
 * resolved parameters, seed, scalars, result notes, series, images and image grids (run-checksum.ts).
 * Images travel like curves (their values as base64 Float64, with size, channels and range), grids
 * as their labels and cells; a run's result may be images only.
 *
 * Import checks every run and refuses the whole file on the first problem, importing nothing from
 * it: the structure and the API's limits on names, notes, tags and dates; the kind; the parameters,
 * resolved again through the kind's schema, against the recorded parameter hash; and the checksum,
 * naming the run and what changed. Bundles of version 1 (before checksums) are refused.
 */
import { artifactId, artifactsProblem } from '../library/artifacts.js';
import type { ArtifactResult } from '../../../core/models/model-kind.js';
import { z } from 'zod';
import type { RunDetail } from '../../api.js';
import { runPatchSchema, TEXT_LIMITS } from '../../api.js';
import { decodeApiJson, encodeApiJson } from '../../api-codec.js';
import { clip, echo } from '../../../core/models/echo.js';
import type { ImageGrid, ImageResult, Series } from '../../../core/models/model-kind.js';
import { SERIES_SOURCES } from '../../../core/models/model-kind.js';
import { findReservedKey } from '../../../core/models/param-paths.js';
import { imagesProblem, GRID_LIMITS } from '../../../core/models/image-grid.js';
import { registry, type KindRegistry } from '../../../core/models/registry.js';
import { canonicalJson, resolveParams } from '../../../core/models/resolve-params.js';
import {
  checksumDifference, CHECKSUM_ALGORITHM, runChecksum, type ChecksumGrid, type ChecksumImage, type ChecksumSeries,
} from './run-checksum.js';

export const BUNDLE_FORMAT = 'limitlab-bundle';
/** 2: every run carries a checksum. */
export const BUNDLE_VERSION = 2;

/** How far in the future a date in a bundle may lie (clocks differ), in milliseconds. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp that names a real instant no more than a day after `now()`. */
function timestamp(now: () => Date) {
  return z
    .string()
    .max(40)
    .regex(ISO_TIMESTAMP, 'expected an ISO 8601 timestamp such as 2026-01-31T12:00:00.000Z')
    .refine((t) => Number.isFinite(Date.parse(t)), 'expected a date that exists')
    .refine((t) => Date.parse(t) <= now().getTime() + FUTURE_SLACK_MS, 'expected a date that is not in the future');
}

const f64 = z.instanceof(Float64Array);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest');
/** A run's checksum as a bundle (and a Slurm task's manifest) records it: every digest, those of images, grids and artifacts when the run has them. */
export const checksumSchema = z.object({
  algorithm: z.literal(CHECKSUM_ALGORITHM),
  run: hex64,
  identity: hex64,
  params: hex64,
  seed: hex64,
  scalars: hex64,
  resultNotes: hex64,
  series: z.array(hex64).max(10_000),
  images: z.array(hex64).max(10_000).optional(),
  grids: hex64.optional(),
  artifacts: hex64.optional(),
});

const artifactSchema = z.object({
  name: z.string().min(1).max(64),
  format: z.string().min(1).max(128),
  config: z.record(z.string(), z.unknown()).refine((c) => JSON.stringify(c).length <= 100_000, 'a configuration of at most 100 000 characters'),
  data: f64,
});

const label = z.string().max(GRID_LIMITS.label);
const imageSchema = z.object({
  name: z.string().min(1).max(128),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  channels: z.union([z.literal(1), z.literal(3)]),
  range: z.tuple([z.number(), z.number()]).nullable(),
  data: f64,
  metrics: z.record(z.string().min(1).max(64), z.number().finite())
    .refine((m) => Object.keys(m).length <= 100, 'at most 100 metrics per image').optional(),
});
const gridSchema = z.object({
  name: z.string().min(1).max(128),
  title: z.string().max(500).nullable(),
  rows: z.array(label).min(1).max(GRID_LIMITS.rows),
  columns: z.array(label).min(1).max(GRID_LIMITS.columns),
  cells: z.array(z.array(z.string().max(128).nullable()).max(GRID_LIMITS.columns)).max(GRID_LIMITS.rows),
});

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

function runSchema(now: () => Date) {
  return z.object({
    id: z.string().regex(/^[0-9a-z-]{8,64}$/),
    kind: z.string().max(TEXT_LIMITS.kind),
    name: runPatchSchema.shape.name.unwrap(),
    status: z.enum(['done', 'failed', 'cancelled']),
    params: z.record(z.string(), z.unknown()),
    paramsHash: z.string().regex(/^[0-9a-f]{16}$/),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    replicas: z.number().int().min(1).max(1024),
    rng: z.string().max(200),
    solver: z.record(z.string(), z.unknown()).refine((s) => JSON.stringify(s).length <= 100_000, 'solver settings of at most 100 000 characters'),
    appVersion: z.string().max(50),
    createdAt: timestamp(now),
    startedAt: timestamp(now).nullable(),
    finishedAt: timestamp(now).nullable(),
    durationMs: z.number().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
    error: z.string().max(TEXT_LIMITS.notes).nullable(),
    notes: runPatchSchema.shape.notes.unwrap(),
    tags: runPatchSchema.shape.tags.unwrap(),
    scalars: z
      .record(z.string().max(128), z.union([z.number(), z.string().max(64)]))
      .refine((s) => Object.keys(s).length <= 10_000, 'at most 10 000 scalars'),
    resultNotes: z.array(z.string().max(10_000)).max(1000),
    series: z.array(seriesSchema).max(10_000),
    images: z.array(imageSchema).max(10_000).optional(),
    grids: z.array(gridSchema).max(GRID_LIMITS.grids).optional(),
    artifacts: z.array(artifactSchema).max(1000).optional(),
    checksum: checksumSchema,
  });
}

function bundleSchema(now: () => Date) {
  return z.object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    exportedAt: timestamp(now),
    appVersion: z.string().max(50),
    runs: z.array(runSchema(now)).min(1),
  });
}

export type BundleRun = z.infer<ReturnType<typeof runSchema>>;

/** A run from a checked bundle, with its parameters as canonical JSON of the resolved set. */
export type ImportedRun = BundleRun & { paramsJson: string };

export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

/**
 * A bundle of `runs`. `artifactsOf` gives the trained models to carry with a run: those it kept and
 * those it reused (named `input.<input name>`, so that `artifact:ID` finds them after an import).
 */
export function exportBundle(
  runs: RunDetail[],
  appVersion: string,
  now = new Date(),
  artifactsOf: (run: RunDetail) => ArtifactResult[] = () => [],
): string {
  const doc = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now.toISOString(),
    appVersion,
    runs: runs.map((r) => {
      const series: ChecksumSeries[] = (r.result?.series ?? []).map((s) => ({
        name: s.name, source: s.source, label: s.label ?? null, seed: s.seed ?? null, replica: s.replica ?? null,
        xLabel: s.xLabel, yLabel: s.yLabel, x: s.x, y: s.y, band: s.band ?? null,
      }));
      const scalars = r.result?.scalars ?? r.scalars;
      const resultNotes = r.result?.notes ?? [];
      const images: ChecksumImage[] = (r.result?.images ?? []).map((im) => ({
        name: im.name, width: im.width, height: im.height, channels: im.channels ?? 1, range: im.range ?? null, data: im.data,
        ...(im.metrics && Object.keys(im.metrics).length ? { metrics: im.metrics } : {}),
      }));
      const grids: ChecksumGrid[] = (r.result?.grids ?? []).map((g) => ({
        name: g.name, title: g.title ?? null, rows: g.rows, columns: g.columns, cells: g.cells,
      }));
      const pictures = images.length || grids.length ? { images, grids } : {};
      const carried = artifactsOf(r);
      const models = carried.length ? { artifacts: carried } : {};
      const checksum = runChecksum({
        id: r.id, kind: r.kind, status: r.status, replicas: r.replicas, rng: r.rng, paramsJson: canonicalJson(r.params),
        seed: r.seed, scalars, resultNotes, series, ...pictures,
        ...(carried.length ? { artifactIds: carried.map((a) => ({ name: a.name, id: artifactId(a) })) } : {}),
      });
      return {
        id: r.id, kind: r.kind, name: r.name, status: r.status, params: r.params, paramsHash: r.paramsHash, seed: r.seed,
        replicas: r.replicas, rng: r.rng, solver: r.solver, appVersion: r.appVersion, createdAt: r.createdAt,
        startedAt: r.startedAt, finishedAt: r.finishedAt, durationMs: r.durationMs, error: r.error, notes: r.notes, tags: r.tags,
        scalars, resultNotes, series, ...pictures, ...models, checksum,
      };
    }),
  };
  return encodeApiJson(doc);
}

/** Parse and check a bundle; throws BundleError naming the first problem (and the run it is in). */
export function parseBundle(
  text: string,
  hashOf: (canonical: string) => string,
  now: () => Date = () => new Date(),
  kinds: Pick<KindRegistry, 'get'> = registry,
): ImportedRun[] {
  let raw: unknown;
  try {
    raw = decodeApiJson(text);
  } catch (error) {
    throw new BundleError(`not a Limitlab bundle: the file is not valid JSON (${echo((error as Error).message, 200)})`);
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== BUNDLE_FORMAT) {
    throw new BundleError('not a Limitlab bundle: the "format" field is missing or wrong');
  }
  const version = (raw as { version?: unknown }).version;
  if (version === 1) {
    throw new BundleError(
      'this bundle has version 1, written before bundles carried a checksum for every run, so its runs cannot be checked; ' +
        'export them again with this Limitlab (bundle version 2)',
    );
  }
  if (version !== BUNDLE_VERSION) {
    throw new BundleError(`this bundle has version ${echo(version)}; this Limitlab reads version ${BUNDLE_VERSION}`);
  }
  const reserved = findReservedKey(raw);
  if (reserved !== null) throw new BundleError(`the bundle is malformed at ${echo(reserved, 200)}: __proto__, constructor and prototype are reserved names`);
  const parsed = bundleSchema(now).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleError(`the bundle is malformed at ${describePath(raw, issue.path)}: ${issue.message}`);
  }
  const ids = new Set<string>();
  return parsed.data.runs.map((run, i) => {
    const where = `run ${i + 1} (${run.id})`;
    if (ids.has(run.id)) throw new BundleError(`${where} appears twice in the bundle`);
    ids.add(run.id);
    const kind = kinds.get(run.kind);
    if (!kind) throw new BundleError(`${where} has the unknown kind ${echo(run.kind)}`);
    const resolved = resolveParams(kind, { params: run.params });
    if (!resolved.ok) throw new BundleError(`${where}: its parameters no longer resolve: ${resolved.issues[0]!.message}`);
    const paramsJson = canonicalJson(resolved.params);
    const problem = artifactsProblem((run.artifacts ?? []) as ArtifactResult[]);
    if (problem) throw new BundleError(`${where}: ${problem}`);
    const carried = (run.artifacts ?? []).map((a) => ({ name: a.name, id: artifactId(a as ArtifactResult) }));
    const actual = runChecksum({ ...run, paramsJson, ...(carried.length ? { artifactIds: carried } : {}) });
    const changed = checksumDifference(
      run.checksum, actual, run.series.map((s) => `${s.name}, ${s.source}`), (run.images ?? []).map((im) => im.name),
    );
    if (changed) {
      const asGiven = canonicalJson(run.params);
      if (changed === 'its parameters' && asGiven !== paramsJson && runChecksum({ ...run, paramsJson: asGiven }).params === run.checksum.params) {
        throw new BundleError(`${where}: its parameters resolve differently in this Limitlab (${kind.id}'s defaults or schema changed since it was exported)`);
      }
      throw new BundleError(`${where} does not match its checksum: ${changed} changed since it was exported`);
    }
    if (hashOf(paramsJson) !== run.paramsHash) throw new BundleError(`${where}: the parameter hash does not match its parameters`);
    const pictures = imagesProblem({ images: bundleImages(run), grids: bundleGrids(run) });
    if (pictures) throw new BundleError(`${where}: ${pictures}`);
    if (run.status === 'done' && run.series.length === 0 && !run.images?.length && !run.artifacts?.length && Object.keys(run.scalars).length === 0) {
      throw new BundleError(`${where} is marked done but has no series, images, scalars or artifacts`);
    }
    return { ...run, paramsJson };
  });
}

/** Where a schema issue is, naming the run by its position and id when it is inside one. */
function describePath(raw: unknown, path: PropertyKey[]): string {
  if (path[0] === 'runs' && typeof path[1] === 'number') {
    const id = (raw as { runs?: { id?: unknown }[] }).runs?.[path[1]]?.id;
    const rest = path.slice(2).map(String).join('.');
    return `run ${path[1] + 1}${typeof id === 'string' ? ` (${clip(id)})` : ''}${rest ? `, ${rest}` : ''}`;
  }
  return path.map(String).join('.') || '(top)';
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
    ...(s.band ? { band: s.band as NonNullable<Series['band']> } : {}),
  }));
}

export function bundleImages(run: BundleRun): ImageResult[] {
  return (run.images ?? []).map((im) => ({
    name: im.name,
    width: im.width,
    height: im.height,
    ...(im.channels === 3 ? { channels: 3 as const } : {}),
    ...(im.range ? { range: im.range } : {}),
    data: im.data,
    ...(im.metrics && Object.keys(im.metrics).length ? { metrics: im.metrics } : {}),
  }));
}

export function bundleGrids(run: BundleRun): ImageGrid[] {
  return (run.grids ?? []).map((g) => ({
    name: g.name, ...(g.title !== null ? { title: g.title } : {}), rows: g.rows, columns: g.columns, cells: g.cells,
  }));
}

/** The trained models a bundle carries with a run. */
export function bundleArtifacts(run: BundleRun): ArtifactResult[] {
  return (run.artifacts ?? []).map((a) => ({ name: a.name, format: a.format, config: a.config, data: a.data }));
}
