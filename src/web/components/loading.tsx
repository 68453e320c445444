import { LoaderCircle } from 'lucide-react';

/** A quiet loading message, announced politely to screen readers. */
export function Loading({ label = 'Loading…', className = '' }: { label?: string; className?: string }) {
  return (
    <p role="status" className={`muted flex items-center gap-2 py-6 ${className}`}>
      <LoaderCircle aria-hidden="true" className="size-5 animate-spin text-jade-600" />
      {label}
    </p>
  );
}
