/** The message a pool worker receives for one part of a run, and the cancellation flag layout. */
import type { MessagePort } from 'node:worker_threads';

export interface JobRequest {
  kind: string;
  params: unknown;
  seed: number;
  replicas: number;
  /** The part to compute, or null for the whole run. */
  part: { id: string; weight: number } | null;
  /** Int32Array over a SharedArrayBuffer; index 0 becomes 1 when the run is cancelled. */
  cancelFlag: SharedArrayBuffer;
  /** Receives { fraction, note } messages, throttled in the worker. */
  progressPort: MessagePort;
  /** Minimum milliseconds between progress messages. */
  progressIntervalMs: number;
}
