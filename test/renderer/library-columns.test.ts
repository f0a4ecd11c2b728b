/**
 * Parameter and scalar columns of the runs table, the filter they start, the sort they request,
 * and the Columns popover closing on Escape or a press outside.
 */
import { describe, expect, it } from 'vitest';
import type { KindInfo, RunSummary } from '../../app/api.js';
import { dismissReason } from '../../renderer/src/lib/dismiss.js';
import {
  cleanFieldColumns,
  fieldCell,
  fieldLabel,
  isNumericColumn,
  MAX_FIELD_COLUMNS,
  parameterColumns,
  scalarColumns,
  startFilter,
  toggleFieldColumn,
  type ColumnPrefs,
  type FieldColumn,
} from '../../renderer/src/lib/field-columns.js';
import { buildQuery, EMPTY_FILTERS } from '../../renderer/src/lib/query.js';

const run = (params: Record<string, unknown>, scalars: Record<string, number | string>) => ({ params, scalars }) as Pick<RunSummary, 'params' | 'scalars'>;

describe('field columns', () => {
  const kinds = [
    { id: 'a', defaults: { d: 10, lr: { policy: 'constant', gamma: 1 }, dims: [1, 2] } },
    { id: 'b', defaults: { d: 5, classes: 2 } },
  ] as unknown as KindInfo[];

  it('offer every leaf parameter of the kinds once, or of the kind filtered on', () => {
    expect(parameterColumns(kinds)).toEqual(['params.d', 'params.lr.policy', 'params.lr.gamma', 'params.dims', 'params.classes']);
    expect(parameterColumns(kinds, 'b')).toEqual(['params.d', 'params.classes']);
  });

  it('offer the scalars of the runs in view, sorted', () => {
    expect(scalarColumns([run({}, { risk: 1, acc: 0.5 }), run({}, { risk: 2, 'bad name': 1 }), run({}, {})])).toEqual(['scalars.acc', 'scalars.risk']);
  });

  it('show a parameter or a scalar of a run, empty where the run has none', () => {
    const r = run({ lr: { gamma: 0.123456789 }, dims: [1, 2] }, { final_risk_theory: 0.0123, rho: 'Infinity' });
    expect(fieldCell(r, 'params.lr.gamma')).toBe('0.123457');
    expect(fieldCell(r, 'params.dims')).toBe('[1, 2]');
    expect(fieldCell(r, 'scalars.final_risk_theory')).toBe('0.0123');
    expect(fieldCell(r, 'scalars.rho')).toBe('Infinity');
    expect(fieldCell(r, 'scalars.missing')).toBe('');
    expect(fieldCell(r, 'params.lr.missing')).toBe('');
    expect(fieldCell(run({}, { toString: 1 }), 'scalars.constructor')).toBe('');
    expect(fieldLabel('params.lr.gamma')).toBe('lr.gamma');
  });

  it('right-align numbers: scalars always, parameters when a run has a number there', () => {
    const runs = [run({ d: 3, kind: 'x' }, {})];
    expect(isNumericColumn(runs, 'params.d')).toBe(true);
    expect(isNumericColumn(runs, 'params.kind')).toBe(false);
    expect(isNumericColumn(runs, 'scalars.x')).toBe(true);
  });

  it('keep only well-formed stored columns, each once, at most the limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => `scalars.s${i}`);
    expect(cleanFieldColumns(['params.d', 'params.d', 'x', 'params.', 42, 'scalars.a b', ...many])).toHaveLength(MAX_FIELD_COLUMNS);
    expect(cleanFieldColumns(['params.d', 'params.d', 'x', 'params.__bad-', 'scalars.r'])).toEqual(['params.d', 'scalars.r']);
  });

  it('toggle a column; hiding the one the table is sorted by sorts by Created again', () => {
    const prefs: ColumnPrefs = { fieldColumns: [], sort: 'created', order: 'desc' };
    toggleFieldColumn(prefs, 'scalars.risk');
    prefs.sort = 'scalars.risk';
    prefs.order = 'asc';
    toggleFieldColumn(prefs, 'params.d');
    expect(prefs.fieldColumns).toEqual(['scalars.risk', 'params.d']);
    toggleFieldColumn(prefs, 'scalars.risk');
    expect(prefs).toEqual({ fieldColumns: ['params.d'], sort: 'created', order: 'desc' });
    const full: ColumnPrefs = { fieldColumns: cleanFieldColumns(Array.from({ length: 12 }, (_, i) => `scalars.s${i}`)), sort: 'created', order: 'desc' };
    toggleFieldColumn(full, 'params.d');
    expect(full.fieldColumns).not.toContain('params.d');
  });

  it('start a filter clause on a column after what is already there', () => {
    expect(startFilter('', 'scalars.final_risk_theory')).toBe('scalars.final_risk_theory ');
    expect(startFilter('d >= 500; ', 'params.lr.gamma')).toBe('d >= 500; params.lr.gamma ');
  });

  it('a field column sorts the query by that field', () => {
    const sort: FieldColumn = 'scalars.final_risk_theory';
    expect(buildQuery(EMPTY_FILTERS, { sort, order: 'asc', offset: 0, limit: 50, trash: false })).toMatchObject({ sort, order: 'asc' });
  });
});

describe('Columns popover', () => {
  const inside = (t: unknown) => t === 'menu' || t === 'button';

  it('closes on Escape and on a press or focus outside it, not on one inside it or on its button', () => {
    expect(dismissReason({ type: 'keydown', key: 'Escape', target: 'menu' }, inside)).toBe('escape');
    expect(dismissReason({ type: 'keydown', key: 'Escape', target: 'body' }, inside)).toBe('escape');
    expect(dismissReason({ type: 'keydown', key: 'a', target: 'menu' }, inside)).toBeNull();
    expect(dismissReason({ type: 'pointerdown', target: 'body' }, inside)).toBe('outside');
    expect(dismissReason({ type: 'focusin', target: 'search' }, inside)).toBe('outside');
    expect(dismissReason({ type: 'pointerdown', target: 'menu' }, inside)).toBeNull();
    expect(dismissReason({ type: 'pointerdown', target: 'button' }, inside)).toBeNull();
  });
});
