import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One probe outcome. Written in batches by the history writer, never one by one. The check and
 * integration are a `check_ref` into `result_check`; `ok` is `error_class IS NULL`. (check_ref,
 * started_at) is unique (exactly-once writes), hence the key here.
 */
@Entity({ name: 'result' })
@Index('result_check_time_idx', ['checkRef', 'startedAt'], { unique: true })
export class ResultEntity {
  @PrimaryColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @PrimaryColumn({ name: 'check_ref', type: 'integer' })
  checkRef: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ name: 'error_class', type: 'text', nullable: true })
  errorClass: string | null;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** Failed results only. */
  @Column({ type: 'jsonb', nullable: true })
  facts: Record<string, unknown> | null;
}
