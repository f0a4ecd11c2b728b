/**
 * CSV tables: a header row of column names, then numeric rows. Any problem is one error naming
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

/**
 * Parse CSV text into a table; `label` (usually the file name) leads every error message. Columns
 * named in `textColumns` keep their cells as text; every other cell must be a finite number.
 */
export function parseCsvTable(text: string, label: string, textColumns: readonly string[] = []): TableDataset {
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
  const isText = names.map((name) => textColumns.includes(name));
  const values = names.map((_, c) => new Float64Array(isText[c] ? 0 : rows));
  const texts = names.map((_, c) => (isText[c] ? new Array<string>(rows) : []));
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1]!.split(',');
    const rowNo = r + 2;
    if (cells.length !== names.length) {
      throw new InputError(`${label} row ${rowNo}: ${cells.length} values, the header has ${names.length}`);
    }
    cells.forEach((cell, c) => {
      const text = cell.trim();
      if (isText[c]) {
        texts[c]![r] = text;
        return;
      }
      const x = text === '' ? NaN : Number(text);
      if (!Number.isFinite(x)) {
        throw new InputError(`${label} row ${rowNo}, column "${names[c]}": "${text}" is not a number`);
      }
      values[c]![r] = x;
    });
  }
  const columns = names.flatMap((name, i) => (isText[i] ? [] : [{ name, values: values[i]! }]));
  const textCells = names.flatMap((name, i) => (isText[i] ? [{ name, values: texts[i]! }] : []));
  return { type: 'table', columns, ...(textCells.length ? { textColumns: textCells } : {}), rows };
}
