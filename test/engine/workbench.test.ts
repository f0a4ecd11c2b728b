/**
 * Library browsing, compare, seed aggregation, sweeps, figures and bundles through the engine
 * service with the real pool and a temporary library.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { createEngine, type Engine } from '../../app/engine/index.js';
import { readPdf } from '../support/pdf.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'limitlab-wb-')), 'library.sqlite');
let e: Engine;
const ids: string[] = [];

async function runDone(params: Record<string, unknown>, seed: number, name?: string): Promise<string> {
  const run = await e.call('runs:start', { kind: 'sgd-glm', params, seed, replicas: 2, ...(name ? { name } : {}) });
  const final = await e.service.whenSettled(run.id);
  expect(final.status).toBe('done');
  return run.id;
}

beforeAll(async () => {
  e = await createEngine({ dbPath: tempDb(), threads: 1 });
  ids.push(await runDone({ d: 100, T: 1, lr: { gamma: 0.5 } }, 1, 'slow learning rate'));
  ids.push(await runDone({ d: 100, T: 1, lr: { gamma: 1.5 } }, 1, 'fast learning rate'));
  ids.push(await runDone({ d: 100, T: 1, lr: { gamma: 1.5 } }, 2, 'fast learning rate'));
}, 120_000);
afterAll(async () => e?.close());

describe('library browsing', () => {
  it('tags, notes and renames a run, and finds it by full-text search', async () => {
    await e.call('runs:update', ids[0]!, { tags: ['baseline', 'paper-fig2'], notes: 'Checks the **noise floor**.', name: 'baseline γ = 0.5' });
    expect((await e.call('runs:query', { text: 'floor' })).items.map((r) => r.id)).toEqual([ids[0]]);
    expect((await e.call('runs:query', { text: 'paper' })).items.map((r) => r.id)).toEqual([ids[0]]);
    expect((await e.call('runs:query', { text: 'baseline' })).total).toBe(1);
    expect((await e.call('runs:query', { tag: 'baseline' })).items[0]!.name).toBe('baseline γ = 0.5');
  });

  it('filters by parameter value and sorts', async () => {
    const fast = await e.call('runs:query', { where: ['lr.gamma > 1'] });
    expect(fast.items.map((r) => r.id).sort()).toEqual([ids[1], ids[2]].sort());
    await expect(e.call('runs:query', { where: ['lr.gamma >>> 1'] })).rejects.toMatchObject({ code: 'bad_request' });
    const byName = await e.call('runs:query', { sort: 'name', order: 'asc' });
    expect(byName.items[0]!.name).toBe('baseline γ = 0.5');
  });

  it('moves runs to the trash and restores them', async () => {
    await e.call('runs:delete', [ids[2]!]);
    expect((await e.call('runs:query', {})).total).toBe(2);
    expect((await e.call('runs:query', { deleted: true })).items.map((r) => r.id)).toEqual([ids[2]]);
    await e.call('runs:restore', [ids[2]!]);
    expect((await e.call('runs:query', {})).total).toBe(3);
  });

  it('re-runs with a new seed, keeping the parameters', async () => {
    const again = await e.call('runs:rerun', ids[0]!, { seed: 99 });
    const final = await e.service.whenSettled(again.id);
    expect(final.status).toBe('done');
    expect(final.seed).toBe(99);
    expect(final.paramsHash).toBe((await e.call('runs:get', ids[0]!))!.paramsHash);
    await e.call('runs:delete', [again.id]);
  });
});

describe('compare and seed aggregation', () => {
  it('tables the parameters with differences and measures theory-vs-simulation per run', async () => {
    const cmp = await e.call('runs:compare', { ids: [ids[0]!, ids[1]!] });
    const differs = cmp.params.filter((r) => r.differs).map((r) => r.path);
    expect(differs).toEqual(['lr.gamma']);
    expect(cmp.groupKeys[0]).not.toBe(cmp.groupKeys[1]);
    const gap = cmp.discrepancies[0]!.rows.find((r) => r.name === 'risk')!;
    expect(gap.maxRel).toBeGreaterThan(0);
    expect(gap.maxRel).toBeLessThan(0.5);
  });

  it('groups runs that differ only in seed and aggregates them with the chosen band', async () => {
    const groups = await e.call('runs:groups', {});
    const fast = groups.find((g) => g.runIds.includes(ids[1]!))!;
    expect(fast.runIds.sort()).toEqual([ids[1], ids[2]].sort());
    const agg = await e.call('runs:aggregate', { ids: fast.runIds, band: 'minmax' });
    const sim = agg.series.find((s) => s.name === 'risk' && s.source === 'simulation')!;
    const a = (await e.call('runs:get', ids[1]!))!.result!.series.find((s) => s.source === 'simulation' && s.replica === undefined)!;
    const b = (await e.call('runs:get', ids[2]!))!.result!.series.find((s) => s.source === 'simulation' && s.replica === undefined)!;
    const k = a.y.length - 1;
    expect(sim.y[k]).toBeCloseTo((a.y[k]! + b.y[k]!) / 2, 12);
    expect(sim.band!.lo[k]).toBe(Math.min(a.y[k]!, b.y[k]!));
    await expect(e.call('runs:aggregate', { ids: [ids[0]!, ids[1]!], band: 'std' })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('sweeps', () => {
  it('validates every point before creating anything', async () => {
    const before = (await e.call('runs:query', {})).total;
    await expect(
      e.call('sweeps:start', { kind: 'sgd-glm', mode: 'grid', axes: [{ path: 'd', values: [50, 1] }], params: { T: 0.5 } }),
    ).rejects.toMatchObject({ code: 'invalid_params' });
    expect((await e.call('runs:query', {})).total).toBe(before);
    expect(await e.call('sweeps:list')).toEqual([]);
  });

  it('gives each point its own parameters even when the base sets siblings of a swept path', async () => {
    const sweep = await e.call('sweeps:start', {
      kind: 'sgd-glm', mode: 'zip', params: { T: 0.25, d: 30, lr: { policy: 'constant', gamma: 1 } },
      axes: [{ path: 'lr.gamma', values: [0.25, 0.75] }],
    });
    const detail0 = (await e.call('sweeps:get', sweep.id))!;
    await Promise.all(detail0.runs.map((r) => e.service.whenSettled(r.id)));
    const gammas = await Promise.all(detail0.runs.map(async (r) => ((await e.call('runs:get', r.id))!.params['lr'] as { gamma: number }).gamma));
    expect(gammas.sort()).toEqual([0.25, 0.75]);
  });

  it('runs a 3×2 grid and reports each point with its scalars', async () => {
    const sweep = await e.call('sweeps:start', {
      kind: 'sgd-glm', mode: 'grid', params: { T: 0.5, d: 50 },
      axes: [{ path: 'lr.gamma', values: [0.5, 1, 1.5] }, { path: 'noise', values: [0, 0.5] }],
    });
    expect(sweep.total).toBe(6);
    const detail0 = (await e.call('sweeps:get', sweep.id))!;
    await Promise.all(detail0.runs.map((r) => e.service.whenSettled(r.id)));
    const detail = (await e.call('sweeps:get', sweep.id))!;
    expect(detail.counts.done).toBe(6);
    expect(detail.runs.map((r) => r.sweepPoint)).toContainEqual({ 'lr.gamma': 1.5, noise: 0.5 });
    const heat = await e.call('figures:export', { figure: { type: 'sweep-heatmap', sweepId: sweep.id, scalar: 'final_risk_theory', xPath: 'lr.gamma', yPath: 'noise' }, format: 'svg' });
    expect(Buffer.from(heat.base64, 'base64').toString('utf8')).toContain('lr.gamma');
  });
});

describe('app info', () => {
  it('names the library file and the pool size', async () => {
    const info = await e.call('app:info');
    expect(info.libraryPath).toMatch(/library\.sqlite$/);
    expect(info.threads).toBe(1);
  });
});

describe('figures', () => {
  it('exports an SVG with the axis labels and legend text as text', async () => {
    const fig = await e.call('figures:export', { figure: { type: 'run', id: ids[0]!, name: 'risk' }, format: 'svg', title: 'Noise level' });
    const svg = Buffer.from(fig.base64, 'base64').toString('utf8');
    expect(svg.startsWith('<?xml') || svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Noise level');
    expect(svg).toMatch(/theory/i);
    expect(svg).toContain('risk');
  });

  it('exports a PNG of the requested pixel size', async () => {
    const fig = await e.call('figures:export', { figure: { type: 'run', id: ids[0]!, name: 'risk' }, format: 'png', widthMm: 84.667, heightMm: 63.5, scale: 2 });
    const png = Buffer.from(fig.base64, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(640); // 84.667 mm at 96 dpi = 320 px, times 2
    expect(png.readUInt32BE(20)).toBe(480);
  });

  it('draws every panel of a compare grid in its own cell, at any PNG scale', async () => {
    const { loadImage, createCanvas } = await import('@napi-rs/canvas');
    const fig = await e.call('figures:export', { figure: { type: 'compare', ids: [ids[0]!, ids[1]!], name: 'risk' }, format: 'png', scale: 3, widthMm: 160, heightMm: 60 });
    const image = await loadImage(Buffer.from(fig.base64, 'base64'));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    // Dark ink (axis text, theory curve) must appear in both halves and in the bottom half of each.
    const inkIn = (x0: number, y0: number, w: number, h: number) => {
      const data = ctx.getImageData(Math.floor(x0), Math.floor(y0), Math.floor(w), Math.floor(h)).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100 && data[i + 3]! > 200) dark++;
      return dark;
    };
    const W = image.width;
    const H = image.height;
    expect(inkIn(0, H / 2, W / 2, H / 2)).toBeGreaterThan(200);
    expect(inkIn(W / 2, H / 2, W / 2, H / 2)).toBeGreaterThan(200);
    expect(inkIn(W / 2, 0, W / 2, H / 2)).toBeGreaterThan(200);
  });

  it('exports a vector PDF (text extractable, no embedded raster)', async () => {
    const fig = await e.call('figures:export', { figure: { type: 'compare', ids: [ids[0]!, ids[1]!], name: 'risk' }, format: 'pdf' });
    const pdf = Buffer.from(fig.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const content = await readPdf(pdf);
    expect(content.pages).toBe(1);
    expect(content.text).toContain('risk');
    expect(content.text).toContain('t = steps / d');
    for (const id of [ids[0]!, ids[1]!]) expect(content.text).toContain((await e.call('runs:get', id))!.name);
    expect(content.paths).toBeGreaterThan(0);
    expect(content.images).toBe(0);
  });
});

describe('bundles', () => {
  it('round-trip runs into a fresh library bit for bit', async () => {
    const bundle = await e.call('bundles:export', { ids: [ids[0]!, ids[1]!] });
    const other = await createEngine({ dbPath: tempDb(), threads: 1 });
    try {
      const report = await other.call('bundles:import', { text: bundle.text });
      expect(report.imported.sort()).toEqual([ids[0], ids[1]].sort());
      for (const id of [ids[0]!, ids[1]!]) {
        const a = (await e.call('runs:get', id))!;
        const b = (await other.call('runs:get', id))!;
        expect(b.params).toEqual(a.params);
        expect(b.tags.sort()).toEqual(a.tags.sort());
        expect(b.result!.series.length).toBe(a.result!.series.length);
        a.result!.series.forEach((s, i) => {
          const t = b.result!.series[i]!;
          expect(Buffer.from(t.y.buffer).equals(Buffer.from(s.y.buffer))).toBe(true);
          expect(Buffer.from(t.x.buffer).equals(Buffer.from(s.x.buffer))).toBe(true);
        });
      }
      expect((await other.call('bundles:import', { text: bundle.text })).skipped.length).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('refuse a malformed or tampered bundle and import nothing from it', async () => {
    const bundle = await e.call('bundles:export', { ids: [ids[0]!, ids[1]!] });
    const other = await createEngine({ dbPath: tempDb(), threads: 1 });
    try {
      await expect(other.call('bundles:import', { text: '{"format":"something-else"}' })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(other.call('bundles:import', { text: 'not json' })).rejects.toThrow(/not valid JSON/);
      const doc = JSON.parse(bundle.text);
      doc.runs[1].params.d = 1; // out of range, and the hash no longer matches
      await expect(other.call('bundles:import', { text: JSON.stringify(doc) })).rejects.toThrow(/run 2/);
      const doc2 = JSON.parse(bundle.text);
      doc2.runs[0].series[0].y = { $f64: 'AAAA' }; // 3 bytes: not a Float64 array
      await expect(other.call('bundles:import', { text: JSON.stringify(doc2) })).rejects.toThrow();
      expect((await other.call('runs:query', {})).total).toBe(0);
    } finally {
      await other.close();
    }
  });
});
