/**
 * Links to the pages of a list: previous, the first, the last and two either side of the
 * current page, next. Plain links, so it works without JavaScript.
 */
export function Pagination({ page, pageCount, pageHref, label, outOfRange = false }: {
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
  /** The navigation's accessible name, e.g. "Pages of results". */
  label: string;
  /** The page asked for does not exist: no "Previous" from it. */
  outOfRange?: boolean;
}) {
  if (pageCount <= 1) return null;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1)
    .filter((n) => n === 1 || n === pageCount || Math.abs(n - page) <= 2);
  return (
    <nav aria-label={label} className="mt-8">
      <ul className="pagination">
        {page > 1 && !outOfRange && <li><a href={pageHref(page - 1)} rel="prev">Previous<span className="sr-only"> page</span></a></li>}
        {pages.map((n, i) => (
          <li key={n} className="contents">
            {i > 0 && n - pages[i - 1]! > 1 && <span aria-hidden="true" className="px-1 text-muted">…</span>}
            <a href={pageHref(n)} aria-current={n === page ? 'page' : undefined}><span className="sr-only">Page </span>{n}</a>
          </li>
        ))}
        {page < pageCount && <li><a href={pageHref(page + 1)} rel="next">Next<span className="sr-only"> page</span></a></li>}
      </ul>
    </nav>
  );
}
