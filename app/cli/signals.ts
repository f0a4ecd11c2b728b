/**
 * Ctrl+C (SIGINT) and SIGTERM while the command waits on work. The first asks for a cancel; later
 * ones are acknowledged but no longer end the process, so the work is recorded as cancelled before
 * the command exits. The default handling returns once `release()` is called, unless a signal
 * already arrived: then the command is on its way out with status 1, and a late Ctrl+C between the
 * release and the exit must not kill it with the signal instead.
 */
export interface InterruptGuard {
  /** How many signals arrived. */
  readonly count: number;
  release(): void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

let anySignal = false;

/**
 * Whether a guarded command received a signal. The launcher then exits at once with the command's
 * status: a process that ends by emptying its event loop first tears its handles down, and Node puts
 * the default handling back, so a second Ctrl+C in those last milliseconds would end it by the
 * signal instead of with status 1.
 */
export function interrupted(): boolean {
  return anySignal;
}

export function guardInterrupts(cancel: () => void, say: (line: string) => void): InterruptGuard {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    anySignal = true;
    if (count === 1) {
      say(`\n${signal}: cancelling…\n`);
      cancel();
    } else if (count === 2) {
      say(`${signal}: still cancelling; the command exits once the cancel is recorded\n`);
    }
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return {
    get count() {
      return count;
    },
    release() {
      if (count > 0) return;
      for (const signal of SIGNALS) process.removeListener(signal, handler);
    },
  };
}
