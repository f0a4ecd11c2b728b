/**
 * Equations typeset offline with KaTeX (bundled, fonts included). A line KaTeX cannot read is shown
 * as its plain text instead.
 */
import katex from 'katex';
import { toTex } from './tex.js';

export type RenderedEquation = { ok: true; html: string; tex: string } | { ok: false; text: string };

const cache = new Map<string, RenderedEquation>();

export function renderEquation(text: string): RenderedEquation {
  const hit = cache.get(text);
  if (hit) return hit;
  let out: RenderedEquation;
  const tex = toTex(text);
  try {
    // KaTeX escapes every character it outputs; `trust: false` keeps \href and friends out.
    out = { ok: true, tex, html: katex.renderToString(tex, { throwOnError: true, displayMode: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' }) };
  } catch {
    out = { ok: false, text };
  }
  cache.set(text, out);
  return out;
}
