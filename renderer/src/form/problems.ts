/**
 * What stands between the run form and Start: every problem named with the field it is about (so
 * the form can link to it), and the one-line status beside the Start button.
 */
import type { ParamIssue } from '../../../app/api.js';
import type { IntegerInput } from './run-options.js';

export interface FormProblem {
  /** The parameter path, or "seed" / "replicas" for the run options; '' for the parameters as a whole. */
  path: string;
  /** The id of the control to focus ('' when there is none). */
  controlId: string;
  message: string;
  /** 'engine' for the engine's verdict (stale while a new check runs), 'form' for what the form itself sees. */
  source: 'form' | 'engine';
}

export interface FormState {
  /** Texts that do not parse, by parameter path. */
  localErrors: Readonly<Record<string, string>>;
  /** The engine's verdict on the parameters. */
  issues: readonly ParamIssue[];
  seed: IntegerInput;
  replicas: IntegerInput;
}

/** Every problem, in the order of the form: parameters (local text errors first), then seed and replicas. */
export function formProblems(state: FormState): FormProblem[] {
  const out: FormProblem[] = [];
  for (const [path, message] of Object.entries(state.localErrors)) out.push({ path, controlId: `field-${path}`, message, source: 'form' });
  for (const issue of state.issues) {
    if (issue.path in state.localErrors) continue;
    if (out.some((p) => p.path === issue.path && p.message === issue.message)) continue;
    out.push({ path: issue.path, controlId: issue.path ? `field-${issue.path}` : '', message: issue.message, source: 'engine' });
  }
  if (!state.seed.ok) out.push({ path: 'seed', controlId: 'seed-input', message: state.seed.error, source: 'form' });
  if (!state.replicas.ok) out.push({ path: 'replicas', controlId: 'replicas-input', message: state.replicas.error, source: 'form' });
  return out;
}

/** A problem as one line: "lr.gamma: must be a number > 0" (the path left out when the message names it). */
export function problemText(problem: FormProblem): string {
  if (!problem.path || problem.message.includes(problem.path)) return problem.message;
  return `${problem.path}: ${problem.message}`;
}

export type StatusTone = 'checking' | 'bad' | 'unknown' | 'good';

export interface FormStatus {
  tone: StatusTone;
  text: string;
}

/**
 * The status beside Start. It says "parameters valid" only when nothing blocks the run; otherwise
 * it names the problem (the first, with the count of the others). While the engine checks, its
 * earlier verdict is not repeated, but what the form sees itself (a bad seed) still is.
 */
export function formStatus(all: readonly FormProblem[], checking: boolean, checkError: string | null): FormStatus {
  const problems = checking ? all.filter((p) => p.source === 'form') : all;
  if (problems.length === 1) return { tone: 'bad', text: problemText(problems[0]!) };
  if (problems.length > 1) return { tone: 'bad', text: `${problems.length} problems; first ${problemText(problems[0]!)}` };
  if (checking) return { tone: 'checking', text: 'checking…' };
  if (checkError) return { tone: 'unknown', text: `could not check the parameters: ${checkError}` };
  return { tone: 'good', text: 'parameters valid' };
}
