import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A change of an integration's status, with the reasons shown at the time. */
@Entity({ name: 'state_transition' })
@Index('state_transition_integration_time_idx', ['integrationId', 'at'])
export class TransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'integration_id', type: 'text' })
  integrationId: string;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus: string;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb' })
  reasons: string[];

  /** Made when the transition happened, so a retried batch is not stored twice. */
  @Column({ name: 'write_id', type: 'uuid', nullable: true })
  @Index('state_transition_write_id_idx', { unique: true })
  writeId: string | null;
}
