/**
 * The runs query as the table and `limitlab list` use it: filters on parameters and scalars, an
 * unknown field refused with a message, search by run id, sorting by a field, parameters in the
 * summaries.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import { FilterSyntaxError, parseField, resolveField } from '../../app/engine/library/filters.js';
import { RunsRepository } from '../../app/engine/library/runs.js';

let db: Db;
let repo: RunsRepository;

function add(id: string, params: Record<string, unknown>, scalars: Record<string, number> | null, name = id): void {
  const json = JSON.stringify(params);
  repo.insert({
    id, kind: 'sgd-glm', name, params, paramsJson: json, paramsHash: id, seed: 1, replicas: 1, rng: 'test-rng@1',
    solver: {}, appVersion: '0.0.0', createdAt: `2025-01-0${id.slice(-1)}T00:00:00.000Z`, ownerPid: process.pid,
  });
  if (scalars) repo.complete(id, { series: [], scalars }, '2025-01-10T00:00:00.000Z', 5);
}

const ids = (where: string[], extra: Parameters<RunsRepository['query']>[0] = {}) =>
  repo.query({ where, sort: 'created', order: 'asc', ...extra }).items.map((r) => r.id);

beforeEach(async () => {
  db = await openLibrary(join(mkdtempSync(join(tmpdir(), 'limitlab-query-')), 'library.sqlite'));
  repo = new RunsRepository(db);
  add('lqa1xyz-0000001', { d: 100, lr: { gamma: 0.5, policy: 'constant' } }, { final_risk_theory: 0.05, steps: 10 }, 'small gamma');
  add('lqa1xyz-0000002', { d: 400, lr: { gamma: 1.5, policy: 'constant' } }, { final_risk_theory: 0.3, steps: 40 }, 'large gamma');
  add('lqb2abc-0000003', { d: 900, lr: { gamma: 1, policy: 'schedule' } }, null, 'still queued');
});

afterEach(() => db.close());

describe('where filters', () => {
  it('filter on a scalar: final_risk_theory < 0.1 finds the run whose scalar is below 0.1', () => {
    expect(ids(['final_risk_theory < 0.1'])).toEqual(['lqa1xyz-0000001']);
    expect(ids(['final_risk_theory >= 0.1'])).toEqual(['lqa1xyz-0000002']);
  });

  it('filter on parameters as before, nested paths included, combined with scalars', () => {
    expect(ids(['lr.gamma > 0.7'])).toEqual(['lqa1xyz-0000002', 'lqb2abc-0000003']);
    expect(ids(['lr.policy = schedule'])).toEqual(['lqb2abc-0000003']);
    expect(ids(['d >= 400', 'steps < 100'])).toEqual(['lqa1xyz-0000002']);
  });

  it('take params., scalars. and metrics. in front of a field to say where it lives', () => {
    expect(ids(['params.d = 100'])).toEqual(['lqa1xyz-0000001']);
    expect(ids(['scalars.steps > 20'])).toEqual(['lqa1xyz-0000002']);
    expect(ids(['metrics.final_risk_theory < 0.1'])).toEqual(['lqa1xyz-0000001']);
  });

  it('refuse a field no run has, naming it, instead of returning nothing', () => {
    expect(() => ids(['final_risk < 0.1'])).toThrow(FilterSyntaxError);
    expect(() => ids(['final_risk < 0.1'])).toThrow(/unknown field "final_risk".*no run in the library has a parameter or a scalar/);
    expect(() => ids(['scalars.d > 1'])).toThrow(/unknown field "scalars.d".*a scalar/);
    expect(() => ids(['params.steps > 1'])).toThrow(/unknown field "params.steps".*a parameter/);
  });

  it('refuse a parameter group, which has no value to compare', () => {
    expect(() => ids(['lr = 1'])).toThrow(/"lr" is a group of parameters; filter on one value, e.g. lr.<name>/);
  });

  it('resolve an unprefixed name to a parameter first, then to a scalar', () => {
    const probe = (has: string[]) => (f: { source: string; name: string }) => (has.includes(`${f.source}.${f.name}`) ? 'real' : null);
    expect(resolveField('x', probe(['params.x', 'scalars.x']))).toEqual({ source: 'params', name: 'x' });
    expect(resolveField('x', probe(['scalars.x']))).toEqual({ source: 'scalars', name: 'x' });
    expect(parseField('metrics.a.b')).toEqual({ source: 'scalars', name: 'a.b' });
    expect(() => parseField('a..b')).toThrow(FilterSyntaxError);
  });
});

describe('search', () => {
  it('finds a run by its id or a piece of it', () => {
    expect(repo.query({ text: 'lqb2abc-0000003' }).items.map((r) => r.id)).toEqual(['lqb2abc-0000003']);
    expect(repo.query({ text: 'lqa1xyz', sort: 'created', order: 'asc' }).items.map((r) => r.id)).toEqual(['lqa1xyz-0000001', 'lqa1xyz-0000002']);
    expect(repo.query({ text: '0000002' }).items.map((r) => r.id)).toEqual(['lqa1xyz-0000002']);
  });

  it('still finds names, and a short word does not match ids by accident', () => {
    expect(repo.query({ text: 'queued' }).items.map((r) => r.id)).toEqual(['lqb2abc-0000003']);
    expect(repo.query({ text: 'lqa' }).total).toBe(0);
  });
});

describe('sorting by a field', () => {
  it('orders by a scalar, runs without it last in either direction', () => {
    const asc = repo.query({ sort: 'scalars.final_risk_theory', order: 'asc' }).items.map((r) => r.id);
    const desc = repo.query({ sort: 'scalars.final_risk_theory', order: 'desc' }).items.map((r) => r.id);
    expect(asc).toEqual(['lqa1xyz-0000001', 'lqa1xyz-0000002', 'lqb2abc-0000003']);
    expect(desc).toEqual(['lqa1xyz-0000002', 'lqa1xyz-0000001', 'lqb2abc-0000003']);
  });

  it('orders by a nested parameter', () => {
    expect(repo.query({ sort: 'params.lr.gamma', order: 'desc' }).items.map((r) => r.id)).toEqual([
      'lqa1xyz-0000002', 'lqb2abc-0000003', 'lqa1xyz-0000001',
    ]);
  });
});

describe('summaries', () => {
  it('carry the run parameters, for parameter columns', () => {
    const run = repo.query({ text: 'lqa1xyz-0000001' }).items[0];
    expect(run?.params).toEqual({ d: 100, lr: { gamma: 0.5, policy: 'constant' } });
  });
});
