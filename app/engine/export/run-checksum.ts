/**
 * A run's checksum in a bundle: SHA-256 over what the run computed and how — its identity (kind,
 * status, replicas, generator), canonical resolved parameters, seed, scalars, result notes and every
 * series (names, sources, labels, and the little-endian bytes of x, y and the band), and its images
 * (name, size, channels, range and the bytes of the values) and image grids. Each part has its own
 * digest, so a mismatch says what changed; the run's digest covers the parts' digests. A run without
 * images or grids has no digest for them and the run digest it always had, so older bundles check.
 */
import { createHash } from 'node:crypto';
import { echo } from '../../../core/models/echo.js';
import { canonicalJson } from '../../../core/models/resolve-params.js';
import { encodeFloat64 } from '../library/series-codec.js';

export const CHECKSUM_ALGORITHM = 'sha256';

export interface ChecksumSeries {
  name: string;
  source: string;
  label: string | null;
  seed: number | null;
  replica: number | null;
  xLabel: string;
  yLabel: string;
  x: Float64Array;
  y: Float64Array;
  band: { kind: string; lo: Float64Array; hi: Float64Array } | null;
}

export interface ChecksumImage {
  name: string;
  width: number;
  height: number;
  channels: 1 | 3;
  range: [number, number] | null;
  data: Float64Array;
  /** Per-image metrics; absent or empty leaves the image's digest as it was before metrics existed. */
  metrics?: Record<string, number> | null;
}

export interface ChecksumGrid {
  name: string;
  title: string | null;
  rows: string[];
  columns: string[];
  cells: (string | null)[][];
}

/** What a checksum covers, with the parameters as canonical JSON of the resolved set. */
export interface ChecksumInput {
  id: string;
  kind: string;
  status: string;
  replicas: number;
  rng: string;
  paramsJson: string;
  seed: number;
  scalars: Record<string, number | string>;
  resultNotes: string[];
  series: ChecksumSeries[];
  images?: ChecksumImage[];
  grids?: ChecksumGrid[];
  /** The trained models the bundle carries with the run: by name, with their content id (artifacts.ts). */
  artifactIds?: { name: string; id: string }[];
}

export interface RunChecksum {
  algorithm: typeof CHECKSUM_ALGORITHM;
  /** Digest of the digests below, in a fixed order. */
  run: string;
  identity: string;
  params: string;
  seed: string;
  scalars: string;
  resultNotes: string;
  series: string[];
  /** One digest per image; present when the run has images or grids. */
  images?: string[];
  /** One digest of every grid; present when the run has images or grids. */
  grids?: string;
  /** One digest of the artifacts' names and content ids; present when the bundle carries artifacts with the run. */
  artifacts?: string;
}

function sha256(...chunks: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** One series: its description as JSON (with every array's length), then the bytes of its arrays. */
function seriesDigest(s: ChecksumSeries): string {
  const head = JSON.stringify([
    s.name, s.source, s.label, s.seed, s.replica, s.xLabel, s.yLabel, s.x.length, s.y.length,
    s.band ? [s.band.kind, s.band.lo.length, s.band.hi.length] : null,
  ]);
  const arrays = [s.x, s.y, ...(s.band ? [s.band.lo, s.band.hi] : [])].map(encodeFloat64);
  return sha256(head, '\n', ...arrays);
}

/** One image: its description as JSON (with its metrics when it has any), then the bytes of its values. */
function imageDigest(im: ChecksumImage): string {
  const metrics = im.metrics && Object.keys(im.metrics).length ? [canonicalJson(im.metrics)] : [];
  const head = JSON.stringify([im.name, im.width, im.height, im.channels, im.range, im.data.length, ...metrics]);
  return sha256(head, '\n', encodeFloat64(im.data));
}

export function runChecksum(run: ChecksumInput): RunChecksum {
  const parts = {
    identity: sha256(JSON.stringify([run.id, run.kind, run.status, run.replicas, run.rng])),
    params: sha256(run.paramsJson),
    seed: sha256(String(run.seed)),
    // JSON numbers are the shortest text that reads back as the same double: the text is the value.
    scalars: sha256(canonicalJson(run.scalars)),
    resultNotes: sha256(JSON.stringify(run.resultNotes)),
    series: run.series.map(seriesDigest),
  };
  const digests = [parts.identity, parts.params, parts.seed, parts.scalars, parts.resultNotes, ...parts.series];
  const images = run.images ?? [];
  const grids = run.grids ?? [];
  // Runs without images or artifacts keep the digest they had before either existed.
  const pictures = images.length || grids.length
    ? {
      images: images.map(imageDigest),
      grids: sha256(JSON.stringify(grids.map((g) => [g.name, g.title, g.rows, g.columns, g.cells]))),
    }
    : {};
  const models = run.artifactIds?.length ? { artifacts: sha256(JSON.stringify(run.artifactIds.map((a) => [a.name, a.id]))) } : {};
  const all = [
    ...digests,
    ...(pictures.images ? ['images', ...pictures.images, 'grids', pictures.grids] : []),
    ...(models.artifacts ? ['artifacts', models.artifacts] : []),
  ];
  return { algorithm: CHECKSUM_ALGORITHM, run: sha256(`limitlab-run:${all.join(':')}`), ...parts, ...pictures, ...models };
}

/**
 * What differs between a recorded checksum and the one computed from the run as it arrived, in
 * words ("its seed"), or null when they agree.
 */
export function checksumDifference(recorded: RunChecksum, actual: RunChecksum, seriesNames: string[], imageNames: string[] = []): string | null {
  if (recorded.identity !== actual.identity) return 'its kind, status, replica count or generator';
  if (recorded.params !== actual.params) return 'its parameters';
  if (recorded.seed !== actual.seed) return 'its seed';
  if (recorded.scalars !== actual.scalars) return 'its scalars';
  if (recorded.resultNotes !== actual.resultNotes) return 'its result notes';
  if (recorded.series.length !== actual.series.length) {
    return `its list of series (${recorded.series.length} recorded, ${actual.series.length} in the file)`;
  }
  const changed = actual.series.findIndex((digest, i) => digest !== recorded.series[i]);
  if (changed >= 0) return `its series ${changed + 1} (${echo(seriesNames[changed] ?? '')}): name, labels or data`;
  const recordedImages = recorded.images ?? [];
  const actualImages = actual.images ?? [];
  if (recordedImages.length !== actualImages.length) {
    return `its list of images (${recordedImages.length} recorded, ${actualImages.length} in the file)`;
  }
  const image = actualImages.findIndex((digest, i) => digest !== recordedImages[i]);
  if (image >= 0) return `its image ${image + 1} (${echo(imageNames[image] ?? '')}): name, size, range, pixels or metrics`;
  if (recorded.grids !== actual.grids) return 'its image grids';
  if (recorded.artifacts !== actual.artifacts) return 'its trained models (artifacts)';
  if (recorded.run !== actual.run) return 'its checksum itself';
  return null;
}
