/**
 * Sweeps on a Slurm cluster: a job folder per sweep (export.ts, job-folder.ts, plan.ts,
 * sbatch-script.ts), array tasks that compute their share into their own shard library
 * (task-runner.ts), Slurm's view of the tasks (commands.ts, queue.ts, task-states.ts), and the
 * collection of the shards into a library (shards.ts, collect.ts).
 */
export { collectJobFolder, jobFolderStatus, runningTasks } from './collect.js';
export { execRunner, findOnPath, requireSbatch, SlurmCommandError, submitJob, type Runner } from './commands.js';
export { discardJobFolder, whyNotJobFolder, writeSweepFolder, type WrittenFolder } from './export.js';
export { JobFolderError, readJobPlan, readSubmissions, recordSubmission, shardLibrary, taskShare, type JobPlan } from './job-folder.js';
export { checkSlurmOptions, OPTION_FLAGS, SlurmOptionError, type SlurmOptions } from './options.js';
export { PlanError } from './plan.js';
export { slurmChannels } from './channels.js';
export { readShards } from './shards.js';
export { parseLimitlabJobs } from './queue.js';
export { arraySpec, sbatchScript, shellQuote, type CliCommand } from './sbatch-script.js';
export { needsResubmit, type TaskState } from './task-states.js';
export { runTask, slurmProvenance, taskPlan, type TaskOutcome } from './task-runner.js';
