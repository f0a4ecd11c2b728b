/**
 * Bundles are checked run by run on import: a flipped bit in a curve, a changed scalar, seed or
 * parameter, notes, tags and dates beyond the API's limits, a bundle without checksums — each is
 * refused whole, with a message naming the run and what changed, and the library stays as it was.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, TEXT_LIMITS } from '../../app/api.js';
import { main } from '../../app/cli/main.js';
import { openLibrary, type Db } from '../../app/engine/library/db.js';
import type { JobPool } from '../../app/engine/pool/pool.js';
import { EngineService, paramsHash } from '../../app/engine/service.js';
import { getKind } from '../../core/models/registry.js';
import { canonicalJson, resolveParams } from '../../core/models/resolve-params.js';

/** The engine without workers: these tests only move finished runs between libraries. */
const noPool = { threads: 1, run: () => Promise.reject(new Error('no worker in this test')), close: async () => {} } as unknown as JobPool;

const open: { service: EngineService; db: Db }[] = [];
afterEach(async () => {
  for (const { service, db } of open.splice(0)) {
    await service.close();
    db.close();
  }
});

async function library(path = join(mkdtempSync(join(tmpdir(), 'limitlab-bundle-')), 'library.sqlite')) {
  const db = await openLibrary(path);
  const service = new EngineService(db, noPool);
  open.push({ service, db });
  return { service, db, path };
}

/** Two finished sgd-glm runs, stored as a computed run would be. */
function storeRuns(service: EngineService): string[] {
  const kind = getKind('sgd-glm')!;
  return [1, 2].map((seed, i) => {
    const resolved = resolveParams(kind, { params: { d: 50, T: 1, lr: { gamma: 0.5 + i } } });
    if (!resolved.ok) throw new Error(resolved.issues[0]!.message);
    const paramsJson = canonicalJson(resolved.params);
    const id = `run-${seed}-abcdef`;
    const x = Float64Array.from({ length: 20 }, (_, k) => k / 19);
    service.runs.insertFinished([{
      id, kind: 'sgd-glm', name: `run ${seed}`, status: 'done', paramsJson, paramsHash: paramsHash(paramsJson), seed, replicas: 2,
      rng: 'xoshiro256**@1', solver: { integrator: 'dopri5' }, appVersion: '0.1.0', createdAt: '2026-11-01T10:00:00.000Z',
      startedAt: '2026-11-01T10:00:01.000Z', finishedAt: '2026-11-01T10:00:02.500Z', durationMs: 1500, error: null,
      notes: 'a note', tags: ['baseline'], scalars: { final_risk_theory: 0.125 * seed, final_risk_sim: -0.5 }, resultNotes: ['large-T form'],
      series: [
        { name: 'risk', source: 'theory', x, y: x.map((v) => Math.exp(-v * seed)), xLabel: 't', yLabel: 'risk' },
        {
          name: 'risk', source: 'simulation', x, y: x.map((v) => Math.exp(-v * seed) + 1e-3), xLabel: 't', yLabel: 'risk',
          band: { kind: 'std', lo: x.map((v) => Math.exp(-v) - 0.01), hi: x.map((v) => Math.exp(-v) + 0.01) },
        },
      ],
    }]);
    return id;
  });
}

let bundleText: string;
beforeAll(async () => {
  const { service } = await library();
  const ids = storeRuns(service);
  bundleText = (await service.call('bundles:export', { ids })).text;
});

type Doc = {
  version: number;
  runs: (Record<string, unknown> & {
    params: Record<string, unknown> & { lr: { gamma: number } };
    series: { y: { $f64: string } }[];
    scalars: Record<string, number>;
    checksum?: unknown;
  })[];
};
const tampered = (change: (doc: Doc) => void): string => {
  const doc = JSON.parse(bundleText) as Doc;
  change(doc);
  return JSON.stringify(doc);
};

/** Import into a fresh library: the error message, and the number of runs the library holds afterwards. */
async function importInto(text: string): Promise<{ message: string; runs: number }> {
  const { service } = await library();
  const error = await service.call('bundles:import', { text }).then(() => null, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`the bundle was accepted: ${String(error)}`);
  expect(error.code).toBe('bad_request');
  return { message: error.message, runs: service.runs.count() };
}

