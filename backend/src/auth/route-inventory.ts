import { Injectable, Logger, RequestMethod, type OnApplicationBootstrap } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY } from './access.decorator.js';
import type { AccessLevel } from './roles.js';

export interface RouteInfo {
  method: string;
  /** As registered, e.g. `/api/incidents/:id/ack`. */
  path: string;
  /** Undefined: the route declares no rule, and the guard refuses it. */
  access?: AccessLevel;
  handler: string;
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
const list = (v: string | string[] | undefined) => (v === undefined ? [''] : Array.isArray(v) ? v : [v]);

/**
 * Every HTTP route of the app with its access rule, read from Nest's own metadata — the list
 * the matrix test walks, so a new route without a rule (or without a matrix row) fails it.
 * At start, routes without a rule are logged as errors.
 */
@Injectable()
export class RouteInventory implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteInfo[] {
    const out: RouteInfo[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      const bases = list(Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined);
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const access = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [handler, metatype]);
        for (const base of bases) for (const path of list(paths)) out.push({ method, path: join(base, path), access, handler: `${metatype.name}.${name}` });
      }
    }
    return out.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  }

  onApplicationBootstrap(): void {
    const missing = this.routes().filter((r) => !r.access);
    if (missing.length) this.logger.error(`routes without an @Access rule (refused until they get one): ${missing.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  }
}
