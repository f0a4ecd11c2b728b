/**
 * The checks every model kind passes, as vitest blocks: parameters described, presets resolving,
 * outputs declared and honoured, a run equal to the merge of its parts in any order, streams that
 * depend on (seed, replica) only, cancellation and progress. test/core/models/contract.test.ts runs
 * them over the registry; a kind registered elsewhere (the toy kind of test/fixtures) runs them too.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModelKind, RunResult } from '../../../core/models/model-kind.js';
import { isCancelledError } from '../../../core/models/model-kind-errors.js';
import { scalarSpec } from '../../../core/models/outputs.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { runKind } from '../../../core/models/run-kind.js';
import { bytes, ctx, expectSameResult } from './ctx.js';

type Json = Record<string, any>;

/** Parameters of `kind` from overrides, through the same resolution the engine uses. */
export function resolved(kind: ModelKind, overrides: Record<string, unknown>): unknown {
  const r = resolveParams(kind, { params: overrides });
  if (!r.ok) throw new Error(`${kind.id}: ${JSON.stringify(r.issues)}`);
  return r.params;
}

/** Every series and scalar of `result` is one the kind declares, with the declared axis labels. */
export function expectDeclared(kind: ModelKind, result: RunResult, what: string): void {
  const observables = new Map(kind.outputs.observables.map((o) => [o.name, o]));
  for (const s of result.series) {
    const spec = observables.get(s.name);
    expect(spec, `${what}: series ${s.name} is declared`).toBeDefined();
    expect([s.xLabel, s.yLabel], `${what}: axis labels of ${s.name}`).toEqual([spec!.xLabel, spec!.yLabel]);
  }
  for (const name of Object.keys(result.scalars)) expect(scalarSpec(kind.outputs, name), `${what}: scalar ${name} is declared`).toBeDefined();
}

/** TeX math commands that, written without their backslash, KaTeX sets as a product of italic letters. */
const COMMAND_NAMES = ['sqrt', 'int', 'sum', 'prod', 'frac', 'exp', 'log', 'min', 'max', 'sup', 'inf', 'lim', 'det', 'tr', 'diag'];

/**
 * What in a TeX line would typeset as a run of italic letters: words of four or more letters, and
 * command names without their backslash, outside \text{}, \mathrm{}, \operatorname{} and
 * environment names.
 */
export function bareWords(tex: string): string[] {
  const math = tex.replace(/\\(?:text|textrm|mathrm|operatorname|mbox|begin|end)\s*\{[^{}]*\}/g, ' ').replace(/\\[A-Za-z]+/g, ' ');
  const words = math.match(/[A-Za-z]{4,}/g) ?? [];
  const commands = (math.match(/[A-Za-z]+/g) ?? []).filter((w) => COMMAND_NAMES.includes(w));
  return [...words, ...commands];
}

function describedEverywhere(node: Json, path: string): void {
  for (const [key, prop] of Object.entries<Json>(node['properties'] ?? {})) {
    expect(typeof prop['description'], `${path}${key} has a description`).toBe('string');
    expect(prop['default'], `${path}${key} has a default`).toBeDefined();
    if (prop['type'] === 'number' || prop['type'] === 'integer') {
      expect(prop['minimum'] ?? prop['exclusiveMinimum'], `${path}${key} has a lower bound`).toBeDefined();
      expect(prop['maximum'] ?? prop['exclusiveMaximum'], `${path}${key} has an upper bound`).toBeDefined();
    }
    if (prop['type'] === 'object') describedEverywhere(prop, `${path}${key}.`);
  }
}

/**
 * The contract checks of one kind. `quick` lists small parameter overrides (the first runs with
 * three replicas in every check; each one is checked for declared outputs).
 */
