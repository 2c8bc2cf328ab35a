import type { IncidentEvent, IntegrationsRefreshedEvent, IntegrationUpdatedEvent, Snapshot, TickEvent, VerdictUpdatedEvent } from '@lifeline/shared';

/** One server → client message of `/live`, tagged by its event name. */
export type LiveMessage =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'integration.updated'; event: IntegrationUpdatedEvent }
  | { type: 'integrations.refreshed'; event: IntegrationsRefreshedEvent }
  | { type: 'verdict.updated'; event: VerdictUpdatedEvent }
  | { type: 'incident.opened'; event: IncidentEvent }
  | { type: 'incident.updated'; event: IncidentEvent }
  | { type: 'incident.resolved'; event: IncidentEvent }
  | { type: 'tick'; event: TickEvent };

export const INCIDENT_MESSAGE_TYPES = ['incident.opened', 'incident.updated', 'incident.resolved'] as const;

export interface LiveTransportHandlers {
  message(message: LiveMessage): void;
  /** `true` when the connection is (re)established, `false` when it drops or fails. */
  connection(up: boolean): void;
  /** The server refused the connection as not signed in (401): no session, or a revoked kiosk token. */
  refused?(): void;
}

/**
 * The edge between the live store and the network: the store never imports socket.io.
 * Tests pass a fake; the app passes the socket.io transport.
 */
export interface LiveTransport {
  open(handlers: LiveTransportHandlers): void;
  requestSnapshot(): void;
  close(): void;
}
