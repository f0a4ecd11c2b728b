/**
 * Which claims a reproduction checks: every registered kind's `claims`, narrowed by paper, kind
 * and the quick subset. An unknown paper or kind is a `SelectionError` naming the known ones.
 */
import type { Claim } from '../../../core/models/claims.js';
import type { ModelKind } from '../../../core/models/model-kind.js';

export interface ClaimRef {
  kind: ModelKind<unknown>;
  claim: Claim;
}

export interface ClaimFilter {
  /** arXiv id, e.g. "2405.19585" (an "arXiv:" prefix is accepted). */
  paper?: string;
  kind?: string;
  quick?: boolean;
  /** One claim, as "kind/claim-id". */
  claim?: string;
}

export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

/** "kind/claim-id": a claim's name across kinds. */
export function claimKey(ref: ClaimRef): string {
  return `${ref.kind.id}/${ref.claim.id}`;
}

/** The arXiv id without an "arXiv:" prefix. */
export function normalisePaper(paper: string): string {
  return paper.trim().replace(/^arxiv:/i, '');
}

/** The claims of `kinds` matching `filter`, in registry order. */
export function selectClaims(kinds: readonly ModelKind<unknown>[], filter: ClaimFilter = {}): ClaimRef[] {
  const all = kinds.flatMap((kind) => (kind.claims ?? []).map((claim) => ({ kind, claim })));
  let chosen = all;
  if (filter.kind !== undefined) {
    if (!kinds.some((k) => k.id === filter.kind)) {
      throw new SelectionError(`unknown kind "${filter.kind}"; known: ${kinds.map((k) => k.id).join(', ')}`);
    }
    chosen = chosen.filter((r) => r.kind.id === filter.kind);
  }
  if (filter.paper !== undefined) {
    const paper = normalisePaper(filter.paper);
    const papers = [...new Set(all.map((r) => r.claim.paper))];
    if (!papers.includes(paper)) throw new SelectionError(`no claims for paper "${filter.paper}"; papers with claims: ${papers.join(', ')}`);
    chosen = chosen.filter((r) => r.claim.paper === paper);
  }
  if (filter.claim !== undefined) {
    chosen = chosen.filter((r) => claimKey(r) === filter.claim);
    if (!chosen.length) throw new SelectionError(`unknown claim "${filter.claim}" (claims are named kind/claim-id)`);
  }
  if (filter.quick) chosen = chosen.filter((r) => r.claim.quick);
  return chosen;
}

/** The papers of `refs` in first-seen order, each with its title from its kind. */
export function papersOf(refs: readonly ClaimRef[]): { arxiv: string; title: string }[] {
  const out = new Map<string, string>();
  for (const r of refs) {
    if (!out.has(r.claim.paper)) out.set(r.claim.paper, r.kind.paper.find((p) => p.arxiv === r.claim.paper)?.title ?? '');
  }
  return [...out].map(([arxiv, title]) => ({ arxiv, title }));
}
