/**
 * `limitlab reproduce [--paper ARXIV] [--kind K] [--quick] [--json] [--out report.html|report.pdf]`:
 * runs the selected claims (app/engine/reproduce), prints the table of verdicts (or one JSON
 * document), writes the report, and exits 1 when a claim does not reproduce. An unknown paper or
 * kind, or an `--out` that cannot be written, is bad input (exit 2, nothing run).
 */
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ModelKind } from '../../core/models/model-kind.js';
import { fmt } from '../../core/models/claims.js';
import { APP_VERSION } from '../engine/app-version.js';
import type { Engine } from '../engine/index.js';
import { showPath, whyNotWritable } from '../engine/file-checks.js';
import type { ClaimOutcome } from '../engine/reproduce/evaluate.js';
import { reportHtml } from '../engine/reproduce/report-html.js';
import { reportPdf } from '../engine/reproduce/report-pdf.js';
import { reproduce } from '../engine/reproduce/runner.js';
import { selectClaims, SelectionError, type ClaimRef } from '../engine/reproduce/select.js';
import { flag, flags, UsageError, type ParsedArgs } from './args.js';
import { guardInterrupts } from './signals.js';

export const REPRODUCE_FLAGS = {
  paper: { value: true },
  kind: { value: true },
  quick: { value: false },
  json: { value: false },
  out: { value: true, repeat: true },
  db: { value: true },
} as const;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The claims and report files a command line asks for, checked before anything runs. */
export function planReproduction(parsed: ParsedArgs, kinds: readonly ModelKind<unknown>[]): { refs: ClaimRef[]; outs: string[] } {
  if (parsed.positional.length) throw new UsageError('reproduce takes no arguments; narrow it with --paper ARXIV or --kind K');
  let refs: ClaimRef[];
  try {
    const paper = flag(parsed, 'paper');
    const kind = flag(parsed, 'kind');
    refs = selectClaims(kinds, { ...(paper !== undefined ? { paper } : {}), ...(kind !== undefined ? { kind } : {}), quick: parsed.flags.has('quick') });
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message);
    throw error;
  }
  if (!refs.length) throw new UsageError('no claims match: the kind or paper has no claims in this selection');
  const outs = flags(parsed, 'out').map((out) => {
    const ext = extname(out).toLowerCase();
    if (ext !== '.html' && ext !== '.pdf') throw new UsageError(`--out ${showPath(out)}: a report is .html or .pdf`);
    const why = whyNotWritable(out);
    if (why) throw new UsageError(`--out ${showPath(out)} cannot be written: ${why}`);
    return resolve(out);
  });
  return { refs, outs };
}

/** The verdict table: claim, expected, tolerance, measured, ✓/✗, run id. */
export function outcomeTable(outcomes: readonly ClaimOutcome[]): string {
  const rows = [
    ['claim', 'expected', 'tolerance', 'measured', '', 'run'],
    ...outcomes.map((o) => [o.key, o.expected, o.tolerance, o.measured === null ? `— (${o.error ?? 'not measured'})` : fmt(o.measured), o.status === 'pass' ? '✓' : '✗', o.runId ?? '—']),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}

/** Runs the claims on `engine`; returns the exit status. */
export async function runReproduction(engine: Engine, plan: { refs: ClaimRef[]; outs: string[] }, json: boolean, io: Io, afterClose: (release: () => void) => void): Promise<number> {
  let cancel: (() => void) | null = null;
  let cancelWanted = false;
  const guard = guardInterrupts(() => {
    cancelWanted = true;
    cancel?.();
  }, (line) => io.err(line));
  afterClose(() => guard.release());
  const interactive = process.stderr.isTTY === true;
  let lastTenth = -1;
  let lastSettled = 0;
  io.err(`reproduce: ${plan.refs.length} claim${plan.refs.length === 1 ? '' : 's'}\n`);
  const result = await reproduce(engine.service, plan.refs, {
    onStarted: (c, ids) => {
      cancel = c;
      io.err(`${ids.length} run${ids.length === 1 ? '' : 's'} queued\n`);
      if (cancelWanted) c();
    },
    onProgress: (fraction, settled, total) => {
      const pct = Math.floor(fraction * 100);
      const line = `  ${String(pct).padStart(3)}%  runs finished ${settled}/${total}`;
      if (interactive) io.err(`\r${line}\u001b[K`);
      else if (Math.floor(pct / 10) > lastTenth || settled > lastSettled) {
        lastTenth = Math.floor(pct / 10);
        lastSettled = settled;
        io.err(line + '\n');
      }
    },
  });
  if (interactive) io.err('\r\u001b[K');
  const header = { tag: result.tag, startedAt: result.startedAt, durationMs: result.durationMs, appVersion: APP_VERSION };
  for (const out of plan.outs) {
    const bytes = out.toLowerCase().endsWith('.pdf')
      ? reportPdf(header, plan.refs, result.outcomes, result.runs)
      : await reportHtml(header, plan.refs, result.outcomes, result.runs);
    writeFileSync(out, bytes);
    io.err(`wrote ${out}\n`);
  }
  const failed = result.outcomes.filter((o) => o.status !== 'pass').length;
  if (json) {
    io.out(JSON.stringify({ tag: result.tag, startedAt: result.startedAt, durationMs: result.durationMs, passed: result.outcomes.length - failed, failed, claims: result.outcomes }) + '\n');
  } else {
    io.out(outcomeTable(result.outcomes));
    io.err(`${result.outcomes.length - failed} of ${result.outcomes.length} claims reproduce (${(result.durationMs / 1000).toFixed(1)} s; runs tagged ${result.tag})\n`);
  }
  return failed ? 1 : 0;
}
