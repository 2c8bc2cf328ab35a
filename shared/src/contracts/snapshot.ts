import type { IncidentSnapshot } from './incident.js';
import type { AttributionCause, Category, Criticality, IntegrationRole, Side, Status, VerdictCause } from './words.js';

export interface Attribution {
  cause: AttributionCause;
  /** For `dependency`: the root internal integration that is not operational. */
  via?: string;
  /** Why, in plain words. */
  reasons?: string[];
}

export interface Verdict {
  internal: Status;
  external: Status;
  cause: VerdictCause;
  /** One plain-language sentence for the wall's headline. */
  summary: string;
  /** ISO time since when the verdict has held its current state. */
  since: string;
  /** How the verdict was reached, in plain words. */
  reasons?: string[];
}

export interface IntegrationSnapshot {
  id: string;
  name: string;
  side: Side;
  category: Category;
  partner?: string;
  criticality: Criticality;
  role: IntegrationRole;
  status: Status;
  /** ISO time of the last status change. */
  since: string;
  latencyMs: number | null;
  /** Null while operational: nothing to attribute. */
  attribution: Attribution | null;
  lastCheckedAt: string | null;
  /** How late data from this source may be, in milliseconds, when known. */
  delay?: number;
  /** Why the status is what it is, in plain words. */
  reasons: string[];
  dependsOn: string[];
  /** Present while a planned maintenance window is in force. */
  maintenance?: { start: string; end: string; reason: string };
}

export interface DemoInfo {
  scenario: string;
  /** The simulator's own clock, when it compresses time. */
  simulatedTime?: string;
  label: string;
}

/** Whether results, transitions and audit rows reach PostgreSQL; while not, they are spooled on disk. */
export interface HistoryStoreState {
  available: boolean;
  /** ISO time of the first refused write. */
  unavailableSince?: string;
  /** Rows waiting in the on-disk spool. */
  spooled?: number;
}

export interface Snapshot {
  serverTime: string;
  seq: number;
  site: { name: string; timezone: string };
  verdict: Verdict;
  integrations: IntegrationSnapshot[];
  /** Open incidents (and those resolved but still cooling down), oldest first. */
  incidents: IncidentSnapshot[];
  /** Present only when partners are played by the built-in demo simulator. */
  demo?: DemoInfo;
  /** Absent from servers that do not report it; the wall warns while `available` is false. */
  historyStore?: HistoryStoreState;
}
