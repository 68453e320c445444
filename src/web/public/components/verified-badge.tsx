import { BadgeCheck } from 'lucide-react';

/** "Verified by the clinic": the owner has seen the evidence for this qualification. */
export function VerifiedBadge({ children = 'Verified by the clinic' }: { children?: string }) {
  // Longer labels may wrap on narrow cards rather than overflow them.
  return (
    <span className={children.length > 24 ? 'badge badge-wrap' : 'badge'}>
      <BadgeCheck aria-hidden="true" className="size-4 shrink-0" />
      {children}
    </span>
  );
}
