import { Link } from 'react-router';
import { errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatShortDay, formatWeekday } from '../../lib/clinic-time.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

interface Period {
  startDate: string;
  endDate: string;
  appointments: number;
  workingMinutes: number;
  freeMinutes: number;
  freePercent: number | null;
  noShows: number;
  newClients: number;
  consultations: number;
}
interface Glance { timeZone: string; date: string; today: Period; week: Period }

/** 0 h, 45 min, 3 h, 3 h 30 min. */
function hoursAndMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h === 0 && m > 0) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

interface Figure { key: string; label: string; value: string; detail?: string; to: string; link: string }

function figuresOf(p: Period, scope: 'today' | 'week'): Figure[] {
  const diary = scope === 'today' ? `/app/diary?date=${p.startDate}` : `/app/diary?view=week&date=${p.startDate}`;
  const when = scope === 'today' ? 'today’s' : 'this week’s';
  return [
    { key: 'appointments', label: 'Appointments booked', value: String(p.appointments), to: diary, link: `Open ${when} diary` },
    {
      key: 'free', label: 'Free time', value: hoursAndMinutes(p.freeMinutes),
      detail: p.freePercent === null ? `No working hours ${scope === 'today' ? 'today' : 'this week'}` : `${p.freePercent}% of ${hoursAndMinutes(p.workingMinutes)} working time`,
      to: diary, link: `Find free times in ${when} diary`,
    },
    { key: 'no-shows', label: 'No-shows', value: String(p.noShows), to: diary, link: `See them in ${when} diary` },
    {
      key: 'new-clients', label: 'New clients', value: String(p.newClients), to: '/app/clients?sort=newest',
      link: `See the newest ${plural(p.newClients, 'client', 'clients')}`,
    },
    { key: 'consultations', label: 'Consultations booked', value: String(p.consultations), to: diary, link: `Open ${when} diary` },
  ];
}

function Group({ id, title, period, scope }: { id: string; title: string; period: Period; scope: 'today' | 'week' }) {
  const when = scope === 'today' ? formatWeekday(period.startDate) : `${formatShortDay(period.startDate)} – ${formatShortDay(period.endDate)}`;
  return (
    <section aria-labelledby={id} className="mt-5">
      <h3 id={id} className="text-lg">
        {title} <span className="muted text-base font-normal">· {when}</span>
      </h3>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {figuresOf(period, scope).map((f) => (
          <div key={f.key} data-figure={f.key} className="flex flex-col rounded-xl border border-line bg-white p-4 shadow-soft">
            <dt className="muted text-sm font-semibold">{f.label}</dt>
            <dd className="order-first text-3xl font-semibold leading-tight text-ink">{f.value}</dd>
            {f.detail && <dd className="muted text-sm">{f.detail}</dd>}
            <dd className="mt-auto pt-2 text-sm"><Link to={f.to}>{f.link}</Link></dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/**
 * The owner's figures for today and this week: bookings, free time, no-shows, new clients
 * and consultations, each linking to the list behind it.
 */
export function AtAGlance({ clinic }: { clinic: ClinicContext }) {
  const glance = useApi<Glance>(`/clinics/${clinic.slug}/at-a-glance`);
  return (
    <section aria-labelledby="glance-heading" className="mt-10">
      <h2 id="glance-heading" className="text-xl">At a glance</h2>
      {glance.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(glance.error)}</Alert>}
      {!glance.data && glance.error === undefined && <Loading label="Loading the figures…" />}
      {glance.data && (
        <>
          <Group id="glance-today" title="Today" period={glance.data.today} scope="today" />
          <Group id="glance-week" title="This week" period={glance.data.week} scope="week" />
        </>
      )}
    </section>
  );
}
