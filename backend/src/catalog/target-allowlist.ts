import { BlockList, isIP } from 'node:net';
import type { Catalog, FieldError } from '@lifeline/shared';
import { ConfigError } from '../config/app-config.js';
import { CatalogError } from './catalog-loader.js';

/**
 * TARGET_ALLOWLIST: where probes may go. Entries are host names (`mllp.synlab.example`),
 * wildcard domains (`*.synlab.example`: any name below it), IP addresses and CIDR networks
 * (`10.20.0.0/16`, `fd00::/8`). Names are matched as written in the catalog, never resolved:
 * a network entry admits IP literals only.
 */
export interface TargetAllowlist {
  names: Set<string>;
  domains: string[];
  networks: BlockList;
}

/** Parses the entries; returns the bad ones' problems instead when any is malformed. */
export function parseTargetAllowlist(entries: readonly string[]): TargetAllowlist | string[] {
  const list: TargetAllowlist = { names: new Set(), domains: [], networks: new BlockList() };
  const problems: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (family && extra === undefined) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128) || (prefix !== undefined && !/^\d+$/.test(prefix))) {
        problems.push(`"${raw}": bad network prefix`);
        continue;
      }
      list.networks.addSubnet(address, bits, type);
    } else if (/^\*\.(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(entry)) {
      list.domains.push(entry.slice(1));
    } else if (/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(entry)) {
      list.names.add(entry);
    } else {
      problems.push(`"${raw}": expected a host name, *.domain, IP address or CIDR network`);
    }
  }
  return problems.length ? problems : list;
}

export function hostAllowed(host: string, list: TargetAllowlist): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  const family = isIP(h);
  if (family) return list.networks.check(h, family === 4 ? 'ipv4' : 'ipv6');
  return list.names.has(h) || list.domains.some((d) => h.endsWith(d));
}

/** The host a check's target field points at: URL fields by their host, `server` (host:port) by its address. */
function hostOf(field: string, value: string): string | undefined {
  if (field === 'url' || field === 'baseUrl') {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  }
  if (field === 'server') {
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
    if (bracketed) return bracketed[1];
    return isIP(value) ? value : value.replace(/:\d+$/, '');
  }
  return value;
}

/** The fields of any check kind that name where it connects. */
const TARGET_FIELDS = ['url', 'baseUrl', 'host', 'server'] as const;

/** Every check target outside the allowlist, by path, as a catalog error would list it. */
export function targetsOutside(catalog: Catalog, list: TargetAllowlist): FieldError[] {
  const errors: FieldError[] = [];
  catalog.integrations.forEach((integration, i) =>
    integration.checks.forEach((check, j) => {
      for (const field of TARGET_FIELDS) {
        const value = (check as unknown as Record<string, unknown>)[field];
        if (typeof value !== 'string') continue;
        const host = hostOf(field, value);
        if (host === undefined || !hostAllowed(host, list)) {
          errors.push({ path: `integrations[${i}].checks[${j}].${field}`, message: `target ${host ?? value} is not in TARGET_ALLOWLIST` });
        }
      }
    }),
  );
  return errors;
}

/**
 * Refuses a catalog with a check outside TARGET_ALLOWLIST (every such check listed by path),
 * as an invalid catalog is refused; a malformed allowlist is a configuration error.
 */
export function enforceTargetAllowlist(catalog: Catalog, entries: readonly string[] | undefined, origin: string): void {
  if (!entries || entries.length === 0) return;
  const list = parseTargetAllowlist(entries);
  if (Array.isArray(list)) throw new ConfigError(`TARGET_ALLOWLIST: ${list.join('; ')}`);
  const errors = targetsOutside(catalog, list);
  if (errors.length) throw new CatalogError(origin, errors);
}
