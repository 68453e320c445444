import { ChevronRight } from 'lucide-react';

/** Where this page sits: Home › Clinic › Page. The last crumb is the current page. */
export function Breadcrumbs({ crumbs }: { crumbs: { name: string; href: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.href}>
            {i > 0 && <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-muted" />}
            {i === crumbs.length - 1 ? <a href={c.href} aria-current="page">{c.name}</a> : <a href={c.href}>{c.name}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
