/**
 * CSV export and spreadsheet formulas (OWASP CSV injection): a text cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return is written with a leading `'`; numbers, negative ones
 * included, stay numbers.
 */
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseCsvText, runsToCsv, runsToJson } from '../../app/engine/export/data-export.js';
import type { RunRecord } from '../../view/records.js';

function runWith(series: { name: string; label: string; x: number[]; y: number[]; band?: [number[], number[]] }[]): RunRecord {
  return {
    id: 'run-0001', kind: 'sgd-glm', name: '=cmd|"/c calc"!A1', status: 'done', params: {}, paramsHash: '0123456789abcdef', seed: 1,
    replicas: 1, rng: 'rng', solver: {}, appVersion: '0.1.0', createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null,
    durationMs: null, error: null, tags: ['@risk'],
    result: {
      series: series.map((s) => ({
        name: s.name, source: 'theory' as const, label: s.label, x: Float64Array.from(s.x), y: Float64Array.from(s.y), xLabel: 't', yLabel: 'risk',
        ...(s.band ? { band: { kind: 'std' as const, lo: Float64Array.from(s.band[0]), hi: Float64Array.from(s.band[1]) } } : {}),
      })),
      scalars: {},
      notes: [],
    },
  };
}

describe('CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A2)', "'+SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "\"'\rCR\""],
    ['=HYPERLINK("http://x.example","a, b")', `"'=HYPERLINK(""http://x.example"",""a, b"")"`],
    ['risk', 'risk'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('writes the text %j as %j', (text, cell) => {
    expect(csvField(text)).toBe(cell);
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(-1e-300)).toBe('-1e-300');
    expect(csvField(-Infinity)).toBe('-Infinity');
    expect(neutraliseCsvText('-0.5')).toBe("'-0.5");
  });
});

describe('runsToCsv', () => {
  it('neutralises formula-like series names and labels and leaves every number as written', () => {
    const csv = runsToCsv([
      runWith([
        { name: '=risk', label: '@label', x: [-0.5, 0], y: [-1.25, 2], band: [[-2, -1], [0, 3]] },
        { name: 'risk', label: '+1', x: [1], y: [-3] },
      ]),
    ]);
    const rows = csv.trim().split('\n').map((line) => line.split(','));
    expect(rows[1]).toEqual(['run-0001', 'sgd-glm', "'=risk", 'theory', "'@label", '', '-0.5', '-1.25', 'std', '-2', '0']);
    expect(rows[2]).toEqual(['run-0001', 'sgd-glm', "'=risk", 'theory', "'@label", '', '0', '2', 'std', '-1', '3']);
    expect(rows[3]).toEqual(['run-0001', 'sgd-glm', 'risk', 'theory', "'+1", '', '1', '-3', '', '', '']);
    const numberColumns = [6, 7, 9, 10];
    for (const row of rows.slice(1)) for (const i of numberColumns) if (row[i]) expect(Number.isNaN(Number(row[i]))).toBe(false);
  });

  it('puts a run\'s images into JSON export with size, channels, range and every value', () => {
    const run = runWith([]);
    run.result!.images = [{ name: 'rgb', width: 1, height: 1, channels: 3, range: [0, 2], data: Float64Array.of(0.5, 1, 1 / 3) }];
    const json = JSON.parse(runsToJson([run]));
    expect(json.images).toEqual([{ name: 'rgb', width: 1, height: 1, channels: 3, range: [0, 2], data: [0.5, 1, 1 / 3] }]);
  });

  it('puts a run\'s image grids into JSON export with title, row and column labels and cells', () => {
    const run = runWith([]);
    run.result!.images = [{ name: 'a', width: 1, height: 1, data: Float64Array.of(1) }];
    run.result!.grids = [{ name: 'g', rows: ['r1'], columns: ['c1', 'c2'], cells: [['a', null]] }];
    const json = JSON.parse(runsToJson([run]));
    expect(json.grids).toEqual([{ name: 'g', title: null, rows: ['r1'], columns: ['c1', 'c2'], cells: [['a', null]] }]);
  });

  it('leaves JSON export as it was: JSON has no formulas', () => {
    const json = JSON.parse(runsToJson([runWith([{ name: '=risk', label: '@label', x: [0], y: [1] }])]));
    expect(json.name).toBe('=cmd|"/c calc"!A1');
    expect(json.series[0].label).toBe('@label');
  });
});
