import { existsSync } from 'node:fs';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { CATALOG_SOURCE, type CatalogSource } from './catalog/catalog.tokens.js';
import { CLOCK, systemClock, type Clock } from './common/clock.js';
import { JsonExceptionFilter } from './common/http-exception.filter.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { buildDataSourceOptions } from './database/data-source-options.js';
import { ExportModule } from './export/export.module.js';
import { HealthModule } from './health/health.module.js';
import { HeartbeatsModule } from './heartbeats/heartbeats.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';
import { SnapshotModule } from './snapshot/snapshot.module.js';
import { LiveModule } from './live/live.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { StatusModule } from './status/status.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  catalog: CatalogSource;
  databaseUrl: string;
  clock?: Clock;
}

/** Process-wide values every module may inject: configuration, the catalog source and the clock. */
@Global()
@Module({})
class CoreModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: options.config },
      { provide: CATALOG_SOURCE, useValue: options.catalog },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const frontend = existsSync(options.config.frontendDir)
      ? [ServeStaticModule.forRoot({ rootPath: options.config.frontendDir, exclude: ['/api/{*path}', '/socket.io/{*path}', '/metrics'] })]
      : [];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        TypeOrmModule.forRoot(buildDataSourceOptions(options.databaseUrl)),
        ScheduleModule.forRoot(),
        AuthModule,
        CatalogModule,
        StatusModule,
        MaintenanceModule,
        IncidentsModule,
        SnapshotModule,
        SchedulerModule,
        HeartbeatsModule,
        LiveModule,
        HealthModule,
        AuditModule,
        ExportModule,
        ...frontend,
      ],
      providers: [{ provide: APP_FILTER, useClass: JsonExceptionFilter }],
    };
  }
}
