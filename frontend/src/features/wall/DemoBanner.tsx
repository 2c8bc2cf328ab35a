import type { DemoInfo } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { formatTimeOfDay } from '../../ui/format';

/** Says loudly that the partners on screen are played by the built-in simulator. */
export function DemoBanner({ demo, timeZone }: { demo: DemoInfo; timeZone: string }) {
  const { t } = useT();
  const simulated = demo.simulatedTime ? Date.parse(demo.simulatedTime) : NaN;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>{t('wall.demo')}</strong>
      {t('wall.demoText', { scenario: demo.scenario })}
      {Number.isFinite(simulated) && (
        <span className="demo-banner__time" data-testid="demo-time">
          {t('wall.demoTime', { time: formatTimeOfDay(simulated, timeZone, false) })}
        </span>
      )}
    </div>
  );
}
