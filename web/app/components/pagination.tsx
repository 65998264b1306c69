// Newer/older (or other labelled) links and "Page n of m" under a paginated list; nothing when it
// fits one page.
import { Link } from '@remix-run/react';

export function Pagination({
  page,
  pages,
  href,
  labels = { previous: '← Newer', next: 'Older →' },
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels?: { previous: string; next: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link className="button" to={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="button" to={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
