import type { ReactNode } from 'react';
import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';

export type AlertTone = 'info' | 'success' | 'caution' | 'error';

const TONES: Record<AlertTone, { box: string; icon: typeof Info }> = {
  info: { box: 'border-jade-200 bg-jade-50 text-ink', icon: Info },
  success: { box: 'border-jade-300 bg-jade-50 text-ink', icon: CircleCheck },
  caution: { box: 'border-caution/30 bg-caution-50 text-ink', icon: TriangleAlert },
  error: { box: 'border-danger/30 bg-danger-50 text-ink', icon: CircleAlert },
};

const ICON_COLOUR: Record<AlertTone, string> = {
  info: 'text-jade-700',
  success: 'text-jade-700',
  caution: 'text-caution',
  error: 'text-danger',
};

/**
 * A message box. Errors and successes are announced by screen readers as they appear
 * (role alert / status); info and caution boxes are part of the page.
 */
export function Alert({ tone = 'info', title, children, className = '' }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode; className?: string }) {
  const { box, icon: Icon } = TONES[tone];
  const role = tone === 'error' ? 'alert' : tone === 'success' ? 'status' : undefined;
  return (
    <div role={role} className={`flex gap-3 rounded-xl border p-4 ${box} ${className}`}>
      <Icon aria-hidden="true" className={`mt-0.5 size-5 shrink-0 ${ICON_COLOUR[tone]}`} />
      <div className="min-w-0">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
      </div>
    </div>
  );
}
