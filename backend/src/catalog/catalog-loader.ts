import { readFile } from 'node:fs/promises';
import { validateCatalog, formatFieldErrors, type Catalog, type FieldError } from '@lifeline/shared';
import { LineCounter, parseDocument } from 'yaml';

/** A catalog that cannot be used: every problem, each located by its path. */
export class CatalogError extends Error {
  constructor(
    readonly origin: string,
    readonly errors: FieldError[],
  ) {
    super(`catalog ${origin} is invalid:\n${formatFieldErrors(errors)}`);
  }
}

/** Parses and validates catalog YAML; throws CatalogError listing every problem at once. */
export function parseCatalogYaml(text: string, origin: string): Catalog {
  // Without prettyErrors, yaml fills no linePos: a LineCounter turns each error's offset into line and column.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CatalogError(
      origin,
      doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        return { path: `line ${at.line}, column ${at.col}`, message: e.message.split('\n')[0] };
      }),
    );
  }
  const result = validateCatalog(doc.toJS({ maxAliasCount: 100 }));
  if (!result.ok) throw new CatalogError(origin, result.errors);
  return result.catalog;
}

export async function loadCatalogFile(path: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message);
    throw new CatalogError(path, [{ path: '(file)', message: `cannot read: ${why}` }]);
  }
  return parseCatalogYaml(text, path);
}
