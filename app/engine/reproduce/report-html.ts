/**
 * The reproduction report as one self-contained HTML file: one section per paper, each claim with
 * its statement, source, expected and measured values and verdict, and its figure as inline SVG
 * (the figure export's, ids made unique per figure). No scripts, no external resources; every text
 * is escaped. Failing claims are marked in red.
 */
import type { RunDetail } from '../../api.js';
import { fmt } from '../../../core/models/claims.js';
import type { ClaimOutcome } from './evaluate.js';
import { claimFigureSvg } from './figures.js';
import { papersOf, type ClaimRef } from './select.js';

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An SVG document as an inline element whose ids (and references to them) start with `prefix`. */
export function inlineSvg(svg: string, prefix: string): string {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  const ids = [...body.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
  let out = body;
  for (const id of new Set(ids)) {
    const safe = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`\\bid="${safe}"`, 'g'), `id="${prefix}${id}"`).replace(new RegExp(`#${safe}(?=[)"'])`, 'g'), `#${prefix}${id}`);
  }
  return out;
}

export interface ReportHeader {
  tag: string;
  startedAt: string;
  durationMs: number;
  appVersion: string;
}

/** "✓ reproduces", "✗ does not reproduce" or "✗ could not be measured". */
export function verdictText(o: ClaimOutcome): string {
  return o.status === 'pass' ? '✓ reproduces' : o.status === 'fail' ? '✗ does not reproduce' : '✗ could not be measured';
}

export function measuredText(o: ClaimOutcome): string {
  return o.measured === null ? '—' : fmt(o.measured);
}

const STYLE = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:60em;color:#1d2126;line-height:1.4}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccd}h3{font-size:1em;margin:0 0 .3em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccd;padding:.2em .5em;text-align:left}
.claim{border:1px solid #ccd;border-left:.4em solid #2a7d2a;padding:.6em 1em;margin:1em 0;break-inside:avoid}
.claim.failed{border-left-color:#c0392b;background:#fdf1f0}
.pass{color:#2a7d2a;font-weight:bold}.failed .verdict,.fail{color:#c0392b;font-weight:bold}
tr.failed-row{background:#fdf1f0}.meta{color:#555;font-size:.9em}svg{display:block;max-width:100%;height:auto;margin-top:.5em}
`;

function claimTableRow(o: ClaimOutcome): string {
  const cls = o.status === 'pass' ? 'pass' : 'fail';
  return `<tr${o.status === 'pass' ? '' : ' class="failed-row"'}><td><a href="#${escapeHtml(o.key.replace('/', '--'))}">${escapeHtml(o.claim)}</a></td><td>${escapeHtml(o.expected)}</td><td>${escapeHtml(o.tolerance)}</td><td>${escapeHtml(measuredText(o))}</td><td class="${cls}">${o.status === 'pass' ? '✓' : '✗'}</td><td>${escapeHtml(o.runId ?? '—')}</td></tr>`;
}

async function claimBlock(ref: ClaimRef, o: ClaimOutcome, runs: ReadonlyMap<string, RunDetail>, index: number): Promise<string> {
  const svg = await claimFigureSvg(ref, o, runs);
  const failed = o.status !== 'pass';
  return [
    `<section class="claim${failed ? ' failed' : ''}" id="${escapeHtml(o.key.replace('/', '--'))}">`,
    `<h3>${escapeHtml(o.kind)} · ${escapeHtml(o.claim)} — <span class="verdict ${failed ? 'fail' : 'pass'}">${escapeHtml(verdictText(o))}</span></h3>`,
    `<p>${escapeHtml(o.statement)}</p>`,
    `<p class="meta">Source: ${escapeHtml(o.source)}${o.printed ? '' : ' (the paper prints no value: a direction is checked)'}. Measured: ${escapeHtml(o.observable)}.</p>`,
    `<table><tr><th>expected</th><th>tolerance</th><th>measured</th><th>run</th></tr><tr><td>${escapeHtml(o.expected)}</td><td>${escapeHtml(o.tolerance)}</td><td>${escapeHtml(measuredText(o))}</td><td>${escapeHtml(o.runId ?? '—')}</td></tr></table>`,
    o.error ? `<p class="fail">${escapeHtml(o.error)}</p>` : '',
    svg ? inlineSvg(svg, `f${index}-`) : '<p class="meta">No figure: the run has no such curve.</p>',
    '</section>',
  ].join('\n');
}

/** The whole report. `refs[i]` is the claim of `outcomes[i]`. */
export async function reportHtml(header: ReportHeader, refs: readonly ClaimRef[], outcomes: readonly ClaimOutcome[], runs: ReadonlyMap<string, RunDetail>): Promise<string> {
  const passed = outcomes.filter((o) => o.status === 'pass').length;
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<title>Limitlab reproduction report</title>',
    `<style>${STYLE}</style></head><body>`,
    '<h1>Limitlab reproduction report</h1>',
    `<p class="${passed === outcomes.length ? 'pass' : 'fail'}">${passed} of ${outcomes.length} claims reproduce.</p>`,
    `<p class="meta">Checked ${escapeHtml(header.startedAt)} in ${(header.durationMs / 1000).toFixed(1)} s by Limitlab ${escapeHtml(header.appVersion)}; the runs are tagged ${escapeHtml(header.tag)} in the library.</p>`,
  ];
  let index = 0;
  for (const paper of papersOf(refs)) {
    parts.push(`<h2>arXiv:${escapeHtml(paper.arxiv)} — ${escapeHtml(paper.title)}</h2>`);
    const mine = refs.map((ref, i) => ({ ref, o: outcomes[i]! })).filter((x) => x.ref.claim.paper === paper.arxiv);
    parts.push('<table><tr><th>claim</th><th>expected</th><th>tolerance</th><th>measured</th><th></th><th>run</th></tr>');
    parts.push(...mine.map((x) => claimTableRow(x.o)), '</table>');
    for (const x of mine) parts.push(await claimBlock(x.ref, x.o, runs, index++));
  }
  parts.push('</body></html>');
  return parts.join('\n') + '\n';
}

