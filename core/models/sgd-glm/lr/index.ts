/** Learning-rate policies of the `sgd-glm` kind, one module each. */
import type { SgdGlmParams } from '../params.js';
import { adagradNormPolicy } from './adagrad-norm.js';
import { constantPolicy } from './constant.js';
import { lineSearchPolicy } from './line-search.js';
import { polyakPolicy } from './polyak.js';
import { rmspropNormPolicy } from './rmsprop-norm.js';
import { schedulePolicy } from './schedule.js';
import type { LrPolicy } from './types.js';

export type { LrPolicy, LrView, SgdLrController } from './types.js';
export { emptyView, oracleGrad2, setView } from './types.js';
export { adagradNormPolicy, constantPolicy, lineSearchPolicy, polyakPolicy, rmspropNormPolicy, schedulePolicy };
export { lineSearchGamma } from './line-search.js';
export { polyakGamma } from './polyak.js';

export function lrPolicyFor(lr: SgdGlmParams['lr']): LrPolicy {
  switch (lr.policy) {
    case 'constant':
      return constantPolicy(lr.gamma);
    case 'schedule':
      return schedulePolicy(lr.gamma, lr.t0, lr.power);
    case 'adagrad_norm':
      return adagradNormPolicy(lr.eta, lr.b);
    case 'rmsprop_norm':
      return rmspropNormPolicy(lr.eta, lr.b, lr.alpha);
    case 'line_search':
      return lineSearchPolicy();
    case 'polyak':
      return polyakPolicy();
  }
}
