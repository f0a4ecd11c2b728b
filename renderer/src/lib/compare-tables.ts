/**
 * The side-by-side parts of compare that are not charts: every run's final scalars in one table
 * (a row per scalar, a column per run), and the check that overlaid curves share the meaning of
 * their x axis.
 */

export interface ScalarRow {
  name: string;
  /** One value per run, null where the run has no such scalar. */
  values: (number | string | null)[];
  /** The runs do not all have the same value. */
  differs: boolean;
}

/** One row per scalar any of the runs has, sorted by name. */
export function scalarRows(runs: readonly { scalars: Readonly<Record<string, number | string>> }[]): ScalarRow[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.scalars)))].sort();
  return names.map((name) => {
    const values = runs.map((r) => (Object.hasOwn(r.scalars, name) ? r.scalars[name]! : null));
    return { name, values, differs: values.some((v) => !Object.is(v, values[0])) };
  });
}

export interface XAxisGroup {
  xLabel: string;
  /** Labels of the runs whose curves use this x axis. */
  runs: string[];
}

/**
 * The x axes of the curves to overlay, grouped by label, when they differ in meaning (more than one
 * label, e.g. "t = steps/d" and "t = k/n"); null when they agree and the overlay is sound.
 */
export function xAxisConflict(panels: readonly { label: string; series: readonly { xLabel: string }[] }[]): XAxisGroup[] | null {
  const groups = new Map<string, string[]>();
  for (const panel of panels) {
    for (const xLabel of new Set(panel.series.map((s) => s.xLabel.trim()))) {
      const runs = groups.get(xLabel) ?? [];
      runs.push(panel.label);
      groups.set(xLabel, runs);
    }
  }
  if (groups.size < 2) return null;
  return [...groups].map(([xLabel, runs]) => ({ xLabel, runs }));
}

/** The warning's sentence: which axis each run uses. */
export function xAxisWarning(groups: readonly XAxisGroup[]): string {
  const parts = groups.map((g) => `“${g.xLabel || '(unlabelled)'}” for ${g.runs.join(', ')}`);
  return `These runs measure x differently — ${parts.join('; ')} — so the overlay puts different quantities on one axis.`;
}
