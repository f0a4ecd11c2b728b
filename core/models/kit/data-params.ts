/**
 * The `target` and `data` parameter groups of the kinds that learn a function of Gaussian-like
 * inputs from a synthetic target or from a CSV table (x1..xd, y, an optional split column): which
 * synthetic target (a linear, Hermite or teacher function of a direction w*, the Hermite degree),
 * and where the data come from. The shapes are shared; the descriptions (what the kind's inputs
 * and targets are), the default degree and its largest value are the kind's. `checkTablePath`
 * refuses a file source without a path, from the kind's own `superRefine`.
 */
import { z } from 'zod';
import { num } from '../param-fields.js';

/** Synthetic targets: linear in w*·x, a Hermite polynomial of it, or a teacher network. */
export const TARGET_KINDS = ['linear', 'hermite', 'teacher'] as const;
/** Where the data come from: drawn synthetically, or a CSV file at `data.path`. */
export const DATA_SOURCES = ['synthetic', 'file'] as const;

export interface TargetGroupSpec {
  /** The group's description. */
  description: string;
  /** What each target kind is for this kind's inputs. */
  kind: string;
  /** The Hermite degree k (an integer from 1). */
  degree: { description: string; default: number; max: number };
}

/** The `target` group: `kind` (default linear) and `degree`, defaulting as a whole. */
export function syntheticTargetParams(spec: TargetGroupSpec) {
  return z
    .strictObject({
      kind: z.enum(TARGET_KINDS).default('linear').describe(spec.kind),
      degree: num({ description: spec.degree.description, default: spec.degree.default, min: 1, max: spec.degree.max, int: true }),
    })
    .prefault({})
    .describe(spec.description);
}

export interface DataGroupSpec {
  /** What `synthetic` and `file` mean for this kind. */
  source: string;
  /** The file's expected layout. */
  path: string;
}

/**
 * The `data` group: `source` (default synthetic) and `path` (at most 4096 characters, default
 * empty), then the kind's `extra` fields; "Where the data come from".
 */
export function tableDataParams<const Extra extends z.ZodRawShape = Record<never, never>>(spec: DataGroupSpec, extra?: Extra) {
  return z
    .strictObject({
      source: z.enum(DATA_SOURCES).default('synthetic').describe(spec.source),
      path: z.string().max(4096).default('').describe(spec.path),
      ...(extra ?? ({} as Extra)),
    })
    // Every field has a default (the kind's extra ones too); the cast spares the compiler the generic `Extra`.
    .prefault({} as never)
    .describe('Where the data come from');
}

/**
 * Refuses `data.source = file` without a path (blank counts as none): "data.source = file needs
 * data.path (a CSV file)", `file` naming what the kind reads.
 */
export function checkTablePath(data: { source: string; path: string }, ctx: Pick<z.core.$RefinementCtx, 'addIssue'>, file = 'a CSV file'): void {
  if (data.source === 'file' && data.path.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['data', 'path'], message: `data.source = file needs data.path (${file})` });
  }
}
