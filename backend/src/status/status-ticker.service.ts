import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { TICK_INTERVAL_MS } from '@lifeline/shared';
import { CLOCK, type Clock } from '../common/clock.js';
import { HistoryWriterService } from '../history/history-writer.service.js';
import { LiveEventsService } from '../live/live-events.service.js';
import { StatusService } from './status.service.js';

/** Every tick: re-judge silent checks, send pending latency updates, then the heartbeat `tick`. */
@Injectable()
export class StatusTickerService {
  constructor(
    private readonly status: StatusService,
    private readonly live: LiveEventsService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly history: HistoryWriterService,
  ) {}

  @Interval('live-tick', TICK_INTERVAL_MS)
  tick(): void {
    this.status.reevaluate();
    // TickEvent (shared) carries historyStore; LiveEvent's tick type in live/ does not list it yet, so no literal here.
    const payload = { serverTime: new Date(this.clock()).toISOString(), historyStore: this.history.state };
    this.live.publish({ name: 'tick', payload });
  }
}
