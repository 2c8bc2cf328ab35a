import { useId } from 'react';
import type { IncidentSnapshot } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { formatSiteTime } from '../../ui/format';
import { incidentKindText } from '../../ui/incident-words';
import { WINDOW_CHOICES } from './audit-window';
import type { WindowChoice } from './audit-window';

export interface WindowPickerProps {
  choice: WindowChoice;
  onChoice: (choice: WindowChoice) => void;
  incident: IncidentSnapshot | undefined;
  /** Midnight of today at the site (ms). */
  todayFrom: number;
  now: number;
  timeZone: string;
  /** The custom window as datetime-local values (site time). */
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  integrations: Array<{ id: string; name: string }>;
  integration: string;
  onIntegration: (id: string) => void;
  nameOf?: (id: string) => string | undefined;
}

/** The export's window (last incident, today, or custom times at the site) and an optional integration. */
export function WindowPicker(p: WindowPickerProps) {
  const { t, locale } = useT();
  const id = useId();
  const time = (ms: number) => formatSiteTime(ms, p.timeZone, locale, p.now);
  const describe: Record<WindowChoice, string> = {
    incident: p.incident
      ? t('audit.incidentSpan', {
          title: incidentKindText(p.incident, t, p.nameOf),
          from: time(Date.parse(p.incident.openedAt)),
          to: p.incident.resolvedAt ? time(Date.parse(p.incident.resolvedAt)) : t('audit.now'),
        })
      : t('audit.noIncident'),
    today: t('audit.todaySpan', { from: time(p.todayFrom) }),
    custom: t('audit.zoneHint', { zone: p.timeZone }),
  };
  return (
    <div className="audit-window">
      <fieldset className="audit-window__choices">
        <legend>{t('audit.window')}</legend>
        {WINDOW_CHOICES.map((c) => (
          <div className="audit-window__choice" key={c}>
            <input
              type="radio"
              id={`${id}-${c}`}
              name={`${id}-window`}
              value={c}
              checked={p.choice === c}
              disabled={c === 'incident' && !p.incident}
              onChange={() => p.onChoice(c)}
              aria-describedby={`${id}-${c}-what`}
            />
            <label htmlFor={`${id}-${c}`}>{t(`audit.choice.${c}`)}</label>
            <span id={`${id}-${c}-what`} className="field__hint">
              {describe[c]}
            </span>
          </div>
        ))}
      </fieldset>
      {p.choice === 'custom' && (
        <div className="audit-window__custom">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('audit.from')}</label>
            <input id={`${id}-from`} type="datetime-local" value={p.from} onChange={(e) => p.onFrom(e.target.value)} aria-describedby={`${id}-custom-what`} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('audit.to')}</label>
            <input id={`${id}-to`} type="datetime-local" value={p.to} onChange={(e) => p.onTo(e.target.value)} aria-describedby={`${id}-custom-what`} />
          </div>
        </div>
      )}
      <div className="field audit-window__integration">
        <label htmlFor={`${id}-integration`}>{t('audit.integration')}</label>
        <select id={`${id}-integration`} value={p.integration} onChange={(e) => p.onIntegration(e.target.value)}>
          <option value="">{t('audit.allIntegrations')}</option>
          {p.integrations.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
