/**
 * The array job's batch script. Task i runs `limitlab sweep-task <folder> --task i`, which computes
 * its share of the points into its own shard. Every path in the script is single-quoted; the Slurm
 * options reach their `#SBATCH` lines only after options.ts has checked them.
 *
 * The job runs in the folder it was submitted from (`cd FOLDER && sbatch job.sbatch`; `limitlab
 * sweep --slurm` submits it so), which is how a copied folder finds itself on the cluster. The
 * command is `$LIMITLAB` when set, else the installation that wrote the folder when it exists on
 * the node, else `limitlab` on the PATH.
 */
import type { JobPlan } from './job-folder.js';
import { LOGS_DIR } from './job-folder.js';
import type { SlurmOptions } from './options.js';

/** The Limitlab that wrote the folder: Node and the CLI script, used on the nodes when they exist there. */
export interface CliCommand {
  node: string;
  cli: string;
}

/** A string as one single-quoted shell word (a quote inside becomes '\''). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `--array` value: every task, or a list of them, with the throttle `%K`. */
export function arraySpec(tasks: number | readonly number[], arrayMax?: number): string {
  const list = typeof tasks === 'number' ? (tasks === 1 ? '0' : `0-${tasks - 1}`) : compressIndices(tasks);
  return arrayMax !== undefined ? `${list}%${arrayMax}` : list;
}

/** 0,1,2,5,7,8 → 0-2,5,7-8 */
export function compressIndices(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(',');
}

/** The job name Slurm shows: limitlab- and the sweep id. */
export const jobName = (plan: JobPlan) => `limitlab-${plan.sweep.id}`;

function directives(plan: JobPlan, slurm: SlurmOptions): string[] {
  const lines = [
    `--job-name=${jobName(plan)}`,
    `--array=${arraySpec(plan.tasks, slurm.arrayMax)}`,
    `--output=${LOGS_DIR}/task-%a-job-%A.out`,
    `--error=${LOGS_DIR}/task-%a-job-%A.err`,
    '--ntasks=1',
  ];
  if (slurm.partition !== undefined) lines.push(`--partition=${slurm.partition}`);
  if (slurm.account !== undefined) lines.push(`--account=${slurm.account}`);
  if (slurm.time !== undefined) lines.push(`--time=${slurm.time}`);
  if (slurm.cpusPerTask !== undefined) lines.push(`--cpus-per-task=${slurm.cpusPerTask}`);
  if (slurm.mem !== undefined) lines.push(`--mem=${slurm.mem}`);
  return lines.map((l) => `#SBATCH ${l}`);
}

export function sbatchScript(plan: JobPlan, command?: CliCommand): string {
  const { sweep, points, tasks } = plan;
  const installed = command
    ? [
        `elif [ -x ${shellQuote(command.node)} ] && [ -f ${shellQuote(command.cli)} ]; then`,
        `  limitlab=(${shellQuote(command.node)} ${shellQuote(command.cli)})`,
      ]
    : [];
  return [
    '#!/bin/bash',
    `# Limitlab sweep ${sweep.id} (${sweep.kind}): ${points.length} point${points.length === 1 ? '' : 's'} in ${tasks} array task${tasks === 1 ? '' : 's'}.`,
    '# Submit from this folder: cd FOLDER && sbatch job.sbatch. Collect with: limitlab collect FOLDER',
    ...directives(plan, plan.slurm),
    'set -euo pipefail',
    'job_dir="${SLURM_SUBMIT_DIR:-$PWD}"',
    'if [ -n "${LIMITLAB:-}" ]; then',
    '  read -r -a limitlab <<< "$LIMITLAB"',
    ...installed,
    'elif command -v limitlab > /dev/null 2>&1; then',
    '  limitlab=(limitlab)',
    'else',
    '  echo "limitlab: the command was not found on $(hostname); install Limitlab or set LIMITLAB" >&2',
    '  exit 2',
    'fi',
    'exec "${limitlab[@]}" sweep-task "$job_dir" --task "$SLURM_ARRAY_TASK_ID"',
    '',
  ].join('\n');
}
