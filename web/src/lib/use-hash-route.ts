import { useEffect, useState } from 'react';

/** The dashboard's pages, in navigation order. */
export const PAGES = ['overview', 'trends', 'funnels', 'retention', 'paths', 'lifecycle', 'recommendations', 'models', 'alerts', 'feedback'] as const;
/** One of {@link PAGES}. */
export type Page = (typeof PAGES)[number];

/** The page named by a location hash (`#/funnels`); the overview for anything else. */
export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

/**
 * The current page from `location.hash`. Hash routing keeps the server's static route trivial (one
 * index.html) and makes every page a bookmarkable, reloadable URL.
 */
export function useHashRoute(): Page {
  const [page, setPage] = useState<Page>(() => pageFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}