export function describeKindContract(kind: ModelKind, quick: Record<string, unknown>[]): void {
  describe(`${kind.id} honours the model-kind contract`, () => {
    it('describes every parameter with a default, and every number with its range', () => {
      describedEverywhere(z.toJSONSchema(kind.params as z.ZodType, { io: 'input' }) as Json, '');
    });

    it('resolves every preset, each with a description', () => {
      expect(Object.keys(kind.presets).length).toBeGreaterThan(0);
      for (const [name, preset] of Object.entries(kind.presets)) {
        expect(resolveParams(kind, { preset: name }).ok, name).toBe(true);
        expect(preset.description.length, name).toBeGreaterThan(20);
      }
    });

    it('writes its equations in TeX that KaTeX typesets, without bare words', () => {
      expect(kind.equations.length).toBeGreaterThan(0);
      for (const eq of kind.equations) {
        expect(() => katex.renderToString(eq, { throwOnError: true, strict: 'error' }), eq).not.toThrow();
        expect(bareWords(eq), eq).toEqual([]);
      }
    });

    it('declares each observable and scalar once, with a role', () => {
      const names = kind.outputs.observables.map((o) => o.name);
      expect(new Set(names).size).toBe(names.length);
      const scalars = kind.outputs.scalars.map((s) => s.name);
      expect(new Set(scalars).size).toBe(scalars.length);
      for (const s of kind.outputs.scalars) expect(['theory', 'simulation', 'gap', 'limit', 'diagnostic'], s.name).toContain(s.role);
    });

    it('reports only declared series and scalars, with the declared axis labels', () => {
      for (const overrides of quick) expectDeclared(kind, runKind(kind, resolved(kind, overrides), ctx(3, 2)), JSON.stringify(overrides));
    });

    it('runs as the merge of its parts bit for bit, whatever order the parts run in', () => {
      const p = resolved(kind, quick[0]!);
      const whole = runKind(kind, p, ctx(77, 3));
      const parts = kind.parts(p, 3);
      const results = new Array<RunResult>(parts.length);
      for (let i = parts.length - 1; i >= 0; i--) results[i] = kind.runPart(p, parts[i]!.key, ctx(77, 3));
      expectSameResult(whole, kind.merge(p, parts.map((q, i) => ({ key: q.key, result: results[i]! })), { seed: 77, replicas: 3 }));
      // Part keys are plain data: they survive the copy to a worker unchanged.
      for (const q of parts) expect(structuredClone(q.key)).toEqual(q.key);
    });

    it('gives the same bytes for the same seed; a replica depends on (seed, replica) only', () => {
      const p = resolved(kind, quick[0]!);
      const a = runKind(kind, p, ctx(123, 2));
      expectSameResult(a, runKind(kind, p, ctx(123, 2)));
      const replica = (r: RunResult, k: number) => r.series.filter((s) => s.replica === k);
      const first = replica(a, 1);
      if (!kind.parts(p, 2).some((q) => q.key.role === 'replica')) {
        // A theory-only kind: nothing in its result may claim to be a replica.
        expect(a.series.filter((s) => s.replica !== undefined)).toEqual([]);
        return;
      }
      expect(first.length, 'replica 1 has series').toBeGreaterThan(0);
      const more = replica(runKind(kind, p, ctx(123, 4)), 1);
      expect(more.map((s) => bytes(s.y).toString('hex'))).toEqual(first.map((s) => bytes(s.y).toString('hex')));
      expect(bytes(replica(a, 0)[0]!.y).equals(bytes(first[0]!.y))).toBe(false);
      expect(bytes(replica(runKind(kind, p, ctx(124, 2)), 1)[0]!.y).equals(bytes(first[0]!.y))).toBe(false);
    });

    it('stops every part with a cancellation error once cancelled', () => {
      const p = resolved(kind, quick[0]!);
      for (const part of kind.parts(p, 2)) {
        let error: unknown = null;
        try {
          kind.runPart(p, part.key, ctx(1, 2, { isCancelled: () => true }));
        } catch (e) {
          error = e;
        }
        expect(isCancelledError(error), JSON.stringify(part.key)).toBe(true);
      }
    });

    it('reports progress in [0, 1], never decreasing, ending at 1, for the run and for each part', () => {
      const p = resolved(kind, quick[0]!);
      const check = (seen: number[], what: string) => {
        expect(seen.length, what).toBeGreaterThan(0);
        for (let i = 0; i < seen.length; i++) {
          expect(seen[i]! >= 0 && seen[i]! <= 1, `${what}: ${seen[i]} in [0, 1]`).toBe(true);
          if (i > 0) expect(seen[i]!, `${what}: step ${i}`).toBeGreaterThanOrEqual(seen[i - 1]!);
        }
      };
      const all: number[] = [];
      runKind(kind, p, ctx(1, 2, { progress: (f) => all.push(f) }));
      check(all, 'run');
      expect(all.at(-1)).toBe(1);
      for (const part of kind.parts(p, 2)) {
        const seen: number[] = [0];
        kind.runPart(p, part.key, ctx(1, 2, { progress: (f) => seen.push(f) }));
        check(seen, JSON.stringify(part.key));
      }
    });

    it('gives warnings as text and names its solver for the resolved parameters', () => {
      for (const overrides of quick) {
        const p = resolved(kind, overrides);
        const warnings = kind.warnings?.(p) ?? [];
        for (const w of warnings) expect(typeof w).toBe('string');
        if (kind.solver) expect(typeof kind.solver(p)['integrator']).toBe('string');
      }
    });
  });
}
