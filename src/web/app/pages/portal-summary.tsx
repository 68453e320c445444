import { Link } from 'react-router';
import { ClipboardList, FileSignature, HeartHandshake, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { PortalSummary as Summary } from '../../../features/my-data/my-data.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDate } from '../../lib/format.ts';
import type { ClinicContext } from '../session.tsx';

interface Tile {
  to: string;
  icon: LucideIcon;
  title: string;
  text: string;
  badge?: { words: string; tone: '' | 'badge-caution' | 'badge-neutral' };
}

/**
 * The client portal's "what to do" tiles above the appointments: health questions,
 * consent forms, aftercare and their data. Status only: no answers or texts here.
 */
export function PortalSummary({ clinic }: { clinic: ClinicContext }) {
  const summary = useApi<Summary>(`/clinics/${clinic.slug}/me/portal`);
  const s = summary.data;
  if (!s) return null;
  const toSign = s.consents.filter((c) => c.status !== 'signed');
  const urgent = toSign.filter((c) => c.needed || c.status === 'sign_again');
  const hq = s.healthQuestions;
  const tiles: Tile[] = [
    {
      to: '/app/health-questions', icon: ClipboardList, title: 'Health questions',
      text: hq.status === 'submitted' ? `Sent on ${formatDate(hq.submittedAt!)}. Tell us if anything changes.` : hq.status === 'in_progress' ? 'You have started: your answers are saved as you go.' : 'Please answer before your first visit. It takes about 10 minutes.',
      badge: hq.status === 'submitted' ? { words: 'Complete', tone: '' } : { words: hq.status === 'in_progress' ? 'In progress' : 'To complete', tone: 'badge-caution' },
    },
    {
      to: '/app/consents', icon: FileSignature, title: 'Consent forms',
      text: toSign.length === 0
        ? `Signed: ${s.consents.map((c) => c.label.toLowerCase()).join(', ') || 'nothing needed yet'}.`
        : urgent.length ? `Please sign before your visit: ${urgent.map((c) => c.label.toLowerCase()).join(', ')}.` : `Sign before your first visit of each kind (${toSign.length} not signed yet).`,
      badge: toSign.length === 0 ? { words: 'All signed', tone: '' } : { words: `${toSign.length} to sign`, tone: urgent.length ? 'badge-caution' : 'badge-neutral' },
    },
    {
      to: '/app/aftercare', icon: HeartHandshake, title: 'Aftercare',
      text: s.aftercareCount ? 'The advice we sent after your visits, kept here for you.' : 'After each visit, the clinic’s advice for the next day or two appears here.',
      ...(s.aftercareCount ? { badge: { words: `${s.aftercareCount} ${s.aftercareCount === 1 ? 'visit' : 'visits'}`, tone: 'badge-neutral' as const } } : {}),
    },
    {
      to: '/app/my-data', icon: ShieldCheck, title: 'My data',
      text: s.closureRequested ? 'You asked to close your account; the clinic will be in touch.' : 'Download everything the clinic holds about you, or ask to close your account.',
    },
  ];
  return (
    <section aria-labelledby="todo-heading" className="mb-10">
      <h2 id="todo-heading" className="text-xl">Before and after your visits</h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2">
        {tiles.map(({ to, icon: Icon, title, text, badge }) => (
          <li key={to} className="card relative transition-shadow focus-within:shadow-md hover:shadow-md">
            <div className="flex items-start justify-between gap-3">
              <Icon aria-hidden="true" className="size-6 shrink-0 text-jade-700" />
              {badge && <span className={`badge ${badge.tone}`}>{badge.words}</span>}
            </div>
            <h3 className="mt-3 text-lg">
              <Link to={to} className="text-ink no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] hover:text-jade-700">{title}</Link>
            </h3>
            <p className="muted mt-1">{text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
