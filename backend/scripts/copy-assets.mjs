// Copies the non-TypeScript files the backend reads at run time (src/**/*.yaml, e.g. the
// demo catalog) into dist/ at the same relative paths, because tsc only emits .js.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const ASSET = /\.ya?ml$/;

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !ASSET.test(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(dist, relative(src, from));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
  copied++;
}
console.log(`copy-assets: ${copied} file(s) copied into dist/`);
