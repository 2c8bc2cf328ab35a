import type { CheckKind } from '@lifeline/shared';
import type { ProbeKind } from './probe-kind.js';
import { httpProbe } from './kinds/http.probe.js';
import { tcpProbe } from './kinds/tcp.probe.js';
import { dnsProbe } from './kinds/dns.probe.js';
import { tlsProbe } from './kinds/tls.probe.js';
import { hl7MllpProbe } from './kinds/hl7-mllp.probe.js';
import { fhirProbe } from './kinds/fhir.probe.js';
import { dicomEchoProbe } from './kinds/dicom-echo.probe.js';
import { heartbeatProbe } from './kinds/heartbeat.probe.js';

/** Every check kind has exactly one probe; a kind added to shared/ without one fails to compile here. */
export const probeRegistry: { readonly [K in CheckKind]: ProbeKind<K> } = {
  http: httpProbe,
  tcp: tcpProbe,
  dns: dnsProbe,
  tls: tlsProbe,
  'hl7-mllp': hl7MllpProbe,
  fhir: fhirProbe,
  'dicom-echo': dicomEchoProbe,
  heartbeat: heartbeatProbe,
};
