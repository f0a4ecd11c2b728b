/**
 * A first-come gate with a fixed number of slots: how the engine feeds a large sweep to the job pool
 * a few runs at a time instead of queueing thousands of jobs (and their message ports) at once.
 * A waiter can be withdrawn before it gets a slot, which is how a queued run is cancelled without
 * ever reaching the pool.
 */
export class RunGate {
  private held = 0;
  /** Waiters in arrival order (a Map keeps insertion order), each with the function that wakes it. */
  private readonly waiting = new Map<object, (entered: boolean) => void>();

  constructor(readonly slots: number) {
    if (!(slots >= 1)) throw new Error(`a run gate needs at least one slot (got ${slots})`);
  }

  /**
   * Resolves true once `key` holds a slot (give it back with `leave()`), or false when the key was
   * withdrawn while it waited (it holds nothing then).
   */
  enter(key: object): Promise<boolean> {
    if (this.waiting.has(key)) throw new Error('this key is already waiting at the gate');
    if (this.held < this.slots) {
      this.held++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }

  /** Gives a slot back; the longest waiter, if any, takes it over. */
  leave(): void {
    const next = this.waiting.entries().next();
    if (next.done) {
      this.held = Math.max(0, this.held - 1);
      return;
    }
    const [key, wake] = next.value;
    this.waiting.delete(key);
    wake(true);
  }

  /** Takes a waiting key out of the line; true when it was waiting (its `enter` then resolves false). */
  withdraw(key: object): boolean {
    const wake = this.waiting.get(key);
    if (!wake) return false;
    this.waiting.delete(key);
    wake(false);
    return true;
  }

  /** True while `key` waits for a slot. */
  isWaiting(key: object): boolean {
    return this.waiting.has(key);
  }

  get waitingCount(): number {
    return this.waiting.size;
  }
}
