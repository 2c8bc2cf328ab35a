import type { ErrorClass, FailureStage } from './words.js';

/** Why one probe run failed: where in the conversation, which class, and in plain words. */
export interface ProbeFailure {
  stage: FailureStage;
  errorClass: ErrorClass;
  message: string;
}

/**
 * What one probe run saw: raw facts only. Judging them (status, hysteresis, attribution)
 * is the domain's job, not the probe's.
 */
export interface Observation {
  checkId: string;
  /** Epoch milliseconds when the probe started. */
  startedAt: number;
  durationMs: number;
  ok: boolean;
  failure?: ProbeFailure;
  /** Set on an ok observation that still deserves attention (a certificate about to expire): judged degraded. */
  warning?: string;
  /** Small, non-secret facts worth showing (HTTP status, certificate expiry, ACK code). */
  facts?: Record<string, string | number | boolean>;
}
