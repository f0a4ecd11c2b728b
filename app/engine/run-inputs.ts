/**
 * A run's inputs, read before anything is stored: every `InputSpec` of the kind that the
 * parameters use is read from its path (app/engine/inputs), checked against the parameters by the
 * kind, and recorded with its SHA-256. The datasets go to the workers on shared memory, so a
 * 64-part run does not copy its images 64 times.
 */
import { basename, resolve } from 'node:path';
import type { Dataset } from '../../core/models/kit/dataset.js';
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
export async function prepareInputs(kind: ModelKind<unknown>, params: unknown, read: InputReader = readInput): Promise<PreparedInputs> {
  const specs = (kind.inputs ?? []).filter((spec) => spec.used(params));
  if (specs.length === 0) return NO_INPUTS;
  const datasets: Record<string, Dataset> = {};
  const recorded: RecordedInput[] = [];
  for (const spec of specs) {
    const path = inputPath(spec, params);
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
  return spec.accepts.map((a) => (a === 'csv' ? 'a CSV file' : `a folder of PNG/JPEG images (or ${MNIST_INPUT})`)).join(' or ');
}

function label(path: string): string {
  return path === MNIST_INPUT ? path : basename(path);
}

/** The same dataset with every array on a SharedArrayBuffer (workers then share it instead of copying). */
function shareDataset(dataset: Dataset): Dataset {
  if (isShared(dataset)) return dataset;
  if (dataset.type === 'table') {
    return { ...dataset, columns: dataset.columns.map((c) => ({ name: c.name, values: shared(c.values) })) };
  }
  const size = dataset.images[0]?.length ?? 0;
  const all = new Float64Array(new SharedArrayBuffer(size * dataset.images.length * 8));
  dataset.images.forEach((image, i) => all.set(image, i * size));
  return { ...dataset, images: dataset.images.map((_, i) => all.subarray(i * size, (i + 1) * size)) };
}

function isShared(dataset: Dataset): boolean {
  const arrays = dataset.type === 'table' ? dataset.columns.map((c) => c.values) : dataset.images;
  return arrays.every((a) => a.buffer instanceof SharedArrayBuffer);
}

function shared(values: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}
