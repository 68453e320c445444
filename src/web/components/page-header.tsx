import type { ReactNode } from 'react';

/**
 * The top of every app screen. The h1 can take focus (tabIndex -1): after a route change
 * the app moves focus here so screen-reader users hear where they are.
 */
export function PageHeader({ eyebrow, title, description, actions }: { eyebrow?: ReactNode; title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        <h1 tabIndex={-1} className="mt-1 text-3xl leading-tight sm:text-4xl">{title}</h1>
        {description && <div className="muted mt-2 max-w-2xl">{description}</div>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap gap-3">{actions}</div>}
    </header>
  );
}
