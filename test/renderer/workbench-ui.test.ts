/**
 * The pure parts of the workbench UI: notes Markdown, equation TeX, library queries, the sweep
 * form, linked axes, overlays, sweep summaries, data export, routes, shortcuts and stored prefs.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { RunDetail, SweepDetail } from '../../app/api.js';
import type { Series } from '../../core/models/model-kind.js';
import { kinds } from '../../core/models/registry.js';
import { buildChartConfig } from '../../view/charts/chart-config.js';
import { buildHeatmapConfig } from '../../view/charts/heatmap-config.js';
import { applyRanges, commonRanges } from '../../view/charts/linked-axes.js';
import { overlaySeries, runLabels } from '../../view/charts/overlay.js';
import { numericSweepAxes, sweepHeatmapInput, sweepLineSeries, sweepScalarNames } from '../../view/charts/sweep-summary.js';
import { buildFields } from '../../renderer/src/form/schema-fields.js';
import { countPoints, paramOverrides, parseAxisValues, parseSeeds, sweepablePaths, sweepSpec } from '../../renderer/src/form/sweep.js';
import { dataFileStem, runsToCsv, runsToJson } from '../../view/data-export.js';
import { safeFilename } from '../../renderer/src/lib/download.js';
import { parseInline, parseMarkdown, plainText } from '../../renderer/src/lib/markdown.js';
import { buildQuery, EMPTY_FILTERS, pageLabel, parseTags, splitWhere } from '../../renderer/src/lib/query.js';
import { parseRoute, routeHash, type Route } from '../../renderer/src/lib/route.js';
import { isTypingTarget, shortcutFor } from '../../renderer/src/lib/shortcuts.js';
import { readPrefs, writePrefs, type KeyValueStore } from '../../renderer/src/lib/storage.js';
import { toTex } from '../../renderer/src/lib/tex.js';

const f64 = (v: number[]) => Float64Array.from(v);

function series(name: string, source: Series['source'], x: number[], y: number[], extra: Partial<Series> = {}): Series {
  return { name, source, x: f64(x), y: f64(y), xLabel: 't', yLabel: name, ...extra };
}

describe('notes Markdown', () => {
  it('reads paragraphs, headings, lists, code and inline markup into a tree of text', () => {
    const doc = parseMarkdown('# Result\n\nChecks the **noise floor** with *care*.\nSecond line.\n\n- one `x`\n- two\n\n1. first\n2. second\n\n```\ncode <b>\n```');
    expect(doc.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'code']);
    expect(doc[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Checks the ' },
        { type: 'strong', children: [{ type: 'text', text: 'noise floor' }] },
        { type: 'text', text: ' with ' },
        { type: 'em', children: [{ type: 'text', text: 'care' }] },
        { type: 'text', text: '.\nSecond line.' },
      ],
    });
    expect(doc[2]).toMatchObject({ type: 'list', ordered: false, items: [[{ type: 'text', text: 'one ' }, { type: 'code', text: 'x' }], [{ type: 'text', text: 'two' }]] });
    expect(doc[3]).toMatchObject({ type: 'list', ordered: true });
    expect(doc[4]).toEqual({ type: 'code', text: 'code <b>' });
  });

  it('keeps links as text and HTML as text', () => {
    expect(parseInline('see [the paper](https://arxiv.org/abs/2308.08977) <script>x</script>')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', text: 'the paper', url: 'https://arxiv.org/abs/2308.08977' },
      { type: 'text', text: ' <script>x</script>' },
    ]);
  });

  it('leaves underscores inside names alone', () => {
    expect(parseInline('final_risk_theory and _italic_')).toEqual([
      { type: 'text', text: 'final_risk_theory and ' },
      { type: 'em', children: [{ type: 'text', text: 'italic' }] },
    ]);
    expect(plainText(parseMarkdown('a **b** [c](d)'))).toBe('a b c (d)');
  });
});

describe('equations', () => {
  it("turns every kind's equations into TeX that KaTeX typesets", () => {
    for (const eq of kinds.flatMap((k) => k.equations)) {
      const tex = toTex(eq);
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'ignore' })).not.toThrow();
    }
    expect(toTex('theta_{k+1} = theta_k - (gamma/d) <x, theta*>')).toBe('\\theta _{k+1} = \\theta _k - (\\gamma /d) \\langle x, \\theta ^{*}\\rangle');
    expect(toTex('R(inf) = omega^2 for gamma < gamma_c')).toBe('R(\\infty ) = \\omega ^2 \\text{ for } \\gamma < \\gamma _c');
  });

  it('passes TeX through unchanged', () => {
    expect(toTex('\\frac{1}{2}')).toBe('\\frac{1}{2}');
  });
});

describe('library queries', () => {
  it('builds one page of a query from the filters', () => {
    const q = buildQuery(
      { ...EMPTY_FILTERS, text: ' noise floor ', kind: 'sgd-glm', status: 'done', tag: 'baseline', where: 'lr.gamma > 1; d >= 100 and noise = 0' },
      { sort: 'name', order: 'asc', offset: 50, limit: 50, trash: false },
    );
    expect(q).toEqual({ sort: 'name', order: 'asc', limit: 50, offset: 50, text: 'noise floor', kind: 'sgd-glm', status: 'done', tag: 'baseline', where: ['lr.gamma > 1', 'd >= 100', 'noise = 0'] });
    expect(buildQuery(EMPTY_FILTERS, { sort: 'created', order: 'desc', offset: 0, limit: 25, trash: true })).toEqual({ sort: 'created', order: 'desc', limit: 25, offset: 0, deleted: true });
  });

  it('splits parameter filters and tags, and labels pages', () => {
    expect(splitWhere(' a > 1 ;; b = x && c < 2 ')).toEqual(['a > 1', 'b = x', 'c < 2']);
    expect(parseTags('baseline, paper-fig2  baseline')).toEqual(['baseline', 'paper-fig2']);
    expect(pageLabel(0, 50, 10_000)).toBe('1–50 of 10\u2009000');
    expect(pageLabel(0, 0, 0)).toBe('0 runs');
  });
});

describe('the sweep form', () => {
  const fields = buildFields(
    (() => {
      const schema = { type: 'object', properties: { d: { type: 'integer', minimum: 2 }, problem: { enum: ['least_squares', 'logistic'] }, lr: { type: 'object', properties: { gamma: { type: 'number' } } }, on: { type: 'boolean' } } };
      return schema;
    })(),
  );
  const paths = sweepablePaths(fields, {});

  it('offers every scalar parameter with its type', () => {
    expect(paths.map((p) => [p.path, p.type])).toEqual([
      ['d', 'integer'],
      ['problem', 'enum'],
      ['lr.gamma', 'number'],
      ['on', 'boolean'],
    ]);
  });

  it('reads comma-separated values by type and explains what is wrong', () => {
    const find = (p: string) => paths.find((x) => x.path === p);
    expect(parseAxisValues('0.5, 1, 1.5e0', find('lr.gamma'))).toEqual({ ok: true, values: [0.5, 1, 1.5] });
    expect(parseAxisValues('100, 1.5', find('d'))).toEqual({ ok: false, error: '"1.5" is not an integer' });
    expect(parseAxisValues('logistic, least_squares', find('problem'))).toEqual({ ok: true, values: ['logistic', 'least_squares'] });
    expect(parseAxisValues('probit', find('problem'))).toMatchObject({ ok: false });
    expect(parseAxisValues('true,false', find('on'))).toEqual({ ok: true, values: [true, false] });
    expect(parseAxisValues('1, 1', find('lr.gamma'))).toEqual({ ok: false, error: '1 appears twice' });
    expect(parseAxisValues(' ', find('lr.gamma'))).toMatchObject({ ok: false });
  });

  it('reads seeds with ranges and counts the points of each mode', () => {
    expect(parseSeeds('1-3, 7')).toEqual({ ok: true, seeds: [1, 2, 3, 7] });
    expect(parseSeeds('3-1')).toMatchObject({ ok: false });
    expect(countPoints('grid', [3, 2], 0)).toEqual({ ok: true, count: 6 });
    expect(countPoints('zip', [3, 2], 0)).toMatchObject({ ok: false });
    expect(countPoints('zip', [3, 3], 0)).toEqual({ ok: true, count: 3 });
    expect(countPoints('seeds', [], 4)).toEqual({ ok: true, count: 4 });
    expect(countPoints('seeds', [3], 4)).toEqual({ ok: true, count: 12 });
    expect(countPoints('grid', [], 0)).toMatchObject({ ok: false });
  });

  it('sends only the base parameters that differ from the reference', () => {
    const defaults = { d: 1000, T: 10, lr: { policy: 'constant', gamma: 1 }, spectrum: { kind: 'isotropic', values: [] as number[] } };
    const values = { d: 50, T: 10, lr: { policy: 'constant', gamma: 1 }, spectrum: { kind: 'isotropic', values: [1, 2] } };
    expect(paramOverrides(values, defaults)).toEqual({ d: 50, spectrum: { values: [1, 2] } });
    const spec = sweepSpec({ kind: 'k', name: ' s ', preset: '', params: { d: 50 }, mode: 'grid', axes: [{ path: 'lr.gamma', values: [1, 2] }], seeds: [1], seed: undefined, replicas: 2 });
    expect(spec).toEqual({ kind: 'k', name: 's', mode: 'grid', params: { d: 50 }, axes: [{ path: 'lr.gamma', values: [1, 2] }], replicas: 2 });
  });
});

describe('charts for compare and sweeps', () => {
  it('links the axes of several panels to the union of their ranges', () => {
    const a = buildChartConfig([series('risk', 'theory', [0, 1, 2], [1, 0.5, 0.25])]).config;
    const b = buildChartConfig([series('risk', 'theory', [0, 4], [2, 0.1])]).config;
    const ranges = commonRanges([a, b]);
    expect(ranges).toEqual({ x: [0, 4], y: [0.1, 2] });
    applyRanges(a, ranges);
    const scales = a.options!.scales as Record<string, { suggestedMin?: number; suggestedMax?: number }>;
    expect([scales.x!.suggestedMin, scales.x!.suggestedMax, scales.y!.suggestedMin, scales.y!.suggestedMax]).toEqual([0, 4, 0.1, 2]);
  });

  it('overlays runs without their replicas and tells runs of the same name apart', () => {
    const s = [series('risk', 'theory', [0], [1]), series('risk', 'simulation', [0], [1], { replica: 0 }), series('risk', 'simulation', [0], [1], { band: { kind: 'std', lo: f64([0]), hi: f64([2]) } })];
    const out = overlaySeries([
      { id: 'aaaa-1111', name: 'run', series: s },
      { id: 'bbbb-2222', name: 'run', series: s },
    ]);
    expect(out.map((x) => x.label)).toEqual(['run [1111]: theory', 'run [1111]: simulation', 'run [2222]: theory', 'run [2222]: simulation']);
    expect(runLabels([{ id: 'x', name: '' }])).toEqual(['x']);
    // Each run gets its own colour.
    const model = buildChartConfig(out);
    const colour = new Map(model.config.data.datasets.filter((_, i) => model.roles[i] === 'curve').map((d) => [d.label, d.borderColor]));
    expect(colour.get('run [1111]: theory')).toBe(colour.get('run [1111]: simulation'));
    expect(colour.get('run [1111]: theory')).not.toBe(colour.get('run [2222]: theory'));
  });

  const run = (id: string, point: Record<string, unknown>, value: number, status: 'done' | 'failed' = 'done') =>
    ({ id, status, scalars: status === 'done' ? { risk: value } : {}, sweepPoint: point }) as unknown as SweepDetail['runs'][number];
  const sweep = {
    spec: { kind: 'k', mode: 'grid', axes: [{ path: 'a', values: [1, 2, 3] }, { path: 'b', values: [0, 1] }, { path: 'c', values: ['x'] }] },
    boundaries: [{ label: 'critical', x: [1, 3], y: [0, 1] }],
    runs: [run('1', { a: 1, b: 0 }, 1), run('2', { a: 2, b: 0 }, 2), run('3', { a: 3, b: 0 }, 3), run('4', { a: 1, b: 1 }, 4), run('5', { a: 2, b: 1 }, 5), run('6', { a: 3, b: 1 }, 0, 'failed')],
  } as unknown as SweepDetail;

  it('summarises a sweep as one line per value of the other axis and a heatmap grid', () => {
    expect(sweepScalarNames(sweep)).toEqual(['risk']);
    expect(numericSweepAxes(sweep)).toEqual(['a', 'b']);
    const line = sweepLineSeries(sweep, 'risk', 'a');
    const curves = line.filter((s) => s.source !== 'bound_upper');
    expect(curves.map((s) => s.label)).toEqual(['b=0', 'b=1']);
    expect(Array.from(curves[0]!.x)).toEqual([1, 2, 3]);
    expect(Array.from(curves[0]!.y)).toEqual([1, 2, 3]);
    expect(Array.from(curves[1]!.x)).toEqual([1, 2]);
    expect(Array.from(curves[1]!.y)).toEqual([4, 5]);
    expect(curves[0]!.band).toBeUndefined();
    const heat = sweepHeatmapInput(sweep, 'risk', 'a', 'b');
    expect(heat.z).toEqual([
      [1, 2, 3],
      [4, 5, null],
    ]);
    expect(heat.boundaries).toHaveLength(1);
    const config = buildHeatmapConfig({ ...heat, theme: 'dark' });
    expect(config.data.datasets.map((d) => d.label)).toEqual(['critical']);
    const x = config.options!.scales!.x as unknown as { min: number; max: number; afterBuildTicks?: (axis: { ticks: { value: number }[] }) => void };
    const axis = { ticks: [] as { value: number }[] };
    x.afterBuildTicks?.(axis);
    expect(axis.ticks.map((t) => t.value)).toEqual([1, 2, 3]);
    expect([x.min, x.max]).toEqual([0.5, 3.5]);
  });
});

describe('data export', () => {
  const detail = {
    id: 'run-0001',
    kind: 'sgd-glm',
    name: 'a, "quoted" name',
    status: 'done',
    params: { d: 50 },
    paramsHash: 'h',
    seed: 1,
    replicas: 2,
    rng: 'r',
    solver: {},
    appVersion: '0',
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    durationMs: 3,
    error: null,
    tags: ['t'],
    notes: '',
    result: {
      series: [
        series('risk', 'theory', [0, 0.1], [1, 1 / 3], { label: 'ODE, theory' }),
        series('risk', 'simulation', [0, 0.1], [0.9, Number.NaN], { band: { kind: 'quantile', lo: f64([0.8, 0.2]), hi: f64([1, 0.4]) } }),
        series('risk', 'simulation', [0, 0.1], [0.7, 0.1], { replica: 1 }),
      ],
      scalars: { x: 1 },
    },
  } as unknown as RunDetail;

  it('writes long-format CSV and provenance JSON at full precision', () => {
    expect(JSON.parse(runsToJson([detail])).id).toBe('run-0001');
    expect(JSON.parse(runsToJson([detail, detail])).runs).toHaveLength(2);
    const lines = runsToCsv([detail]).trim().split('\n');
    expect(lines[0]).toBe('run_id,kind,series,source,label,replica,x,y,band_kind,band_lo,band_hi');
    expect(lines[2]).toBe('run-0001,sgd-glm,risk,theory,"ODE, theory",,0.1,0.3333333333333333,,,');
    expect(Number(lines[2]!.split(',')[8])).toBe(1 / 3);
    expect(dataFileStem(['a'])).toBe('limitlab-a');
    expect(dataFileStem(['a', 'b'], new Date('2026-01-02T03:04:05Z'))).toBe('limitlab-2-runs-2026-01-02-03-04-05');
    expect(safeFilename('a/b:c?.csv')).toBe('a_b_c_.csv');
  });
});

describe('routes, shortcuts and stored preferences', () => {
  it('round-trips every view through the URL hash', () => {
    const routes: Route[] = [
      { view: 'new' },
      { view: 'run', id: 'abc-123' },
      { view: 'compare', ids: ['a1', 'b2'] },
      { view: 'aggregate', ids: ['a1', 'b2', 'c3'] },
      { view: 'new-sweep' },
      { view: 'sweep', id: 'sw-1' },
      { view: 'docs', kind: null },
      { view: 'docs', kind: 'sgd-glm' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
    expect(parseRoute('#/compare/a1,A!')).toEqual({ view: 'none' });
    expect(parseRoute('#/compare/a1,a1')).toEqual({ view: 'compare', ids: ['a1'] });
  });

  it('maps keys to actions, but not while typing', () => {
    const key = (k: string, target: unknown = { tagName: 'BODY' }, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
      shortcutFor({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods, target: target as EventTarget });
    expect(['n', '/', 'c', 'e', 'Delete', '?', 's', 't'].map((k) => key(k))).toEqual(['new-run', 'focus-search', 'compare', 'export', 'trash', 'help', 'new-sweep', 'theme']);
    expect(key('n', { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(key('c', { tagName: 'INPUT', type: 'checkbox' })).toBe('compare');
    expect(key('n', { tagName: 'TEXTAREA' })).toBeNull();
    expect(key('c', undefined, { ctrlKey: true })).toBeNull();
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
  });

  it('reads stored preferences over the defaults and ignores damaged entries', () => {
    const data = new Map<string, string>();
    const store: KeyValueStore = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
    const defaults = { theme: 'light', width: 500, columns: ['a'] };
    expect(readPrefs('x', defaults, store)).toEqual(defaults);
    writePrefs('x', { theme: 'dark', width: 'wide', columns: ['b'], extra: 1 }, store);
    expect(readPrefs('x', defaults, store)).toEqual({ theme: 'dark', width: 500, columns: ['b'] });
    data.set('limitlab.ui.x', '{not json');
    expect(readPrefs('x', defaults, store)).toEqual(defaults);
  });
});
