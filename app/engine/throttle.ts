/**
 * A report that may be asked for thousands of times a second (one per run of a large sweep) but
 * goes out at most once per interval, and never goes stale: a request inside the interval is
 * delivered when the interval ends.
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: () => void,
    private readonly everyMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Send now when the interval has passed since the last report, else once it has. */
  request(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.everyMs - this.clock();
    if (wait <= 0) return this.fire();
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref?.();
  }

  /** Send now, replacing any report still waiting. */
  flush(): void {
    this.cancel();
    this.fire();
  }

  /** Drop a report still waiting. */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    this.last = this.clock();
    this.send();
  }
}