describe('bundle checksums', () => {
  it('a valid bundle imports bit for bit, checksum and all', async () => {
    const { service } = await library();
    expect((await service.call('bundles:import', { text: bundleText })).imported).toEqual(['run-1-abcdef', 'run-2-abcdef']);
    const doc = JSON.parse(bundleText) as Doc;
    expect(doc.version).toBe(2);
    expect(doc.runs[0]!.checksum).toMatchObject({ algorithm: 'sha256', run: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = (await service.call('bundles:export', { ids: ['run-1-abcdef', 'run-2-abcdef'] })).text;
    expect(JSON.parse(again).runs).toEqual(doc.runs);
  });

  const refusals: [string, (doc: Doc) => void, RegExp][] = [
    ['one flipped bit in a curve', (doc) => {
      const bytes = Buffer.from(doc.runs[1]!.series[1]!.y.$f64, 'base64');
      bytes[77]! ^= 0x01;
      doc.runs[1]!.series[1]!.y.$f64 = bytes.toString('base64');
    }, /^run 2 \(run-2-abcdef\) does not match its checksum: its series 2 \("risk, simulation"\): name, labels or data changed/],
    ['a changed scalar', (doc) => void (doc.runs[0]!.scalars['final_risk_theory'] = 0.126), /^run 1 \(run-1-abcdef\) does not match its checksum: its scalars changed/],
    ['a changed seed', (doc) => void (doc.runs[0]!.seed = 3), /^run 1 \(run-1-abcdef\) does not match its checksum: its seed changed/],
    ['a changed parameter', (doc) => void (doc.runs[1]!.params.lr.gamma = 1.25), /^run 2 \(run-2-abcdef\) does not match its checksum: its parameters changed/],
    ['a changed parameter with its hash recomputed', (doc) => {
      doc.runs[0]!.params.lr.gamma = 0.75;
      doc.runs[0]!['paramsHash'] = paramsHash(canonicalJson(doc.runs[0]!.params));
    }, /^run 1 \(run-1-abcdef\) does not match its checksum: its parameters changed/],
    ['parameters that no longer resolve', (doc) => void (doc.runs[0]!.params['d'] = 1), /^run 1 \(run-1-abcdef\): its parameters no longer resolve: d = 1/],
    ['an unknown parameter', (doc) => void (doc.runs[0]!.params['nonsense'] = 3), /^run 1 \(run-1-abcdef\): its parameters no longer resolve: unknown parameter "nonsense"/],
    ['a changed status', (doc) => void (doc.runs[0]!['status'] = 'failed'), /^run 1 \(run-1-abcdef\) does not match its checksum: its kind, status, replica count or generator changed/],
    ['a changed replica count', (doc) => void (doc.runs[1]!['replicas'] = 64), /^run 2 \(run-2-abcdef\) does not match its checksum: its kind, status/],
    ['a series removed', (doc) => void doc.runs[0]!.series.pop(), /^run 1 \(run-1-abcdef\) does not match its checksum: its list of series \(2 recorded, 1 in the file\) changed/],
    ['a changed result note', (doc) => void (doc.runs[0]!['resultNotes'] = ['all fine']), /its result notes changed/],
    ['a checksum altered by hand', (doc) => void ((doc.runs[0]!.checksum as { run: string }).run = '0'.repeat(64)), /its checksum itself changed/],
    ['a run without a checksum', (doc) => void delete doc.runs[0]!.checksum, /^the bundle is malformed at run 1 \(run-1-abcdef\), checksum:/],
    ['a bundle of version 1', (doc) => {
      doc.version = 1;
      for (const run of doc.runs) delete run.checksum;
    }, /version 1, written before bundles carried a checksum for every run.*export them again/],
    ['a note of 1 MB', (doc) => void (doc.runs[0]!['notes'] = 'n'.repeat(1_000_000)), /^the bundle is malformed at run 1 \(run-1-abcdef\), notes: .*100000/],
    ['10 000 tags', (doc) => void (doc.runs[1]!['tags'] = Array.from({ length: 10_000 }, (_, i) => `t${i}`)), /^the bundle is malformed at run 2 \(run-2-abcdef\), tags: .*64/],
    ['a tag with a space', (doc) => void (doc.runs[0]!['tags'] = ['two words']), /^the bundle is malformed at run 1 \(run-1-abcdef\), tags\.0: a tag without spaces or commas/],
    ['a tag longer than the API allows', (doc) => void (doc.runs[0]!['tags'] = ['x'.repeat(TEXT_LIMITS.tag + 1)]), /tags\.0/],
    ['a name longer than the API allows', (doc) => void (doc.runs[0]!['name'] = 'x'.repeat(TEXT_LIMITS.name + 1)), /run 1 \(run-1-abcdef\), name:/],
    ['a date that does not exist', (doc) => void (doc.runs[0]!['createdAt'] = '2026-13-45T99:00:00Z'), /run 1 \(run-1-abcdef\), createdAt: expected a date that exists/],
    ['a date that is not a timestamp', (doc) => void (doc.runs[0]!['finishedAt'] = 'yesterday'), /run 1 \(run-1-abcdef\), finishedAt: expected an ISO 8601 timestamp/],
    ['a date in the future', (doc) => void (doc.runs[1]!['startedAt'] = '2999-01-01T00:00:00.000Z'), /run 2 \(run-2-abcdef\), startedAt: expected a date that is not in the future/],
    ['a reserved key in the parameters', (doc) => void Object.defineProperty(doc.runs[0]!.params, 'constructor', { value: { prototype: { polluted: 1 } }, enumerable: true }), /reserved names/],
  ];

  it.each(refusals)('refuses %s, naming the run, and imports nothing', async (_what, change, says) => {
    const { message, runs } = await importInto(tampered(change));
    expect(message).toMatch(says);
    expect(message.length).toBeLessThan(400);
    expect(runs).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses the whole bundle when its second run is tampered with, keeping the library as it was', async () => {
    const { service } = await library();
    const before = service.runs.count();
    const text = tampered((doc) => void (doc.runs[1]!.scalars['final_risk_sim'] = 0.5));
    await expect(service.call('bundles:import', { text })).rejects.toThrow(/^run 2 \(run-2-abcdef\) does not match its checksum/);
    expect(service.runs.count()).toBe(before);
    expect(await service.call('runs:list', {})).toEqual([]);
  });
});

describe('limitlab import of a tampered bundle', () => {
  it('exits 2 with one line naming the run and what changed, and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'limitlab-bundle-cli-'));
    const file = join(dir, 'tampered.limitlab');
    writeFileSync(file, tampered((doc) => void (doc.runs[0]!.seed = 99)));
    let err = '';
    const code = await main(['import', file, '--db', join(dir, 'library.sqlite')], { out: () => {}, err: (t) => void (err += t) });
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toEqual(['limitlab: run 1 (run-1-abcdef) does not match its checksum: its seed changed since it was exported']);
    const { service } = await library(join(dir, 'library.sqlite'));
    expect(service.runs.count()).toBe(0);
  });
});
