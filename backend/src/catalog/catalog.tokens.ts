import type { Catalog, DemoInfo } from '@lifeline/shared';

/** Where the catalog in force came from, and the demo simulator's label when it is the demo. */
export interface CatalogSource {
  catalog: Catalog;
  origin: string;
  demo?: () => DemoInfo;
}

export const CATALOG_SOURCE = Symbol('CATALOG_SOURCE');
