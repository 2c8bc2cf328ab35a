import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An integration as last loaded from the catalog; kept when it leaves the catalog so history stays readable. */
@Entity({ name: 'integration' })
export class IntegrationEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  side: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text', nullable: true })
  partner: string | null;

  @Column({ type: 'text' })
  criticality: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ name: 'depends_on', type: 'text', array: true, default: () => "'{}'" })
  dependsOn: string[];

  @Column({ type: 'jsonb', nullable: true })
  clinician: Record<string, string> | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
