import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkLangevinSchedule, LANGEVIN_TEXTS, langevinParams, type LangevinGroupSpec } from '../../../core/models/kit/index.js';
import { AFTER_FIELD_CHECKS } from '../../../core/models/param-fields.js';
import { resolveParams } from '../../../core/models/resolve-params.js';
import { getKind } from '../../../core/models/registry.js';

const SPEC: LangevinGroupSpec = {
  description: 'A Langevin ensemble',
  chains: { default: 4, max: 64 },
  steps: { default: 1000 },
  burn_in: { description: 'Steps before the first sample', default: 200 },
  thin: { default: 5 },
  step: { description: 'Step factor; 0 = automatic', max: 2 },
};

/** The group inside a kind-like schema, with the schedule check where a kind puts it. */
const schema = z
  .strictObject({ langevin: langevinParams(SPEC) })
  .superRefine((p, ctx) => checkLangevinSchedule(p.langevin, ctx), AFTER_FIELD_CHECKS);

function messages(input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Samples a chain records, counted step by step as the simulator keeps them (t > burn_in, (t − burn_in) % thin = 0). */
function recordedSamples(steps: number, burnIn: number, thin: number): number {
  let n = 0;
  for (let t = 1; t <= steps; t++) if (t > burnIn && (t - burnIn) % thin === 0) n++;
  return n;
}

describe('the langevin parameter group of the kit', () => {
  it('defaults every field, and the whole group when it is absent', () => {
    const expected = { chains: 4, steps: 1000, burn_in: 200, thin: 5, step: 0 };
    expect(schema.parse({}).langevin).toEqual(expected);
    expect(schema.parse({ langevin: {} }).langevin).toEqual(expected);
    expect(schema.parse({ langevin: { chains: 0, step: 1.5 } }).langevin).toEqual({ ...expected, chains: 0, step: 1.5 });
  });

  it('takes the shared descriptions unless the kind gives its own', () => {
    const group = langevinParams(SPEC).unwrap();
    expect(group.shape.chains.description).toBe(LANGEVIN_TEXTS.chains);
    expect(group.shape.steps.description).toBe(LANGEVIN_TEXTS.steps);
    expect(group.shape.burn_in.description).toBe('Steps before the first sample');
    expect(group.shape.thin.description).toBe(LANGEVIN_TEXTS.thin);
    expect(group.shape.step.description).toBe('Step factor; 0 = automatic');
    expect(langevinParams(SPEC).description).toBe('A Langevin ensemble');
  });

  it('refuses a value outside its range with the range, and unknown keys', () => {
    expect(messages({ langevin: { chains: 65 } })).toEqual(['langevin.chains: must be an integer >= 0 and <= 64']);
    expect(messages({ langevin: { chains: 2.5 } })).toEqual(['langevin.chains: must be an integer >= 0 and <= 64']);
    expect(messages({ langevin: { steps: 0 } })).toEqual(['langevin.steps: must be an integer >= 1 and <= 1000000000']);
    expect(messages({ langevin: { thin: 0 } })).toEqual(['langevin.thin: must be an integer >= 1 and <= 1000000']);
    expect(messages({ langevin: { step: 2.01 } })).toEqual(['langevin.step: must be a number >= 0 and <= 2']);
    expect(messages({ langevin: { step: -1e-9 } })).toEqual(['langevin.step: must be a number >= 0 and <= 2']);
    expect(messages({ langevin: { chain: 3 } })[0]).toMatch(/^langevin: Unrecognized key/);
  });

  it('appends the extra fields of a kind after the shared ones, with their defaults', () => {
    const group = langevinParams(SPEC, { start: z.enum(['prior', 'ordered']).default('prior').describe('Where chains start') });
    expect(Object.keys(group.unwrap().shape)).toEqual(['chains', 'steps', 'burn_in', 'thin', 'step', 'start']);
    expect(group.parse(undefined)).toEqual({ chains: 4, steps: 1000, burn_in: 200, thin: 5, step: 0, start: 'prior' });
    expect(group.safeParse({ start: 'random' }).success).toBe(false);
  });

  it('refuses exactly the schedules that record no sample, when chains run', () => {
    for (let steps = 1; steps <= 12; steps++) {
      for (let burnIn = 0; burnIn <= 14; burnIn++) {
        for (let thin = 1; thin <= 6; thin++) {
          const got = messages({ langevin: { steps, burn_in: burnIn, thin } });
          if (recordedSamples(steps, burnIn, thin) === 0) {
            expect(got).toEqual([`langevin.burn_in: burn_in + thin = ${burnIn + thin} exceeds steps = ${steps}: no sample would be recorded`]);
          } else {
            expect(got, `steps ${steps}, burn_in ${burnIn}, thin ${thin}`).toEqual([]);
          }
          // Theory only: the schedule is not used.
          expect(messages({ langevin: { chains: 0, steps, burn_in: burnIn, thin } })).toEqual([]);
        }
      }
    }
  });

  it('is the group of every Langevin kind, which refuses a schedule without samples in the same words', () => {
    for (const id of ['adaptive-kernel', 'linear-net-scaling', 'grokking-cubic', 'grokking-modular']) {
      const kind = getKind(id)!;
      const bad = resolveParams(kind, { params: { langevin: { chains: 1, steps: 100, burn_in: 95, thin: 10 } } });
      expect(bad.ok, id).toBe(false);
      if (!bad.ok) expect(bad.issues[0]).toEqual({ path: 'langevin.burn_in', message: 'langevin.burn_in: burn_in + thin = 105 exceeds steps = 100: no sample would be recorded' });
      const one = resolveParams(kind, { params: { langevin: { chains: 1, steps: 100, burn_in: 90, thin: 10 } } });
      expect(one.ok, id).toBe(true);
    }
  });
});
