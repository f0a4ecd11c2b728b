/**
 * Every registered kind passes the contract checks (./contract-checks.ts), and every series and
 * scalar the baseline runs produce (./baseline/cases.ts: every preset, shrunk) is declared.
 */
import { describe, expect, it } from 'vitest';
import { kinds } from '../../../core/models/registry.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { BASELINE_CASES } from './baseline/cases.js';
import { describeKindContract, expectDeclared } from './contract-checks.js';
import { ctx } from './ctx.js';
import { QUICK } from './quick-params.js';


describe('the registry', () => {
  it('has small parameters for every kind in this test', () => {
    for (const kind of kinds) expect(QUICK[kind.id], `QUICK["${kind.id}"] in test/core/models/quick-params.ts`).toBeDefined();
  });
});

for (const kind of kinds) describeKindContract(kind, QUICK[kind.id] ?? [{}]);

describe('declared outputs over every preset', () => {
  it.each(BASELINE_CASES.map((c) => [c.name, c] as const))('%s reports only declared series and scalars', (_name, c) => {
    const kind = kinds.find((k) => k.id === c.kind)!;
    const r = resolveParams(kind, { ...(c.preset !== undefined ? { preset: c.preset } : {}), params: c.params });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expectDeclared(kind, runKind(kind, r.params, ctx(c.seed, Math.max(1, c.replicas))), c.name);
  });
});
