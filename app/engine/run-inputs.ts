/**
 * A run's inputs, read before anything is stored: every `InputSpec` of the kind that the
 * parameters use is read from its path (app/engine/inputs), checked against the parameters by the
 * kind, and recorded with its SHA-256. The datasets go to the workers on shared memory, so a
 * 64-part run does not copy its images 64 times.
 */
import { basename, resolve } from 'node:path';
import type { ArtifactDataset, Dataset } from '../../core/models/kit/dataset.js';
import type { InputSpec, ModelKind } from '../../core/models/model-kind.js';
import { getAtPath } from '../../core/models/param-paths.js';
import { InputError, MNIST_INPUT, readInput, type InputProvenance } from './inputs/index.js';

/** What a run keeps of one input: its name in the kind and where and what it was. */
export interface RecordedInput extends InputProvenance {
  readonly name: string;
}

export interface PreparedInputs {
  /** By `InputSpec.name`: what the parts and the merge receive as `ctx.inputs`. */
  readonly datasets: Readonly<Record<string, Dataset>>;
  /** Stored with the run (its `solver.inputs`). */
  readonly recorded: readonly RecordedInput[];
}

export type InputReader = typeof readInput;

/** Finds a stored artifact by reference (`run:RUN_ID/NAME` or `artifact:ID`), or says why not. */
export type ArtifactResolver = (ref: string) => { artifact: ArtifactDataset } | { problem: string };

const NO_ARTIFACTS: ArtifactResolver = (ref) => ({ problem: `${ref}: no library to find artifacts in` });

/** Whether a path names a stored artifact rather than a file. */
function isArtifactRef(path: string): boolean {
  return path.startsWith('run:') || path.startsWith('artifact:');
}

/** A reader that reads each (path, text columns) once: a sweep's points share one copy of a dataset. */
export function memoizedReader(read: InputReader = readInput): InputReader {
  const seen = new Map<string, ReturnType<InputReader>>();
  return (path, textColumns = []) => {
    const key = JSON.stringify([path, textColumns]);
    let pending = seen.get(key);
    if (!pending) {
      pending = read(path, textColumns).then(({ dataset, provenance }) => ({ dataset: shareDataset(dataset), provenance }));
      seen.set(key, pending);
    }
    return pending;
  };
}

export const NO_INPUTS: PreparedInputs = Object.freeze({ datasets: Object.freeze({}), recorded: Object.freeze([]) as readonly RecordedInput[] });

/** Reads and checks every input the parameters use; throws one InputError naming the file, row or column. */
export async function prepareInputs(
  kind: ModelKind<unknown>,
  params: unknown,
  read: InputReader = readInput,
  artifacts: ArtifactResolver = NO_ARTIFACTS,
): Promise<PreparedInputs> {
  const specs = (kind.inputs ?? []).filter((spec) => spec.used(params));
  if (specs.length === 0) return NO_INPUTS;
  const datasets: Record<string, Dataset> = {};
  const recorded: RecordedInput[] = [];
  for (const spec of specs) {
    const path = inputPath(spec, params);
    if (isArtifactRef(path)) {
      if (!spec.accepts.includes('artifact')) throw new InputError(`${path}: an artifact given, but ${spec.pathParam} of ${kind.id} takes ${describeAccepts(spec)}`);
      const found = artifacts(path);
      if ('problem' in found) throw new InputError(found.problem);
      const problem = spec.check?.(params, found.artifact);
      if (problem) throw new InputError(`${path}: ${problem}`);
      datasets[spec.name] = shareDataset(found.artifact);
      recorded.push({ name: spec.name, kind: 'artifact', path, sha256: found.artifact.id, count: found.artifact.data.length });
      continue;
    }
    const { dataset, provenance } = await read(path, spec.textColumns ?? []);
    const got = dataset.type === 'table' ? 'csv' : 'images';
    if (!spec.accepts.includes(got)) {
      throw new InputError(`${label(path)}: ${got === 'csv' ? 'a CSV table' : 'images'} given, but ${spec.pathParam} of ${kind.id} takes ${describeAccepts(spec)}`);
    }
    const problem = spec.check?.(params, dataset);
    if (problem) throw new InputError(problem.startsWith(label(path)) ? problem : `${label(path)}: ${problem}`);
    datasets[spec.name] = shareDataset(dataset);
    recorded.push({ name: spec.name, ...provenance, path: path === MNIST_INPUT ? path : resolve(path) });
  }
  return { datasets, recorded };
}

/**
 * The inputs whose content changed since `before` was recorded (same name, other SHA-256), each
 * as one line naming the file.
 */
export function changedInputs(before: readonly RecordedInput[], now: readonly RecordedInput[]): string[] {
  const lines: string[] = [];
  for (const old of before) {
    const current = now.find((r) => r.name === old.name);
    if (!current || current.sha256 === old.sha256) continue;
    const where = current.path === old.path ? label(old.path) : `${label(old.path)} (now ${label(current.path)})`;
    lines.push(`${where} changed since the run that used it (SHA-256 ${old.sha256.slice(0, 12)}… now ${current.sha256.slice(0, 12)}…)`);
  }
  return lines;
}

/** The inputs a stored run recorded (its `solver.inputs`), or none. */
export function recordedInputs(solver: Record<string, unknown>): RecordedInput[] {
  const list = solver['inputs'];
  return Array.isArray(list) ? (list as RecordedInput[]) : [];
}

function inputPath(spec: InputSpec<unknown>, params: unknown): string {
  const value = getAtPath(params, spec.pathParam);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${spec.pathParam} is empty: give the path of ${describeAccepts(spec)}`);
  }
  return value;
}

function describeAccepts(spec: InputSpec<unknown>): string {
  const what = { csv: 'a CSV file', images: `a folder of PNG/JPEG images (or ${MNIST_INPUT})`, artifact: 'a stored model (run:RUN_ID/NAME or artifact:ID)' };
  return spec.accepts.map((a) => what[a]).join(' or ');
}

function label(path: string): string {
  return path === MNIST_INPUT ? path : basename(path);
}

/** The same dataset with every array on a SharedArrayBuffer (workers then share it instead of copying). */
function shareDataset(dataset: Dataset): Dataset {
  if (isShared(dataset)) return dataset;
  if (dataset.type === 'artifact') return { ...dataset, data: shared(dataset.data) };
  if (dataset.type === 'table') {
    return { ...dataset, columns: dataset.columns.map((c) => ({ name: c.name, values: shared(c.values) })) };
  }
  const size = dataset.images[0]?.length ?? 0;
  const all = new Float64Array(new SharedArrayBuffer(size * dataset.images.length * 8));
  dataset.images.forEach((image, i) => all.set(image, i * size));
  return { ...dataset, images: dataset.images.map((_, i) => all.subarray(i * size, (i + 1) * size)) };
}

function isShared(dataset: Dataset): boolean {
  const arrays = dataset.type === 'table' ? dataset.columns.map((c) => c.values) : dataset.type === 'images' ? dataset.images : [dataset.data];
  return arrays.every((a) => a.buffer instanceof SharedArrayBuffer);
}

function shared(values: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}
