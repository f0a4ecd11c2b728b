/**
 * The kinds reproduce, byte for byte, what the code of the recorded commit produced for the same
 * parameters, seed and replica count (test/fixtures/kind-baseline.json, written by
 * scripts/record-kind-baseline.mjs from a worktree of that commit).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kinds } from '../../../core/models/registry.js';
import { BASELINE_CASES, BASELINE_PRESETS, type BaselineCase } from './baseline/cases.js';
import { type CasePrint, casePrint } from './baseline/fingerprint.js';
import { loadKindApi } from './baseline/load.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/kind-baseline.json', import.meta.url), 'utf8')) as {
  commit: string;
  cases: Record<string, { case: BaselineCase; print: CasePrint }>;
};
const api = await loadKindApi(root);

describe('kind baseline', () => {
  it('covers every preset of every registered kind', () => {
    for (const kind of kinds) expect([kind.id, BASELINE_PRESETS[kind.id]?.sort()]).toEqual([kind.id, Object.keys(kind.presets).sort()]);
  });

  it('has a recording of every case as the case list defines it', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(BASELINE_CASES.map((c) => c.name).sort());
    for (const c of BASELINE_CASES) expect(fixture.cases[c.name]!.case).toEqual(JSON.parse(JSON.stringify(c)));
  });

  it.each(BASELINE_CASES.map((c) => [c.name, c] as const))('%s gives the recorded bytes', (_name, c) => {
    expect(casePrint(api, c)).toEqual(fixture.cases[c.name]!.print);
  });
});
