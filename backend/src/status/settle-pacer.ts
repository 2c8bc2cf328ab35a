import { performance } from 'node:perf_hooks';

/**
 * Paces the full settle (attribution, verdict and incidents over every integration) that a
 * status change calls for. With a few hundred integrations a settle is a fraction of a
 * millisecond and runs at once; with thousands it costs milliseconds, and a burst of
 * changes (the first round after a start, a perimeter event) would otherwise re-run it for
 * every single change. Here the changes that arrive while one is waiting are settled
 * together, and settles take at most `share` of the time.
 */
export class SettlePacer {
  private lastEnd = Number.NEGATIVE_INFINITY;
  private lastCost = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly settle: () => void,
    /** A settle run by the timer that throws: reported here, since nothing else would catch it. */
    private readonly onError: (err: unknown) => void,
    private readonly share = 0.25,
    private readonly maxWaitMs = 250,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A settle is needed: now if the last one was long enough ago, else once, a little later. */
  request(): void {
    if (this.timer) return;
    const gap = Math.min(this.maxWaitMs, (this.lastCost * (1 - this.share)) / this.share);
    const wait = this.lastEnd + gap - this.now();
    if (wait <= 0) this.runNow();
    else
      this.timer = setTimeout(() => {
        try {
          this.runNow();
        } catch (err) {
          this.onError(err);
        }
      }, wait);
  }

  /** Settles now; a settle that was waiting is part of this one. */
  runNow(): void {
    this.cancel();
    const start = this.now();
    try {
      this.settle();
    } finally {
      this.lastEnd = this.now();
      this.lastCost = this.lastEnd - start;
    }
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
