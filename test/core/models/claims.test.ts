/**
 * Every registered kind's claims are well formed: unique kebab-case ids, a paper of the kind, a run
 * whose preset and parameters resolve, an observable and a figure the kind declares, an expectation
 * that can be met, and at least three claims per paper with a quick subset. A kind added later is
 * checked as soon as it declares `claims`.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../core/models/claims.js';
import { kinds, observableSpec, resolveParams, scalarSpec } from '../../../core/models/index.js';
import type { ModelKind } from '../../../core/models/model-kind.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function scalarsOf(claim: Claim): string[] {
  const o = claim.observable;
  if (o.kind === 'scalar') return [o.name];
  if (o.kind === 'ratio') return [o.numerator, o.denominator];
  if (o.kind === 'position') return [o.value, o.lo, o.hi];
  return [];
}

function seriesOf(claim: Claim): string[] {
  const o = claim.observable;
  return 'series' in o ? [o.series, claim.figure.series] : [claim.figure.series];
}

const withClaims = kinds.filter((k) => k.claims?.length) as ModelKind<unknown>[];

it('the kinds of the first papers carry claims', () => {
  expect(withClaims.map((k) => k.id)).toEqual(expect.arrayContaining(['sgd-glm', 'dp-sgd', 'gmm-sgd']));
});

describe.each(withClaims.map((k) => [k.id, k] as const))('claims of %s', (_id, kind) => {
  const claims = kind.claims!;

  it('have unique kebab-case ids', () => {
    for (const c of claims) expect(c.id, c.id).toMatch(KEBAB);
    expect(new Set(claims.map((c) => c.id)).size).toBe(claims.length);
  });

  it('cite a paper of the kind, with at least three claims for each, and say where each comes from', () => {
    const papers = kind.paper.map((p) => p.arxiv);
    for (const c of claims) {
      expect(papers, c.id).toContain(c.paper);
      expect(c.statement.length, c.id).toBeGreaterThan(20);
      expect(c.source.length, c.id).toBeGreaterThan(2);
    }
    for (const paper of papers) expect(claims.filter((c) => c.paper === paper).length, paper).toBeGreaterThanOrEqual(3);
  });

  it('name runs whose preset and parameters resolve', () => {
    for (const c of claims) {
      const resolved = resolveParams(kind, { ...(c.run.preset !== undefined ? { preset: c.run.preset } : {}), params: c.run.params ?? {} });
      expect(resolved.ok ? null : resolved.issues, c.id).toBeNull();
    }
  });

  it('measure observables and scalars the kind declares', () => {
    for (const c of claims) {
      for (const s of seriesOf(c)) expect(observableSpec(kind.outputs, s), `${c.id}: series ${s}`).toBeDefined();
      for (const s of scalarsOf(c)) expect(scalarSpec(kind.outputs, s), `${c.id}: scalar ${s}`).toBeDefined();
    }
  });

  it('expect something that can be met, with a positive tolerance', () => {
    for (const c of claims) {
      const e = c.expected;
      if (e.kind === 'approx') expect(e.tolerance, c.id).toBeGreaterThan(0);
      if (e.kind === 'between') expect(e.lo, c.id).toBeLessThan(e.hi);
      if (e.kind === 'below' || e.kind === 'above') expect(Number.isFinite(e.bound), c.id).toBe(true);
    }
  });

  it('have a quick subset', () => {
    expect(claims.some((c) => c.quick)).toBe(true);
  });
});
