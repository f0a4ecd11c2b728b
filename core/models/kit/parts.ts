/** Part lists: the theory part and replica parts (see ./scan.ts for parts along an internal axis). */
import type { PartKey, RunPart } from '../model-kind.js';

/** Replica parts 0 .. count - 1, each of weight `weight`, of the main process or of `process`. */
export function replicaParts(count: number, weight: number, process?: string): RunPart[] {
  return Array.from({ length: count }, (_, index) => {
    const key: PartKey = process === undefined ? { role: 'replica', index } : { role: 'replica', index, process };
    return { key, weight };
  });
}

/** The theory, then `replicas` replicas of the main process. */
export function theoryAndReplicas(replicas: number, weight: { theory: number; replica: number }): RunPart[] {
  return [{ key: { role: 'theory' }, weight: weight.theory }, ...replicaParts(replicas, weight.replica)];
}
