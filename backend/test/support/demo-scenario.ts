import { parseDuration, type Snapshot } from '@lifeline/shared';
import { expectEventually } from './expect-eventually.js';
import { LiveRecorder } from './live-recorder.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface ScenarioOptions {
  scenario: string;
  /** Simulated seconds per real second. */
  timeFactor: number;
  /** Check interval of the demo catalog (default 1s): the perimeter window and incident timings follow from it. */
  interval?: string;
  /** Simulated clock at start, `HH:MM`; default the scenario's own. */
  startAt?: string;
}

export interface ScenarioRun {
  app: TestApp;
  live: LiveRecorder;
  intervalMs: number;
  /** Real epoch ms at which the simulator's clock reads `HH:MM` (same simulated day). */
  realAt(hhmm: string): number;
  /** The current snapshot, over HTTP; every one fetched is kept in `polled`. */
  status(): Promise<Snapshot>;
  /** Snapshots fetched over HTTP (by `status()` and `untilClock()`), in order. */
  polled: Snapshot[];
  /** Waits until the simulator's clock (as the snapshot reports it) reads `HH:MM` or later. */
  untilClock(hhmm: string): Promise<void>;
  /**
   * Waits for the picture to settle after the boot (every integration operational at once) and
   * returns that moment. On a busy machine the very first answers can be slow; a scenario is
   * judged from here, and must have settled before its first fault.
   */
  settled(): Promise<{ seq: number; receivedAt: number }>;
  close(): Promise<void>;
}

/**
 * Boots the whole backend on the demo catalog with the simulator playing `scenario`, and a
 * live client recording from the first moment. The simulator's clock is read once from the
 * first snapshot (its `demo.simulatedTime` against `serverTime`), so a test can say when a
 * phase of the story began in real time.
 */
export async function startScenario(opts: ScenarioOptions): Promise<ScenarioRun> {
  const interval = opts.interval ?? '1s';
  const app = await startTestApp({ config: { demoScenario: opts.scenario, demoTimeFactor: opts.timeFactor, demoInterval: interval, demoStartAt: opts.startAt } });
  let live: LiveRecorder | undefined;
  try {
    live = await LiveRecorder.connect(app.url);
    const first = live.first('snapshot').payload;
    const simulated = first.demo?.simulatedTime;
    if (!simulated) throw new Error('the snapshot carries no demo.simulatedTime: is the demo simulator running?');
    const simNow = Date.parse(simulated);
    const realNow = Date.parse(first.serverTime);
    const realAt = (hhmm: string): number => {
      if (!/^\d\d:\d\d$/.test(hhmm)) throw new Error(`expected HH:MM, got "${hhmm}"`);
      // Same local date and offset as the simulator's clock: `2025-03-04T07:20:00.000+01:00`.
      const target = Date.parse(`${simulated.slice(0, 11)}${hhmm}:00.000${simulated.slice(23)}`);
      return realNow + (target - simNow) / opts.timeFactor;
    };
    const recorder = live;
    const polled: Snapshot[] = [];
    const status = async () => {
      const snapshot = (await (await fetch(`${app.url}/api/status`)).json()) as Snapshot;
      polled.push(snapshot);
      return snapshot;
    };
    return {
      app,
      live: recorder,
      intervalMs: parseDuration(interval)!,
      realAt,
      status,
      polled,
      settled: () => expectEventually(() => recorder.firstAllOperational(), { timeout: 30_000 }),
      async untilClock(hhmm) {
        const timeout = Math.max(0, realAt(hhmm) - Date.now()) + 30_000;
        await expectEventually(
          async () => {
            const clock = (await status()).demo?.simulatedTime?.slice(11, 16) ?? '';
            if (clock < hhmm) throw new Error(`simulated clock at ${clock}, waiting for ${hhmm}`);
          },
          { timeout, every: 200 },
        );
      },
      async close() {
        recorder.close();
        await app.close();
      },
    };
  } catch (err) {
    live?.close();
    await app.close();
    throw err;
  }
}
