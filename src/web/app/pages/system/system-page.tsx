import { Link } from 'react-router';
import type { z } from 'zod';
import type { clinicDetail } from '../../../../features/clinics/clinics.schema.ts';
import type { SystemStatus } from '../../../../features/system/system.schema.ts';
import { useApi } from '../../../lib/use-api.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { Button } from '../../../components/button.tsx';
import { systemAdvice } from './system-advice.ts';

export function SystemPage() {
  usePageTitle('System');
  return <RoleGate roles={['owner']}>{(clinic) => <System clinic={clinic} />}</RoleGate>;
}

function System({ clinic }: { clinic: ClinicContext }) {
  const status = useApi<SystemStatus>(`/clinics/${clinic.slug}/system`);
  const detail = useApi<z.infer<typeof clinicDetail>>(`/clinics/${clinic.slug}`);
  const timeZone = detail.data?.timeZone;
  const items = status.data ? systemAdvice(status.data, new Date(status.data.checkedAt).getTime(), (iso) => formatDateTime(iso, timeZone)) : [];
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="System" description={<p>How this Yintang is doing: its database, disk, backups and e-mail, and what to do when something needs you.</p>} />
      {status.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(status.error)}</Alert>}
      {!status.data && status.loading && <Loading label="Checking the system…" />}
      {items.length > 0 && (
        <ul className="grid gap-4" aria-label="System checks">
          {items.map((item) => (
            <li key={item.id}>
              <Alert tone={item.tone === 'error' ? 'caution' : item.tone}>
                <h2 className="text-lg font-semibold">{item.title}</h2>
                <p className="mt-1">{item.says}</p>
                {item.todo && <p className="mt-2"><strong>What to do: </strong>{item.todo}</p>}
                {item.id === 'email' && item.tone !== 'success' && <p className="mt-2"><Link to="/app/outbox">Open the Outbox</Link></p>}
              </Alert>
            </li>
          ))}
        </ul>
      )}
      {status.data && (
        <p className="muted mt-6">Checked at {formatDateTime(status.data.checkedAt, timeZone)}. <Button variant="ghost" onClick={status.reload}>Check again</Button></p>
      )}
    </>
  );
}

/**
 * The banner on every owner screen while the disk is full or nearly full, so the owner
 * learns of it wherever they are, with the way to the System page.
 */
export function DiskBanner({ slug }: { slug: string }) {
  const status = useApi<SystemStatus>(`/clinics/${slug}/system`);
  const disk = status.data?.disk;
  if (!disk || (!disk.full && !disk.low)) return null;
  return (
    <Alert tone="caution" className="mb-6" title={disk.full ? 'The disk is full: nothing new can be saved' : 'The disk is nearly full'}>
      <p>{disk.full ? 'Looking things up still works, but bookings, notes and changes cannot be saved until space is freed on the computer that runs Yintang.' : 'When it fills, nothing new can be saved.'} <Link to="/app/system">See the System page for what to do</Link>.</p>
    </Alert>
  );
}
