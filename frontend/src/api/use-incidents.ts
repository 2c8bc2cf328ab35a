import type { IncidentSnapshot } from '@lifeline/shared';
import type { LiveMessage } from '../live/live-transport';
import { API } from './types';
import { useQuery } from './use-query';

/** Patches the incident list with the incident a live event carries (opened, updated or resolved). */
export function patchIncidents(list: IncidentSnapshot[], message: LiveMessage): IncidentSnapshot[] | undefined {
  if (message.type !== 'incident.opened' && message.type !== 'incident.updated' && message.type !== 'incident.resolved') return undefined;
  const incident = message.event.incident;
  const index = list.findIndex((i) => i.id === incident.id);
  return index === -1 ? [incident, ...list] : list.map((i, n) => (n === index ? incident : i));
}

/** Incidents of the last 7 days (the API's default window), kept current by live incident events. */
export function useIncidents() {
  return useQuery<IncidentSnapshot[]>(API.incidents, { patch: patchIncidents });
}
