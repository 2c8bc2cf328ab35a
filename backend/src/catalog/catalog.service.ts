import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { describeIntegration, type Catalog, type Integration, type ResolvedCheck } from '@lifeline/shared';
import { DataSource } from 'typeorm';
import { CheckEntity } from './check.entity.js';
import { IntegrationEntity } from './integration.entity.js';
import { CATALOG_SOURCE, type CatalogSource } from './catalog.tokens.js';

/** Holds the catalog in force and mirrors it into the database so history can name integrations. */
@Injectable()
export class CatalogService implements OnModuleInit {
  private readonly logger = new Logger('Catalog');
  private current: Catalog;
  private byId = new Map<string, Integration>();

  constructor(
    @Inject(CATALOG_SOURCE) private readonly source: CatalogSource,
    private readonly db: DataSource,
  ) {
    this.install(source.catalog);
  }

  async onModuleInit(): Promise<void> {
    await this.persist(this.current);
    const checks = this.current.integrations.reduce((n, i) => n + i.checks.length, 0);
    this.logger.log(`catalog ${this.source.origin}: ${this.current.integrations.length} integrations, ${checks} checks`);
  }

  get catalog(): Catalog {
    return this.current;
  }

  get origin(): string {
    return this.source.origin;
  }

  integration(id: string): Integration | undefined {
    return this.byId.get(id);
  }

  checks(): ResolvedCheck[] {
    return this.current.integrations.flatMap((i) => i.checks);
  }

  private install(catalog: Catalog): void {
    this.current = catalog;
    this.byId = new Map(catalog.integrations.map((i) => [i.id, i]));
  }

  private async persist(catalog: Catalog): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.createQueryBuilder().update(IntegrationEntity).set({ active: false }).execute();
      await m.createQueryBuilder().update(CheckEntity).set({ active: false }).execute();
      for (const i of catalog.integrations) {
        await m.upsert(IntegrationEntity, { ...describeIntegration(i), active: true }, ['id']);
        for (const c of i.checks) {
          const { id, integrationId, interval, timeout, ...config } = c;
          await m.query(
            `INSERT INTO "check" ("id", "integration_id", "kind", "config", "interval_ms", "timeout_ms", "active") VALUES ($1, $2, $3, $4, $5, $6, true)
             ON CONFLICT ("id") DO UPDATE SET "integration_id" = $2, "kind" = $3, "config" = $4, "interval_ms" = $5, "timeout_ms" = $6, "active" = true`,
            [id, integrationId, c.kind, JSON.stringify(config), interval, timeout],
          );
        }
      }
    });
  }
}
