/** Choosing claims, sharing runs between them, and a claim's verdict on a run, on hand-made runs. */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../core/models/claims.js';
import type { ModelKind, RunResult } from '../../core/models/model-kind.js';
import { getKind, kinds } from '../../core/models/registry.js';
import { evaluateClaim } from '../../app/engine/reproduce/evaluate.js';
import { planRuns } from '../../app/engine/reproduce/plan.js';
import { selectClaims, SelectionError } from '../../app/engine/reproduce/select.js';
import { escapeHtml, inlineSvg } from '../../app/engine/reproduce/report-html.js';

const base: Claim = {
  id: 'floor',
  paper: '2308.08977',
  statement: 'The excess risk settles at 0.8333 on the two-level spectrum.',
  source: 'theory note A2',
  run: { preset: 'two-level' },
  observable: { kind: 'final', series: 'excess_risk', source: 'theory' },
  expected: { kind: 'approx', value: 5 / 6, tolerance: 1e-3 },
  printed: true,
  quick: true,
  figure: { series: 'excess_risk' },
};

function kindWith(claims: Claim[]): ModelKind<unknown> {
  return { ...getKind('sgd-glm')!, claims };
}

function done(y: number[]): { id: string; status: string; error: null; finishedAt: string; result: RunResult } {
  const x = Float64Array.from(y.map((_, i) => i));
  return {
    id: 'run-00000001',
    status: 'done',
    error: null,
    finishedAt: '2026-01-01T00:00:00.000Z',
    result: { series: [{ name: 'excess_risk', source: 'theory', x, y: Float64Array.from(y), xLabel: 't', yLabel: 'e' }], scalars: {} },
  };
}

describe('selectClaims', () => {
  it('narrows by kind, paper (with or without an arXiv: prefix) and the quick subset', () => {
    const all = selectClaims(kinds);
    expect(all.length).toBeGreaterThanOrEqual(27);
    expect(selectClaims(kinds, { kind: 'dp-sgd' }).every((r) => r.kind.id === 'dp-sgd')).toBe(true);
    const hl = selectClaims(kinds, { paper: 'arXiv:2405.19585' });
    expect(hl.length).toBeGreaterThanOrEqual(3);
    expect(hl.every((r) => r.claim.paper === '2405.19585')).toBe(true);
    expect(selectClaims(kinds, { quick: true }).every((r) => r.claim.quick)).toBe(true);
  });
  it('refuses an unknown kind or paper, naming the known ones', () => {
    expect(() => selectClaims(kinds, { kind: 'nope' })).toThrow(SelectionError);
    expect(() => selectClaims(kinds, { kind: 'nope' })).toThrow(/known: sgd-glm, dp-sgd, gmm-sgd/);
    expect(() => selectClaims(kinds, { paper: '1234.56789' })).toThrow(/papers with claims: .*2505\.16329/);
  });
});

describe('planRuns', () => {
  it('gives claims that ask for the same resolved run one run, and different seeds or replicas their own', () => {
    const kind = kindWith([
      base,
      { ...base, id: 'same-by-values', run: { preset: 'two-level', params: { noise: 1 } } },
      { ...base, id: 'other-seed', run: { preset: 'two-level', seed: 3 } },
      { ...base, id: 'more-replicas', run: { preset: 'two-level', replicas: 2 } },
    ]);
    const runs = planRuns(selectClaims([kind]));
    expect(runs.map((r) => r.claims.map((c) => c.claim.id))).toEqual([['floor', 'same-by-values'], ['other-seed'], ['more-replicas']]);
    expect(runs.map((r) => [r.seed, r.replicas])).toEqual([[0, 1], [3, 1], [0, 2]]);
  });
});

describe('evaluateClaim', () => {
  const [ref] = selectClaims([kindWith([base])]);
  it('passes within the tolerance and fails outside it, with the measured value', () => {
    const pass = evaluateClaim(ref!, done([1, 0.9, 0.8337]));
    expect(pass).toMatchObject({ status: 'pass', measured: 0.8337, runId: 'run-00000001', key: 'sgd-glm/floor', expected: '0.8333', tolerance: '± 0.001' });
    expect(evaluateClaim(ref!, done([1, 0.9, 0.8345]))).toMatchObject({ status: 'fail', measured: 0.8345 });
  });
  it('is an error, never a pass, for a run that failed, is missing, or lacks the series', () => {
    expect(evaluateClaim(ref!, { ...done([1]), status: 'failed', error: 'boom', result: null })).toMatchObject({ status: 'error', error: 'run failed: boom', measured: null });
    expect(evaluateClaim(ref!, null)).toMatchObject({ status: 'error', error: 'not run', runId: null });
    const empty = { ...done([1]), result: { series: [], scalars: {} } };
    expect(evaluateClaim(ref!, empty)).toMatchObject({ status: 'error', error: 'the run has no theory series "excess_risk"' });
  });
});

describe('the HTML report helpers', () => {
  it('escapes every markup character', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
  });
  it('prefixes the ids of an inline SVG and the references to them', () => {
    const svg = '<?xml version="1.0"?><svg><clipPath id="cl_3"><rect/></clipPath><g clip-path="url(#cl_3)"/><use href="#cl_3"/></svg>';
    expect(inlineSvg(svg, 'f1-')).toBe('<svg><clipPath id="f1-cl_3"><rect/></clipPath><g clip-path="url(#f1-cl_3)"/><use href="#f1-cl_3"/></svg>');
  });
});
