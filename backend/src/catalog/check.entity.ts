import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One check of an integration: its kind plus the kind's settings as jsonb, not a column per setting. */
@Entity({ name: 'check' })
@Index('check_integration_idx', ['integrationId'])
export class CheckEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'integration_id', type: 'text' })
  integrationId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  @Column({ name: 'interval_ms', type: 'integer' })
  intervalMs: number;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
