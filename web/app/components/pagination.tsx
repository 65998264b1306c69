// Newer/older (or other labelled) links and "Page n of m" under a paginated list; nothing when it
// fits one page.
import { Link } from '@remix-run/react';

export function Pagination({
  page,
  pages,
  href,
  labels = { previous: '← Newer', next: 'Older →' },
  label = 'Pages',
  preventScrollReset = false,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels?: { previous: string; next: string };
  /** The navigation's name: distinct when a page has several paginated lists. */
  label?: string;
  /** Keep the scroll position (a list further down the page). */
  preventScrollReset?: boolean;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link className="button" to={href(page - 1)} rel="prev" preventScrollReset={preventScrollReset}>
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="button" to={href(page + 1)} rel="next" preventScrollReset={preventScrollReset}>
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
