/** Series built from a kind's declared observables, so names and axis labels have one source. */
import type { KindOutputs, ObservableSpec, Series, SeriesSource } from '../model-kind.js';

/** The declared observables by name; asking for an undeclared one is a programming error. */
export function observablesOf(outputs: KindOutputs): (name: string) => ObservableSpec {
  const byName = new Map(outputs.observables.map((o) => [o.name, o]));
  return (name) => {
    const spec = byName.get(name);
    if (!spec) throw new RangeError(`observable "${name}" is not declared`);
    return spec;
  };
}

export function observableSeries(spec: ObservableSpec, source: SeriesSource, x: Float64Array, y: Float64Array, extra: Partial<Series> = {}): Series {
  return { name: spec.name, source, x, y, xLabel: spec.xLabel, yLabel: spec.yLabel, ...extra };
}
