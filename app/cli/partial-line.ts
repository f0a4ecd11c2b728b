/**
 * One compact line about a part's partial result, for the CLI's progress line: the part, the last
 * point of its first curve and its first scalars, marked "(so far)" so it is never read as final.
 */
import type { PartialResult } from '../../core/models/model-kind.js';

/** Scalars shown at most. */
const MAX_SCALARS = 2;

export function partialLine(partial: PartialResult & { part: string }): string {
  const bits: string[] = [];
  const curve = partial.series.find((s) => s.x.length > 0);
  if (curve) {
    const last = curve.x.length - 1;
    bits.push(`${curve.name} ${short(curve.y[last]!)} at ${curve.xLabel || 'x'} ${short(curve.x[last]!)}`);
  }
  for (const [name, value] of Object.entries(partial.scalars ?? {}).slice(0, MAX_SCALARS)) bits.push(`${name} ${short(value)}`);
  if (partial.note) bits.push(partial.note);
  return `${partial.part}: ${bits.length ? bits.join(', ') : 'running'} (so far)`;
}

/** A progress line cut to the terminal's width (at least 20 characters), so rewriting it stays on one line. */
export function fitLine(text: string, width: number): string {
  const max = Math.max(20, width);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function short(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  return abs >= 1e-3 && abs < 1e5 ? String(Number(value.toPrecision(4))) : value.toExponential(2);
}
