/**
 * The "Export for a cluster" form's fields as the API's Slurm options (app/api.ts
 * slurmOptionsSchema): empty fields left out, numbers read as integers, the first problem named
 * by its field.
 */
import { slurmOptionsSchema, type SlurmOptions } from '../../../app/api.js';

export interface ClusterFields {
  partition: string;
  time: string;
  cpusPerTask: string;
  mem: string;
  arrayMax: string;
  tasks: string;
  account: string;
}

export const EMPTY_CLUSTER_FIELDS: ClusterFields = { partition: '', time: '', cpusPerTask: '', mem: '', arrayMax: '', tasks: '', account: '' };

const LABELS: Record<keyof ClusterFields, string> = {
  partition: 'Partition',
  time: 'Time limit',
  cpusPerTask: 'CPUs per task',
  mem: 'Memory',
  arrayMax: 'Tasks at once',
  tasks: 'Array tasks',
  account: 'Account',
};

const NUMBERS: (keyof ClusterFields)[] = ['cpusPerTask', 'arrayMax', 'tasks'];

export function clusterOptions(fields: ClusterFields): { ok: true; slurm: SlurmOptions } | { ok: false; error: string } {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as (keyof ClusterFields)[]) {
    const text = fields[key].trim();
    if (!text) continue;
    if (NUMBERS.includes(key)) {
      if (!/^\d+$/.test(text)) return { ok: false, error: `${LABELS[key]}: a whole number` };
      raw[key] = Number(text);
    } else raw[key] = text;
  }
  const parsed = slurmOptionsSchema.strict().safeParse(raw);
  if (parsed.success) return { ok: true, slurm: parsed.data };
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0] as keyof ClusterFields;
  return { ok: false, error: `${LABELS[key] ?? String(key)}: ${issue.message}` };
}

/** A folder path the engine can use: absolute (on the machine running Limitlab's engine). */
export function folderProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return 'Give the folder.';
  if (!p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p)) return 'Give the folder as an absolute path (for example /home/me/jobs/sweep-1).';
  return null;
}
