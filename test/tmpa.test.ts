import { it } from 'vitest';
import { runKind } from '../core/models/run-kind.js';
import { nngpGp } from '../core/models/nngp-gp/index.js';
import { ctx } from './core/models/ctx.js';
it('a', () => {
  for (const over of [
    { d: 20, activation: 'erf', P_min: 16, P: 512, P_points: 6, test_size: 400 },
    { d: 20, activation: 'relu', depth: 2, target: { kind: 'hermite', degree: 2 }, P_min: 16, P: 512, P_points: 6, test_size: 400, noise: 1e-3 },
    { d: 10, activation: 'erf', target: { kind: 'teacher' }, P_min: 16, P: 512, P_points: 6, test_size: 400, noise: 1e-2, label_noise: 0.1 },
    { d: 8, activation: 'square', target: { kind: 'hermite', degree: 2 }, P_min: 8, P: 256, P_points: 6, test_size: 400, noise: 1e-2 },
  ]) {
    const t = performance.now();
    const p = nngpGp.params.parse(over);
    const r = runKind(nngpGp, p, ctx(1, 8));
    const get = (src: string, lab: string) => r.series.find((s) => s.name === 'test_error' && s.source === src && (s.label ?? '').startsWith(lab) && s.replica === undefined)!;
    const rr = get('theory', 'renorm'), ek = get('theory', 'EK'), em = get('empirical', 'GP');
    console.log(JSON.stringify(over), (performance.now() - t).toFixed(0), 'ms');
    console.log(' P ', Array.from(em.x).join(' '));
    console.log(' RR', Array.from(rr.y).map((v) => v.toPrecision(3)).join(' '));
    console.log(' GP', Array.from(em.y).map((v) => v.toPrecision(3)).join(' '));
    console.log(' lo', Array.from(em.band!.lo).map((v) => v.toPrecision(3)).join(' '), 'hi', Array.from(em.band!.hi).map((v) => v.toPrecision(3)).join(' '));
    console.log(' EK', Array.from(ek.y).map((v) => v.toPrecision(3)).join(' '), r.scalars);
  }
});
