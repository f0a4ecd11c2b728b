/** CSV inputs: numeric columns by name, and one error naming the file, row and column. */
import { describe, expect, it } from 'vitest';
import { InputError, parseCsvTable } from '../../app/engine/inputs/csv.js';

describe('parseCsvTable', () => {
  it('reads named numeric columns as Float64Arrays', () => {
    const t = parseCsvTable('x,y\n1,2\n3,4.5\n', 'data.csv');
    expect(t.rows).toBe(2);
    expect(t.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(Array.from(t.columns[1]!.values)).toEqual([2, 4.5]);
  });

  it('refuses a non-numeric cell naming the file, row and column', () => {
    const text = 'x,y\n' + Array.from({ length: 15 }, (_, i) => `${i},${i}`).join('\n') + '\n16,abc\n';
    expect(() => parseCsvTable(text, 'data.csv')).toThrow(new InputError('data.csv row 17, column "y": "abc" is not a number'));
  });

  it('refuses a row with the wrong number of values', () => {
    expect(() => parseCsvTable('x,y\n1,2\n3\n', 'd.csv')).toThrow('d.csv row 3: 1 values, the header has 2');
  });

  it('refuses an empty file and a header without rows', () => {
    expect(() => parseCsvTable('', 'e.csv')).toThrow('e.csv: the file is empty');
    expect(() => parseCsvTable('x,y\n', 'h.csv')).toThrow('h.csv: no data rows after the header');
  });

  it('keeps the cells of declared text columns (a train | test split) as text, and still refuses words elsewhere', () => {
    const t = parseCsvTable('x1,y,split\n1,2,train\n3,4,test\n', 'data.csv', ['split']);
    expect(t.columns.map((c) => c.name)).toEqual(['x1', 'y']);
    expect(t.textColumns).toEqual([{ name: 'split', values: ['train', 'test'] }]);
    expect(() => parseCsvTable('x1,y,split\n1,2,train\n', 'data.csv')).toThrow('data.csv row 2, column "split": "train" is not a number');
    expect(() => parseCsvTable('x1,y\n1,train\n', 'data.csv', ['split'])).toThrow('column "y": "train" is not a number');
  });
});
