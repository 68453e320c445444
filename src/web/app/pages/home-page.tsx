import { Link } from 'react-router';
import { ArrowRight, Building2, Inbox, Leaf, Settings, Sun, UserCog, Users } from 'lucide-react';
import { useSession, type ClinicContext } from '../session.tsx';
import { formatLongDate } from '../../lib/format.ts';
import { usePageTitle } from '../use-page-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { TodayList } from './today-list.tsx';
import { AtAGlance } from './at-a-glance.tsx';
import { MyAppointments } from './my-appointments.tsx';
import { PortalSummary } from './portal-summary.tsx';
import { PendingQuestions } from './outcomes/my-progress-page.tsx';

/** The first screen after signing in: it names the clinic and the person's role in it. */
export function HomePage() {
  const { active } = useSession();
  if (!active) return <NoClinicHome />;
  if (active.role === 'client') return <ClientHome clinic={active} />;
  return <StaffHome clinic={active} />;
}

function greeting(name: string) {
  const hour = new Date().getHours();
  const part = hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
  return `${part}, ${name.split(' ')[0]}`;
}

const ROLE_SENTENCE = {
  owner: 'You are signed in as the clinic’s owner.',
  practitioner: 'You are signed in as a practitioner.',
  reception: 'You are signed in as reception.',
  client: 'You are signed in as a client.',
} as const;

function StaffHome({ clinic }: { clinic: ClinicContext }) {
  usePageTitle(`Today · ${clinic.name}`);
  const { session } = useSession();
  const shortcuts = [
    { to: '/app/clients', label: clinic.role === 'practitioner' ? 'My clients' : 'Clients', text: 'Find a client or add someone who booked by phone.', icon: Users, roles: ['owner', 'practitioner', 'reception'] },
    { to: '/app/staff', label: 'Staff', text: 'Invite practitioners and reception, and choose what they can see.', icon: UserCog, roles: ['owner'] },
    { to: '/app/outbox', label: 'Outbox', text: 'Read the e-mails Yintang has sent for the clinic.', icon: Inbox, roles: ['owner', 'reception'] },
    { to: '/app/settings', label: 'Clinic settings', text: 'Your address, contact details and security settings.', icon: Settings, roles: ['owner'] },
  ].filter((s) => s.roles.includes(clinic.role));

  return (
    <>
      <PageHeader
        eyebrow={<span className="inline-flex items-center gap-2"><Sun aria-hidden="true" className="size-4" />{formatLongDate(new Date())}</span>}
        title={clinic.name}
        description={<p>{greeting(session?.user?.name ?? '')}. {ROLE_SENTENCE[clinic.role]}</p>}
      />
      <TodayList clinic={clinic} />
      {clinic.role === 'owner' && <AtAGlance clinic={clinic} />}
      {shortcuts.length > 0 && (
        <section aria-labelledby="shortcuts" className="mt-10">
          <h2 id="shortcuts" className="text-xl">What you can do now</h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {shortcuts.map(({ to, label, text, icon: Icon }) => (
              <li key={to} className="card relative transition-shadow focus-within:shadow-md hover:shadow-md">
                <Icon aria-hidden="true" className="size-6 text-jade-700" />
                <h3 className="mt-3 text-lg">
                  <Link to={to} className="text-ink no-underline after:absolute after:inset-0 after:rounded-xl after:content-[''] hover:text-jade-700">{label}</Link>
                </h3>
                <p className="muted mt-1">{text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ClientHome({ clinic }: { clinic: ClinicContext }) {
  usePageTitle(`My appointments · ${clinic.name}`);
  const { session } = useSession();
  return (
    <>
      <PageHeader
        eyebrow="My appointments"
        title={clinic.name}
        description={<p>Welcome, {session?.user?.name.split(' ')[0]}. {ROLE_SENTENCE.client}</p>}
      />
      <PortalSummary clinic={clinic} />
      <PendingQuestions clinic={clinic} />
      <MyAppointments clinic={clinic} />
    </>
  );
}

function NoClinicHome() {
  const { session } = useSession();
  usePageTitle('Welcome');
  return (
    <>
      <PageHeader eyebrow="Welcome to Yintang" title={`Hello, ${session?.user?.name.split(' ')[0] ?? ''}`} description={<p>Your account is ready. You are not part of a clinic yet.</p>} />
      <ul className="grid gap-4 sm:grid-cols-2">
        <li className="card">
          <Leaf aria-hidden="true" className="size-6 text-jade-700" />
          <h2 className="mt-3 text-lg">Looking for treatment?</h2>
          <p className="muted mt-1">Find a clinic near you, read about its practitioners, and create your account with that clinic.</p>
          <a className="btn btn-secondary mt-4" href="/#clinics">Find a clinic <ArrowRight aria-hidden="true" className="size-5" /></a>
        </li>
        <li className="card">
          <Building2 aria-hidden="true" className="size-6 text-jade-700" />
          <h2 className="mt-3 text-lg">Run a clinic?</h2>
          <p className="muted mt-1">Register your clinic to manage clients, staff and e-mails in one calm place. You become its owner.</p>
          <Link className="btn btn-primary mt-4" to="/app/register-clinic">Register a clinic</Link>
        </li>
      </ul>
    </>
  );
}
