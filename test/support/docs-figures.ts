/**
 * The example figures in docs/figures/, drawn by the export code from runs computed here: a
 * single-column figure as PNG and as PDF (rendered back to PNG with pdfjs), a double-column 2×2
 * figure with panel letters, two runs side by side with the legend below, and a heatmap with a log
 * colour scale. Run with `node scripts/docs-figures.mjs`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drawFigureFile } from '../../app/engine/export/figure.js';
import type { FigureSpec, PanelInput } from '../../app/engine/export/figure-spec.js';
import type { RunResult } from '../../core/models/model-kind.js';
import { kinds } from '../../core/models/registry.js';
import { resolveParams } from '../../core/models/resolve-params.js';
import { runKind } from '../../core/models/run-kind.js';
import { FIGURE_PRESETS, lineScaleFor } from '../../view/figure-options.js';
// After chart.js (loaded by the export code): pdfjs installs a global Path2D of its own canvas copy.
import { renderPdfPage } from './pdf.js';

const OUT = resolve(process.argv[2] ?? 'docs/figures');

function run(kind: string, preset: string | undefined, params: Record<string, unknown>, replicas = 8, seed = 1): RunResult {
  const k = kinds.find((x) => x.id === kind)!;
  const resolved = resolveParams(k, { ...(preset ? { preset } : {}), params });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return runKind(k, resolved.params, { seed, replicas, isCancelled: () => false, progress: () => undefined });
}

const line = (result: RunResult, name: string, title?: string): PanelInput => ({ kind: 'line', series: result.series.filter((s) => s.name === name), ...(title ? { title } : {}) });

function spec(panels: PanelInput[], over: Partial<FigureSpec>): FigureSpec {
  const fontSize = over.fontSize ?? 8;
  return {
    panels,
    rows: 1,
    columns: 1,
    widthMm: 85,
    heightMm: 60,
    fontSize,
    lineScale: lineScaleFor(fontSize),
    theme: 'light',
    title: '',
    logX: false,
    logY: false,
    logZ: false,
    replicas: 'band',
    legend: 'auto',
    letters: false,
    ...over,
  };
}

async function write(name: string, s: FigureSpec, dpi: number): Promise<void> {
  const png = await drawFigureFile(s, 'png', name, dpi);
  writeFileSync(join(OUT, `${name}.png`), png.bytes);
  console.log(`${name}.png  ${s.widthMm} × ${s.heightMm} mm at ${dpi} dpi`);
}

mkdirSync(OUT, { recursive: true });
const single = FIGURE_PRESETS.single;
const double = FIGURE_PRESETS.double;

// The dp-sgd a8-anisotropic run at 85 × 60 mm: four legend entries and a band.
const dp = run('dp-sgd', 'a8-anisotropic', { d: 400 });
const one = spec([line(dp, 'risk')], { widthMm: single.widthMm, heightMm: single.heightMm, fontSize: single.fontSize });
await write('single-column', one, 200);
const pdf = await drawFigureFile(one, 'pdf', 'single-column');
writeFileSync(join(OUT, 'single-column-pdf.png'), await renderPdfPage(pdf.bytes, 200));
console.log('single-column-pdf.png  the PDF of the same figure, rendered by pdfjs at 200 dpi');

// Four observables of AdaGrad-Norm (The High Line, Fig. 3 centre) on log axes, 2 × 2 with letters.
const hl = run('sgd-glm', 'hl-fig3c', { d: 200, T: 100 });
await write(
  'panels-2x2',
  spec(
    ['risk', 'lr', 'distance', 'excess_risk'].map((n) => line(hl, n, n)),
    { rows: 2, columns: 2, widthMm: double.widthMm, heightMm: 110, fontSize: double.fontSize, logX: true, logY: true, letters: true },
  ),
  150,
);

// Two dp-sgd runs side by side, sharing their axes, one legend below.
const iso = run('dp-sgd', 'a8-isotropic', { d: 400 });
await write(
  'compare-legend-below',
  spec([line(iso, 'excess_risk', 'isotropic'), line(dp, 'excess_risk', 'anisotropic')], { columns: 2, widthMm: double.widthMm, heightMm: 60, fontSize: double.fontSize, legend: 'below', letters: true }),
  150,
);

// A phase diagram: the theory's final risk over the learning rate and the noise, log colour scale.
const gammas = [0.25, 0.5, 1, 1.5, 1.9];
const noises = [0, 0.1, 0.3, 1];
const z = noises.map((noise) => gammas.map((gamma) => run('sgd-glm', undefined, { d: 40, T: 20, grid: 20, noise, sde: false, lr: { gamma } }, 1).scalars['final_risk_theory'] ?? null));
await write(
  'heatmap-log-colour',
  spec([{ kind: 'heatmap', input: { xValues: gammas, yValues: noises, z, xLabel: 'lr.gamma', yLabel: 'noise', zLabel: 'final risk (theory)', boundaries: [] } }], {
    widthMm: 120,
    heightMm: 75,
    fontSize: 8,
    logZ: true,
  }),
  150,
);
