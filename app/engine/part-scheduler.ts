/**
 * The scheduler in front of the job pool: it hands the pool at most as many tasks as it has
 * threads, and chooses the next one fairly. Interactive runs go before batch ones (sweep runs);
 * within a class, the run with the fewest tasks in the pool goes first (then the earliest), and no
 * run holds more than its cap. So a small run started while a large one computes starts as soon
 * as one of the large run's parts ends.
 */
export type Priority = 'interactive' | 'batch';

export interface SchedulerOptions {
  /** Tasks in the pool at once (the pool's threads). */
  slots: number;
  /** Most tasks of one run in the pool at once (default: every slot). */
  perRunCap?: number;
}

interface Waiting {
  start(): void;
}

interface RunQueue {
  owner: string;
  priority: Priority;
  /** Arrival order of the run's first waiting task, for ties. */
  order: number;
  running: number;
  waiting: Waiting[];
}

export class PartScheduler {
  private readonly slots: number;
  private readonly perRunCap: number;
  private running = 0;
  private arrivals = 0;
  private readonly runs = new Map<string, RunQueue>();

  constructor(options: SchedulerOptions) {
    if (!(options.slots >= 1)) throw new Error(`a scheduler needs at least one slot (got ${options.slots})`);
    this.slots = options.slots;
    this.perRunCap = Math.max(1, options.perRunCap ?? options.slots);
  }

  /**
   * Runs `task` once the scheduler gives `owner` (a run id) a slot; resolves or rejects as the task
   * does. Aborting `signal` while the task waits rejects it without running it.
   */
  submit<T>(owner: string, priority: Priority, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const queue = this.queueOf(owner, priority);
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          task().then(resolve, reject).finally(() => this.release(queue));
        },
      };
      const onAbort = () => {
        const i = queue.waiting.indexOf(entry);
        if (i < 0) return;
        queue.waiting.splice(i, 1);
        this.forget(queue);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiting.push(entry);
      this.dispatch();
    });
  }

  /** Tasks in the pool now. */
  get busy(): number {
    return this.running;
  }

  private queueOf(owner: string, priority: Priority): RunQueue {
    let queue = this.runs.get(owner);
    if (!queue) this.runs.set(owner, (queue = { owner, priority, order: this.arrivals++, running: 0, waiting: [] }));
    return queue;
  }

  private release(queue: RunQueue): void {
    this.running--;
    queue.running--;
    this.forget(queue);
    this.dispatch();
  }

  private forget(queue: RunQueue): void {
    if (queue.running === 0 && queue.waiting.length === 0) this.runs.delete(queue.owner);
  }

  private dispatch(): void {
    while (this.running < this.slots) {
      const next = this.choose();
      if (!next) return;
      this.running++;
      next.running++;
      next.waiting.shift()!.start();
    }
  }

  /** The run whose task goes next: interactive first, then fewest in the pool, then earliest. */
  private choose(): RunQueue | undefined {
    let best: RunQueue | undefined;
    for (const queue of this.runs.values()) {
      if (!queue.waiting.length || queue.running >= this.perRunCap) continue;
      if (!best || before(queue, best)) best = queue;
    }
    return best;
  }
}

function before(a: RunQueue, b: RunQueue): boolean {
  if (a.priority !== b.priority) return a.priority === 'interactive';
  if (a.running !== b.running) return a.running < b.running;
  return a.order < b.order;
}
