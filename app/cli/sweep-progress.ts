/**
 * The sweep command's progress on stderr: one line rewritten in place on a terminal; otherwise a
 * line when the phase changes and at every tenth of it, so a log of a 10 000-point sweep stays short.
 */
import type { ApiEvents } from '../api.js';

type SweepProgress = ApiEvents['sweep:progress'];

const PHASE_TEXT: Record<SweepProgress['phase'], string> = {
  checking: 'checking points',
  storing: 'storing runs',
  running: 'runs finished',
};

export function sweepProgressLine(p: SweepProgress): string {
  return `sweep ${p.id}: ${PHASE_TEXT[p.phase]} ${p.done}/${p.total}`;
}

export interface ProgressPrinter {
  show(p: SweepProgress): void;
  /** Ends the line being rewritten (terminal only). */
  end(): void;
}

export function sweepProgressPrinter(write: (text: string) => void, interactive: boolean): ProgressPrinter {
  let phase: SweepProgress['phase'] | null = null;
  let tenth = -1;
  let open = false;
  return {
    show(p) {
      if (interactive) {
        write(`\r${sweepProgressLine(p)}\u001b[K`);
        open = true;
        return;
      }
      const step = p.total ? Math.floor((10 * p.done) / p.total) : 10;
      if (p.phase === phase && step <= tenth) return;
      phase = p.phase;
      tenth = step;
      write(`${sweepProgressLine(p)}\n`);
    },
    end() {
      if (open) write('\r\u001b[K');
      open = false;
    },
  };
}
