/**
 * The reproduction report as a vector PDF (the figure export's PDF machinery, @napi-rs/canvas):
 * A4 pages, each paper starting on a new page with its title, then its claims — verdict, statement,
 * the numbers, and the claim's figure drawn on the page by the same code as the exported figures.
 * Failing claims are marked in red.
 */
import { PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import type { RunDetail } from '../../api.js';
import { drawFigure, FONT_FAMILY, PT_PER_MM } from '../export/figure-draw.js';
import type { ClaimOutcome } from './evaluate.js';
import { CLAIM_FIGURE_MM, claimFigureSpec } from './figures.js';
import type { ReportHeader } from './report-html.js';
import { measuredText, verdictText } from './report-html.js';
import { papersOf, type ClaimRef } from './select.js';

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const RED = '#c0392b';
const GREEN = '#2a7d2a';
const TEXT = '#1d2126';
const GREY = '#555555';

/** `text` broken into lines no wider than `width` at the context's font. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * `ctx` with every transform moved by (ox, oy): the figure drawer sets absolute transforms (its
 * figure's origin at 0, 0), and this places its figure at (ox, oy) on the page.
 */
function offsetContext(ctx: SKRSContext2D, ox: number, oy: number): SKRSContext2D {
  const setTransform = (a: number, b: number, c: number, d: number, e: number, f: number) => ctx.setTransform(a, b, c, d, e + ox, f + oy);
  const overrides: Record<string, unknown> = {
    setTransform(...args: unknown[]) {
      if (args.length >= 6) return setTransform(...(args as [number, number, number, number, number, number]));
      const m = (args[0] ?? {}) as { a?: number; b?: number; c?: number; d?: number; e?: number; f?: number };
      return setTransform(m.a ?? 1, m.b ?? 0, m.c ?? 0, m.d ?? 1, m.e ?? 0, m.f ?? 0);
    },
    resetTransform: () => setTransform(1, 0, 0, 1, 0, 0),
  };
  return new Proxy(ctx, {
    get(target, key) {
      if (typeof key === 'string' && key in overrides) return overrides[key];
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  });
}

/** A cursor down A4 pages of one document. */
class Pages {
  ctx!: SKRSContext2D;
  y = 0;
  private open = false;
  constructor(private readonly doc: PDFDocument) {}
  newPage(): void {
    if (this.open) this.doc.endPage();
    this.ctx = this.doc.beginPage(PAGE.width, PAGE.height) as unknown as SKRSContext2D;
    this.open = true;
    this.y = PAGE.margin;
  }
  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (!this.open || this.y + height > PAGE.height - PAGE.margin) this.newPage();
  }
  text(text: string, size: number, color = TEXT, bold = false): void {
    const width = PAGE.width - 2 * PAGE.margin;
    this.ctx.font = `${bold ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;
    const lines = wrap(this.ctx, text, width);
    this.ensure(lines.length * size * 1.3);
    this.ctx.fillStyle = color;
    this.ctx.textBaseline = 'top';
    for (const line of lines) {
      this.ctx.fillText(line, PAGE.margin, this.y);
      this.y += size * 1.3;
    }
  }
  close(): Buffer {
    if (this.open) this.doc.endPage();
    return this.doc.close();
  }
}

/** The whole report as PDF bytes. `refs[i]` is the claim of `outcomes[i]`. */
export function reportPdf(header: ReportHeader, refs: readonly ClaimRef[], outcomes: readonly ClaimOutcome[], runs: ReadonlyMap<string, RunDetail>): Buffer {
  const pages = new Pages(new PDFDocument({ title: 'Limitlab reproduction report', creator: 'Limitlab' }));
  const passed = outcomes.filter((o) => o.status === 'pass').length;
  pages.newPage();
  pages.text('Limitlab reproduction report', 18, TEXT, true);
  pages.y += 4;
  pages.text(`${passed} of ${outcomes.length} claims reproduce.`, 11, passed === outcomes.length ? GREEN : RED, true);
  pages.text(`Checked ${header.startedAt} in ${(header.durationMs / 1000).toFixed(1)} s by Limitlab ${header.appVersion}; runs tagged ${header.tag}.`, 9, GREY);
  const figW = CLAIM_FIGURE_MM.width * PT_PER_MM;
  const figH = CLAIM_FIGURE_MM.height * PT_PER_MM;
  let first = true;
  for (const paper of papersOf(refs)) {
    if (!first) pages.newPage();
    else pages.y += 12;
    first = false;
    pages.text(`arXiv:${paper.arxiv} — ${paper.title}`, 13, TEXT, true);
    pages.y += 6;
    refs.forEach((ref, i) => {
      if (ref.claim.paper !== paper.arxiv) return;
      const o = outcomes[i]!;
      const ok = o.status === 'pass';
      pages.ensure(60 + figH);
      pages.text(`${o.kind} · ${o.claim} — ${verdictText(o)}`, 10, ok ? GREEN : RED, true);
      pages.text(o.statement, 9);
      pages.text(`Source: ${o.source}${o.printed ? '' : ' (no value printed: a direction is checked)'}. Measured: ${o.observable}.`, 8, GREY);
      pages.text(`expected ${o.expected} (${o.tolerance}) · measured ${measuredText(o)} · run ${o.runId ?? '—'}${o.error ? ` · ${o.error}` : ''}`, 9, ok ? TEXT : RED, !ok);
      const spec = claimFigureSpec(ref, o.runId ? runs.get(o.runId) : undefined);
      if (spec) {
        pages.ensure(figH + 6);
        pages.ctx.save();
        drawFigure(offsetContext(pages.ctx, PAGE.margin, pages.y + 3), spec, figW, figH, 1);
        pages.ctx.restore();
        pages.ctx.setTransform(1, 0, 0, 1, 0, 0);
        pages.y += figH + 14;
      } else pages.y += 10;
    });
  }
  return pages.close();
}
