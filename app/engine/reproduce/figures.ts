/**
 * A claim's figure: the observable it names, theory and simulation of its run on the same axes,
 * drawn by the figure export (../export/figure-spec.ts, figure.ts) as SVG or onto a PDF page.
 */
import type { RunDetail } from '../../api.js';
import { figureSpec, type FigureSpec } from '../export/figure-spec.js';
import { drawFigureFile } from '../export/figure.js';
import type { ClaimOutcome } from './evaluate.js';
import type { ClaimRef } from './select.js';

/** Size of a claim's figure, in millimetres. */
export const CLAIM_FIGURE_MM = { width: 120, height: 70 };

/** The figure of `ref` on its run, or null when the run has no such series (a failed run). */
export function claimFigureSpec(ref: ClaimRef, run: RunDetail | undefined): FigureSpec | null {
  const { series, logX, logY } = ref.claim.figure;
  if (!run?.result?.series.some((s) => s.name === series)) return null;
  return figureSpec(
    {
      figure: { type: 'run', id: run.id, name: series },
      format: 'svg',
      widthMm: CLAIM_FIGURE_MM.width,
      heightMm: CLAIM_FIGURE_MM.height,
      fontSize: 8,
      logX: logX ?? false,
      logY: logY ?? false,
      replicas: 'band',
    },
    { run: () => run, sweep: () => { throw new Error('no sweeps in a reproduction'); } },
  );
}

/** The SVG text of a claim's figure, or null. */
export async function claimFigureSvg(ref: ClaimRef, outcome: ClaimOutcome, runs: ReadonlyMap<string, RunDetail>): Promise<string | null> {
  const spec = claimFigureSpec(ref, outcome.runId ? runs.get(outcome.runId) : undefined);
  if (!spec) return null;
  return (await drawFigureFile(spec, 'svg', outcome.claim)).bytes.toString('utf8');
}
