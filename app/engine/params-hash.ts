/** The short hash a run's canonical parameter JSON is stored under (runs with equal parameters share it). */
import { createHash } from 'node:crypto';

export function paramsHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
