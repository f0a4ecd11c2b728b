/** The data of a run from its parameters and context: the CSV input when data.source = file, else synthetic. */
import type { TableDataset } from '../kit/dataset.js';
import type { InputSpec } from '../model-kind.js';
import { type Data, checkTable, syntheticData, tableData } from './data.js';
import type { AdaptiveKernelParams } from './params.js';

export const DATA_INPUT = 'data';

/** The CSV the kind reads when data.source = file (checked by the engine before the run starts). */
export const dataInput: InputSpec<AdaptiveKernelParams> = {
  name: DATA_INPUT,
  pathParam: 'data.path',
  accepts: ['csv'],
  textColumns: ['split'],
  used: (p) => p.data.source === 'file',
  check: (p, dataset) => (dataset.type === 'table' ? checkTable(p, dataset) : 'expected a CSV table (columns x1..xd, y), not images'),
};

export function dataOf(p: AdaptiveKernelParams, seed: number, inputs: Readonly<Record<string, unknown>> | undefined): Data {
  if (p.data.source === 'synthetic') return syntheticData(p, seed);
  const table = inputs?.[DATA_INPUT] as TableDataset | undefined;
  if (!table || table.type !== 'table') throw new RangeError(`data.source = file needs the CSV at data.path (${p.data.path}) read as the input "${DATA_INPUT}"`);
  return tableData(p, table, seed);
}
