import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One probe outcome. Written in batches by the history writer, never one by one. */
@Entity({ name: 'result' })
@Index('result_integration_time_idx', ['integrationId', 'startedAt'])
@Index('result_check_time_idx', ['checkId', 'startedAt'], { unique: true })
export class ResultEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'check_id', type: 'text' })
  checkId: string;

  @Column({ name: 'integration_id', type: 'text' })
  integrationId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ name: 'error_class', type: 'text', nullable: true })
  errorClass: string | null;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'jsonb', nullable: true })
  facts: Record<string, unknown> | null;
}
