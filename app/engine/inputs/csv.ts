/**
 * CSV tables: a header row of column names, then numeric rows (a column named `split` may also
 * hold train | test, read as 1 | 0). Any problem is one error naming
 * the file, the row (1-based, the header is row 1) and the column.
 */
import type { TableDataset } from '../../../core/models/kit/dataset.js';

/** A dataset input that cannot be used; its message names the bad file, row or column. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A column named `split` may say train or test (read as 1 and 0) to fix a train/test split. */
const SPLIT_COLUMN = 'split';
const SPLIT_VALUES: Record<string, number> = { train: 1, test: 0 };

/** Parse CSV text into a table; `label` (usually the file name) leads every error message. */
export function parseCsvTable(text: string, label: string): TableDataset {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new InputError(`${label}: the file is empty`);
  const names = lines[0]!.split(',').map((n) => n.trim());
  names.forEach((name, i) => {
    if (name === '') throw new InputError(`${label} row 1: column ${i + 1} has no name`);
    if (names.indexOf(name) !== i) throw new InputError(`${label} row 1: column "${name}" appears twice`);
  });
  const rows = lines.length - 1;
  if (rows === 0) throw new InputError(`${label}: no data rows after the header`);
  const values = names.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(',');
    const rowNo = r + 2;
    if (cells.length !== names.length) {
      throw new InputError(`${label} row ${rowNo}: ${cells.length} values, the header has ${names.length}`);
    }
    cells.forEach((cell, c) => {
      const text = cell.trim();
      const split = names[c] === SPLIT_COLUMN ? SPLIT_VALUES[text.toLowerCase()] : undefined;
      const x = split ?? (text === '' ? NaN : Number(text));
      if (!Number.isFinite(x)) {
        throw new InputError(`${label} row ${rowNo}, column "${names[c]}": "${text}" is not a number`);
      }
      values[c]![r] = x;
    });
  }
  return { type: 'table', columns: names.map((name, i) => ({ name, values: values[i]! })), rows };
}
