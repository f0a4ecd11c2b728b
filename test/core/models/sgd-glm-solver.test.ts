import { describe, expect, it } from 'vitest';
import { dpSgd } from '../../../core/models/dp-sgd/index.js';
import { gmmSgd } from '../../../core/models/gmm-sgd/index.js';
import { sgdGlm, sgdGlmParams } from '../../../core/models/sgd-glm/index.js';
import { SCHEME_NAMES, type TheoryScheme } from '../../../core/models/sgd-glm/ode.js';
import { runKind } from '../../../core/models/run-kind.js';
import { ctx } from './ctx.js';


describe('solver provenance', () => {
  it('sgd-glm names the integrator its theory part then reports, for each method and problem', () => {
    const cases: [Record<string, unknown>, TheoryScheme][] = [
      [{ d: 100, T: 2 }, 'dopri5'],
      [{ d: 100, T: 2, ode: { method: 'exponential' } }, 'collocation'],
      [{ d: 100, T: 2, problem: 'logistic', ode: { method: 'exponential' } }, 'exprk4s5'],
      // auto on a stiff long run (T gamma lambda_max far above the threshold) picks the exponential method
      [{ d: 100, T: 2000, spectrum: { kind: 'power_law', beta: 0.2 } }, 'collocation'],
    ];
    for (const [overrides, scheme] of cases) {
      const p = sgdGlmParams.parse(overrides);
      const solver = sgdGlm.solver!(p);
      expect(solver.integrator).toBe(scheme);
      expect(solver.rtol).toBe(p.ode.rtol);
      const note = sgdGlm.runPart(p, { role: 'theory' }, ctx()).notes![0];
      expect(note.startsWith(`theory: ${SCHEME_NAMES[scheme]},`)).toBe(true);
    }
  });

  it('dp-sgd and gmm-sgd name DOPRI5 with the tolerances their notes report', () => {
    const dp = dpSgd.solver!(dpSgd.params.parse({}));
    expect(dp.integrator).toBe('dopri5');
    const dpNote = runKind(dpSgd, dpSgd.params.parse({ d: 50 }), ctx()).notes!.find((n) => n.startsWith('theory:'))!;
    expect(dpNote).toContain(`rtol=${dp.rtol}`);
    const gmm = gmmSgd.solver!(gmmSgd.params.parse({}));
    expect(gmm.integrator).toBe('dopri5');
    const gmmNote = runKind(gmmSgd, gmmSgd.params.parse({ d: 50, T: 2 }), ctx()).notes!.find((n) => n.startsWith('theory:'))!;
    expect(gmmNote).toContain(`rtol=${gmm.rtol}`);
    expect(gmmNote).toContain(`atol=${gmm.atol}`);
  });
});
