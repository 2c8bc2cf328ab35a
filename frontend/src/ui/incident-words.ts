import type { IncidentSnapshot } from '@lifeline/shared';
import type { T } from '../i18n/use-t';

/**
 * What an incident is about, translated: "Common cause outside: our internet connection or
 * provider", "One partner: Synlab". `nameOf` turns an integration id into its name.
 */
export function incidentKindText(incident: Pick<IncidentSnapshot, 'kind' | 'subject'>, t: T, nameOf: (id: string) => string | undefined = () => undefined): string {
  const subject = incident.subject ?? '';
  switch (incident.kind) {
    case 'internal':
      return t('incidents.kind.internal', { subject: nameOf(subject) ?? subject });
    case 'partner':
      return t('incidents.kind.partner', { subject });
    default:
      return t(`incidents.kind.${incident.kind}`);
  }
}
