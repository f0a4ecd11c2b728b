/**
 * Tick labels for scientific axes.
 *
 * Log axes are labelled at powers of ten as "10⁻³" (superscript exponent); the 2× and 5× ticks get
 * labels only when fewer than two decades are visible, and all ticks when the range is inside one
 * decade. Linear axes switch to "m×10ᵏ" for very large or very small magnitudes.
 */

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
  '+': '⁺',
};

/** Write an integer with superscript digits: -3 -> "⁻³". */
export function superscript(n: number): string {
  return String(Math.trunc(n))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
}

/** "10ᵏ" for an integer k. */
export function powerOfTenLabel(k: number): string {
  return `10${superscript(k)}`;
}

/** Decompose a positive finite value as mantissa × 10^exponent with 1 <= mantissa < 10. */
export function decompose(value: number): { mantissa: number; exponent: number } {
  let exponent = Math.floor(Math.log10(value));
  let mantissa = value / 10 ** exponent;
  // Guard the floor of log10 against rounding (e.g. log10(1000) = 2.9999999999999996).
  if (mantissa >= 10 - 1e-9) {
    exponent += 1;
    mantissa /= 10;
  } else if (mantissa < 1 - 1e-9) {
    exponent -= 1;
    mantissa *= 10;
  }
  return { mantissa, exponent };
}

/** True when value is 10^k for an integer k (to a relative 1e-9). */
export function isPowerOfTen(value: number): boolean {
  if (!(value > 0) || !Number.isFinite(value)) return false;
  const { mantissa } = decompose(value);
  return Math.abs(mantissa - 1) < 1e-9;
}

function trimNumber(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A compact label for a positive value: plain decimals for moderate magnitudes, "m×10ᵏ" otherwise. */
export function compactLabel(value: number, digits = 2): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const { mantissa, exponent } = decompose(Math.abs(value));
  if (exponent >= -3 && exponent <= 4) {
    const decimals = Math.max(0, digits - 1 - exponent);
    return sign + trimNumber(Math.abs(value).toFixed(Math.min(decimals, 20)));
  }
  const m = trimNumber(mantissa.toFixed(Math.max(0, digits - 1)));
  return m === '1' ? `${sign}${powerOfTenLabel(exponent)}` : `${sign}${m}×${powerOfTenLabel(exponent)}`;
}

/**
 * Label of one tick on a logarithmic axis, given the values of all its ticks.
 * Returns '' for ticks that should stay unlabelled (they still get a grid line).
 */
export function formatLogTick(value: number, allTicks: readonly number[]): string {
  if (!(value > 0) || !Number.isFinite(value)) return '';
  const powers = allTicks.filter(isPowerOfTen);
  if (powers.length >= 2) {
    if (!isPowerOfTen(value)) return '';
    const k = Math.round(Math.log10(value));
    // Keep at most about eight labelled decades.
    const step = Math.ceil(powers.length / 8);
    return k % step === 0 ? powerOfTenLabel(k) : '';
  }
  if (powers.length === 1) {
    if (isPowerOfTen(value)) return powerOfTenLabel(Math.round(Math.log10(value)));
    const m = Math.round(decompose(value).mantissa * 1e6) / 1e6;
    return m === 2 || m === 5 ? compactLabel(value) : '';
  }
  return compactLabel(value);
}

/** Label of one tick on a linear axis, given the values of all its ticks. */
export function formatLinearTick(value: number, allTicks: readonly number[]): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const finite = allTicks.filter(Number.isFinite);
  const maxAbs = Math.max(Math.abs(value), ...finite.map(Math.abs));
  let step = Infinity;
  for (let i = 1; i < finite.length; i++) {
    const d = Math.abs(finite[i] - finite[i - 1]);
    if (d > 0) step = Math.min(step, d);
  }
  if (!Number.isFinite(step)) step = Math.abs(value);
  if (maxAbs >= 1e5 || maxAbs < 1e-3) {
    // Significant digits enough to tell neighbouring ticks apart.
    const digits = Math.max(1, Math.min(6, Math.ceil(Math.log10(maxAbs / step) + 1e-9) + 1));
    return compactLabel(value, digits);
  }
  return trimNumber(value.toFixed(decimalsOf(step)));
}

/** Decimals that write every multiple of `step` exactly: 1 for 0.5, 2 for 0.25, 0 for 20. */
function decimalsOf(step: number): number {
  for (let d = Math.max(0, -Math.floor(Math.log10(step) + 1e-9)); d <= 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * scaled) return d;
  }
  return 10;
}

/** Compact value for tooltips and tables: four significant digits. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) return trimNumber(value.toPrecision(4));
  return compactLabel(value, 4);
}

/**
 * One format for several values read side by side (a tooltip listing every curve at one x): the
 * decimals that give the largest magnitude four significant digits, used for all, so equal digits
 * line up; "m×10ᵏ" with four significant digits for all when the magnitudes are extreme.
 */
export function alignedFormat(values: readonly number[]): (value: number) => string {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  if (!finite.length) return formatValue;
  const top = Math.max(...finite);
  if (top >= 1e5 || top < 1e-3) return (v) => (Number.isFinite(v) ? (v === 0 ? '0' : compactLabel(v, 4)) : String(v));
  const decimals = Math.max(0, Math.min(10, 3 - Math.floor(Math.log10(top) + 1e-12)));
  return (v) => (Number.isFinite(v) ? v.toFixed(decimals) : String(v));
}
