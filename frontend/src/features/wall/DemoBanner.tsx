import type { DemoInfo } from '@lifeline/shared';
import { formatTimeOfDay } from './format';

/** Says loudly that the partners on screen are played by the built-in simulator. */
export function DemoBanner({ demo, timeZone }: { demo: DemoInfo; timeZone: string }) {
  const simulated = demo.simulatedTime ? Date.parse(demo.simulatedTime) : NaN;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>DEMO</strong> — partners are simulated on this machine (scenario: {demo.scenario})
      {Number.isFinite(simulated) && <span className="demo-banner__time"> · simulated time {formatTimeOfDay(simulated, timeZone, false)}</span>}
    </div>
  );
}
