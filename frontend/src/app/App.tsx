import { WallPage } from '../features/wall/WallPage';

/** Paths that show the wall. Plain routing until there are more views than this. */
const WALL_PATHS = new Set(['/', '/wall']);

export function App({ path = window.location.pathname }: { path?: string }) {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (WALL_PATHS.has(normalised)) return <WallPage />;
  return (
    <main className="not-found">
      <h1>Not found</h1>
      <p>
        There is nothing at <code>{path}</code>. The wall is at <a href="/wall">/wall</a>.
      </p>
    </main>
  );
}
