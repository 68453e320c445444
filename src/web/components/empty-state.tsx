import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';

/** A calm, honest panel for a section with nothing to show yet, saying what will appear. */
export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <section className="panel flex flex-col items-center px-6 py-12 text-center sm:py-16" aria-label={title}>
      <span className="flex size-14 items-center justify-center rounded-full bg-jade-50 ring-8 ring-jade-50/60">
        <Icon aria-hidden="true" className="size-7 text-jade-700" />
      </span>
      <h2 className="mt-5 text-xl">{title}</h2>
      {children && <div className="muted mt-2 max-w-md">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </section>
  );
}
