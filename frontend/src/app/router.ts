import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'wall' }
  | { name: 'clinician' }
  | { name: 'incidents' }
  | { name: 'integration'; id: string }
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'audit' }
  | { name: 'users' }
  | { name: 'kiosk-tokens' }
  | { name: 'not-found' };

const FIXED: Record<string, Route> = {
  '/': { name: 'wall' },
  '/wall': { name: 'wall' },
  '/clinician': { name: 'clinician' },
  '/incidents': { name: 'incidents' },
  '/login': { name: 'login' },
  '/setup': { name: 'setup' },
  '/audit': { name: 'audit' },
  '/admin': { name: 'users' },
  '/admin/users': { name: 'users' },
  '/admin/kiosk-tokens': { name: 'kiosk-tokens' },
};

/** Which view a path shows. Trailing slashes do not matter. */
export function matchRoute(path: string): Route {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (Object.hasOwn(FIXED, p)) return FIXED[p];
  const detail = /^\/integrations\/([^/]+)$/.exec(p);
  if (detail) {
    try {
      return { name: 'integration', id: decodeURIComponent(detail[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

/**
 * Kiosk: the wall on a TV, with no navigation chrome. `/wall` is always a kiosk, any view
 * with `?kiosk=1` too; `/` is the same wall with the navigation bar.
 */
export function isKiosk(path: string, search: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const flag = new URLSearchParams(search).get('kiosk');
  return p === '/wall' || (flag !== null && flag !== '0' && flag !== 'false');
}

const NAVIGATED = 'lifeline:navigate';

/** Goes to `to` without reloading the page (the live connection stays open). */
export function navigate(to: string): void {
  if (to === location.pathname + location.search + location.hash) return;
  history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

const current = () => location.pathname + location.search;

/** The current path and query, re-rendering on back/forward and `navigate`. */
export function useLocation(): { path: string; search: string } {
  const href = useSyncExternalStore(subscribe, current, current);
  const q = href.indexOf('?');
  return q === -1 ? { path: href, search: '' } : { path: href.slice(0, q), search: href.slice(q) };
}
