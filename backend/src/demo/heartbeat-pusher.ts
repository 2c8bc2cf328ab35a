import type { Behaviour } from './scenarios.js';

/** The env var the demo catalog's heartbeat check names in `keyEnv`. */
export const DEMO_HEARTBEAT_KEY_ENV = 'DEMO_HEARTBEAT_KEY';

export interface PusherView {
  behaviourOf(system: string): Behaviour | undefined;
  /** Real ms between pushes when healthy. */
  everyMs: number;
  log: (line: string) => void;
}

/**
 * Plays a partner that pushes heartbeats to Lifeline (`POST /api/heartbeats/:key`) once the
 * app listens. Follows the scenario: healthy pushes every `everyMs`; slow pushes three times
 * less often (late: degraded); failing stops pushing (stale: down); flapping skips every other push.
 */
export class HeartbeatPusher {
  private timer: NodeJS.Timeout | undefined;
  private baseUrl: string | undefined;
  private stopped = false;
  private tick = 0;
  private lastPush = 0;
  private warned = false;

  constructor(
    readonly system: string,
    private readonly key: string,
    private readonly view: PusherView,
  ) {}

  /** Starts pushing to the app at `baseUrl`; the first push is awaited so a first check finds it. */
  async start(baseUrl: string): Promise<void> {
    if (this.stopped || this.baseUrl !== undefined) return;
    this.baseUrl = baseUrl;
    await this.push();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    // Wake often enough to follow phase changes; whether to push is decided on each wake-up.
    this.timer = setTimeout(() => void this.wake(), Math.max(250, Math.floor(this.view.everyMs / 4)));
    this.timer.unref();
  }

  private async wake(): Promise<void> {
    const behaviour = this.view.behaviourOf(this.system) ?? 'unavailable';
    const due = Date.now() - this.lastPush >= (behaviour === 'slow' ? 3 : 1) * this.view.everyMs;
    if (due && behaviour !== 'unavailable' && behaviour !== 'reset' && behaviour !== 'hang') {
      if (behaviour !== 'flapping' || ++this.tick % 2 === 1) await this.push();
      else this.lastPush = Date.now(); // a skipped beat
    }
    this.schedule();
  }

  private async push(): Promise<void> {
    this.lastPush = Date.now();
    try {
      const res = await fetch(`${this.baseUrl}/api/heartbeats/${encodeURIComponent(this.key)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lastMessageAt: new Date().toISOString() }),
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      if (!res.ok && !this.warned) {
        this.warned = true;
        this.log(`heartbeat push answered ${res.status}`);
      }
    } catch (err) {
      if (!this.stopped && !this.warned) {
        this.warned = true;
        this.log(`heartbeat push failed: ${(err as Error).message}`);
      }
    }
  }

  private log(what: string): void {
    this.view.log(`[demo simulator] simulated ${this.system}: ${what} (simulated partner)`);
  }
}
