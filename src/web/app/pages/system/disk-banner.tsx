import { Link } from 'react-router';
import type { SystemStatus } from '../../../../features/system/system.schema.ts';
import { useApi } from '../../../lib/use-api.ts';
import { Alert } from '../../../components/alert.tsx';

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
