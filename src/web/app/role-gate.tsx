import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Lock } from 'lucide-react';
import { useSession, type ClinicContext, type Role } from './session.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';

/**
 * Shows a section only to the roles it is for, in the clinic on screen. The server checks
 * every request as well; this only spares people a screen of errors.
 */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: (clinic: ClinicContext) => ReactNode }) {
  const { active } = useSession();
  if (!active || !roles.includes(active.role)) {
    return (
      <>
        <PageHeader title="Not part of your role" />
        <EmptyState icon={Lock} title="This section is not available to you" action={<Link className="btn btn-secondary" to="/app">Go to your home page</Link>}>
          {active
            ? <p>Your role at {active.name} does not include this section. If you think it should, please ask the clinic owner.</p>
            : <p>This section belongs to a clinic, and you are not part of one yet.</p>}
        </EmptyState>
      </>
    );
  }
  return <>{children(active)}</>;
}

export const STAFF_ROLES: readonly Role[] = ['owner', 'practitioner', 'reception'];
