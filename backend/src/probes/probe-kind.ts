import type { CheckKind, CheckOfKind, ErrorClass, FailureStage, HeartbeatRecord, ResolvedCheck } from '@lifeline/shared';

/** A resolved check of one kind: its own fields plus id, interval, timeout and thresholds. */
export type ResolvedCheckOf<K extends CheckKind> = CheckOfKind<K> & Omit<ResolvedCheck, keyof CheckOfKind<K>>;

export interface ProbeContext {
  /** Aborted when the hard timeout is reached; probes must release sockets on it. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Where `*Env` fields are looked up; secrets are read here, never logged or returned. */
  env: Readonly<Record<string, string | undefined>>;
  /** The app's clock (injected, so scenarios can compress time); kinds that judge an age read it. */
  now?: () => number;
  /** The site's time zone (`site.timezone`), for kinds whose rules follow local time. */
  timeZone?: string;
  /** What the other side pushed, for the `heartbeat` kind. */
  heartbeats?: HeartbeatReader;
}

/** Read access to pushed heartbeats, per check. */
export interface HeartbeatReader {
  last(checkId: string): HeartbeatRecord | undefined;
  /** The median interval between recent heartbeats; undefined until there are two. */
  usualCadenceMs(checkId: string): number | undefined;
}

/** What the app offers probes beyond env and the clock; the scheduler hands it to the runner. */
export type ProbeServices = Pick<ProbeContext, 'timeZone' | 'heartbeats'>;

/** What a probe reports: raw facts, judged later by the domain. */
export type ProbeOutcome =
  | {
      ok: true;
      facts?: Record<string, string | number | boolean>;
      /** It works, but needs attention (a certificate expiring soon): the domain judges it degraded. */
      warning?: string;
    }
  | { ok: false; stage: FailureStage; errorClass: ErrorClass; message: string; facts?: Record<string, string | number | boolean> };

/** One probe kind: does I/O against the target and says what it saw. It never throws on purpose. */
export interface ProbeKind<K extends CheckKind> {
  readonly kind: K;
  run(check: ResolvedCheckOf<K>, ctx: ProbeContext): Promise<ProbeOutcome>;
}

export function failed(stage: FailureStage, errorClass: ErrorClass, message: string, facts?: Record<string, string | number | boolean>): ProbeOutcome {
  return { ok: false, stage, errorClass, message, facts };
}
