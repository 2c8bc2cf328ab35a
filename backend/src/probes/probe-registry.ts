import type { CheckKind } from '@lifeline/shared';
import type { ProbeKind } from './probe-kind.js';
import { httpProbe } from './kinds/http.probe.js';
import { tcpProbe } from './kinds/tcp.probe.js';

/** Every check kind has exactly one probe; a kind added to shared/ without one fails to compile here. */
export const probeRegistry: { readonly [K in CheckKind]: ProbeKind<K> } = {
  http: httpProbe,
  tcp: tcpProbe,
};
