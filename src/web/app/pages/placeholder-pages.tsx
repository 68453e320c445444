import { CalendarDays, Sparkles } from 'lucide-react';
import { useSession } from '../session.tsx';
import { RoleGate, STAFF_ROLES } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';

/** Sections whose features are still being built: honest about what will appear. */
export function DiaryPage() {
  usePageTitle('Diary');
  return (
    <RoleGate roles={STAFF_ROLES}>
      {(clinic) => (
        <>
          <PageHeader eyebrow={clinic.name} title="Diary" />
          <EmptyState icon={CalendarDays} title="Your diary will appear here once booking is set up">
            <p>You will see a column for each practitioner, with consultations, treatments and breaks in the clinic’s local time, and can book, move or cancel appointments.</p>
          </EmptyState>
        </>
      )}
    </RoleGate>
  );
}

export function ServicesPage() {
  usePageTitle('Services');
  const { active } = useSession();
  return (
    <RoleGate roles={['owner']}>
      {(clinic) => (
        <>
          <PageHeader eyebrow={clinic.name} title="Services" />
          <EmptyState
            icon={Sparkles}
            title="Services and prices will be managed here"
            action={active && <a className="btn btn-secondary" href={`/clinics/${active.slug}`}>See your public clinic page</a>}
          >
            <p>Soon you will set each treatment’s price, length, buffer time and practitioners here. For now, your clinic page shows the current list of treatments.</p>
          </EmptyState>
        </>
      )}
    </RoleGate>
  );
}
