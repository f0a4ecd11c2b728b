import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../app/api.js';
import { sweepProgressLine, sweepProgressPrinter } from '../../app/cli/sweep-progress.js';

type Progress = ApiEvents['sweep:progress'];
const at = (phase: Progress['phase'], done: number, total = 10_000): Progress => ({ id: 'mx7-abc', phase, done, total, fraction: done / total });

describe('sweep progress on stderr', () => {
  it('names the sweep, the phase and the count', () => {
    expect(sweepProgressLine(at('checking', 250))).toBe('sweep mx7-abc: checking points 250/10000');
    expect(sweepProgressLine(at('storing', 10_000))).toBe('sweep mx7-abc: storing runs 10000/10000');
    expect(sweepProgressLine(at('running', 3))).toBe('sweep mx7-abc: runs finished 3/10000');
  });

  it('writes a log line per phase change and per tenth, not one per report', () => {
    const lines: string[] = [];
    const printer = sweepProgressPrinter((t) => lines.push(t), false);
    for (let done = 0; done <= 10_000; done += 50) printer.show(at('checking', done));
    for (let done = 0; done <= 10_000; done += 50) printer.show(at('running', done));
    expect(lines).toHaveLength(22);
    expect(lines[0]).toBe('sweep mx7-abc: checking points 0/10000\n');
    expect(lines[10]).toBe('sweep mx7-abc: checking points 10000/10000\n');
    expect(lines[11]).toBe('sweep mx7-abc: runs finished 0/10000\n');
    expect(lines.at(-1)).toBe('sweep mx7-abc: runs finished 10000/10000\n');
  });

  it('rewrites one line on a terminal and clears it at the end', () => {
    const out: string[] = [];
    const printer = sweepProgressPrinter((t) => out.push(t), true);
    printer.show(at('checking', 0));
    printer.show(at('checking', 5000));
    printer.end();
    printer.end();
    expect(out).toEqual(['\rsweep mx7-abc: checking points 0/10000\u001b[K', '\rsweep mx7-abc: checking points 5000/10000\u001b[K', '\r\u001b[K']);
  });
});
