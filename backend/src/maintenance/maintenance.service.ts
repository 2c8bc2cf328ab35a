import { Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import type { MaintenanceWindow } from '@lifeline/shared';
import { Subject, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service.js';
import { ValidationFailed } from '../common/http-exception.filter.js';

export interface StoredWindow extends MaintenanceWindow {
  id: string;
  createdBy: string;
  createdAt: number;
}

/** A window planned or cancelled, and by whom (the audit log records both). */
export interface MaintenanceChange {
  type: 'planned' | 'cancelled';
  window: StoredWindow;
  by: string;
}

interface Row {
  id: string;
  integration_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
  created_at: Date;
}

const toWindow = (r: Row): StoredWindow => ({
  id: String(r.id),
  integrationId: r.integration_id,
  start: r.starts_at.getTime(),
  end: r.ends_at.getTime(),
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at.getTime(),
});

/**
 * Planned maintenance windows. Kept in memory for the status pass (read on every tick) and
 * in the database so they survive a restart.
 */
@Injectable()
export class MaintenanceService implements OnModuleInit {
  private current: StoredWindow[] = [];
  private readonly changes$ = new Subject<MaintenanceChange>();

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  async onModuleInit(): Promise<void> {
    const rows: Row[] = await this.db.query(`SELECT * FROM "maintenance_window" WHERE "cancelled_at" IS NULL AND "ends_at" > now() - interval '1 day' ORDER BY "starts_at"`);
    this.current = rows.map(toWindow);
  }

  get changes(): Observable<MaintenanceChange> {
    return this.changes$.asObservable();
  }

  /** Windows not yet over (and those just ended, harmless to the rules). */
  windows(): readonly StoredWindow[] {
    return this.current;
  }

  async add(window: MaintenanceWindow, createdBy: string): Promise<StoredWindow> {
    if (!this.catalog.integration(window.integrationId)) {
      throw new ValidationFailed([{ path: 'integrationId', message: `unknown integration "${window.integrationId}"` }]);
    }
    const [row]: Row[] = await this.db.query(
      `INSERT INTO "maintenance_window" ("integration_id", "starts_at", "ends_at", "reason", "created_by") VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [window.integrationId, new Date(window.start), new Date(window.end), window.reason, createdBy],
    );
    const stored = toWindow(row);
    this.current = [...this.current, stored].sort((a, b) => a.start - b.start);
    this.changes$.next({ type: 'planned', window: stored, by: createdBy });
    return stored;
  }

  async cancel(id: string, by = 'unknown'): Promise<void> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [Row[], number] = await this.db.query(`UPDATE "maintenance_window" SET "cancelled_at" = now() WHERE "id" = $1 AND "cancelled_at" IS NULL RETURNING *`, [id]);
    if (rows.length === 0) throw new NotFoundException(`no maintenance window ${id}`);
    this.current = this.current.filter((w) => w.id !== id);
    this.changes$.next({ type: 'cancelled', window: toWindow(rows[0]), by });
  }
}
