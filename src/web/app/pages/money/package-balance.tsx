import type { z } from 'zod';
import type { clientPackageList } from '../../../../features/money/money.schema.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate } from '../../../lib/format.ts';

/** The client's usable packages in one line each, for the diary's booking dialogs: "Facial course of 10: 7 of 10 left, until 6 June 2027". */
export function PackageBalance({ slug, clientId }: { slug: string; clientId: string }) {
  const held = useApi<z.infer<typeof clientPackageList>>(`/clinics/${slug}/clients/${clientId}/packages`);
  const usable = held.data?.items.filter((p) => p.status === 'active' && !p.expired && p.remaining > 0) ?? [];
  if (usable.length === 0) return null;
  return (
    <ul className="text-sm" aria-label="Packages">
      {usable.map((p) => <li key={p.id}>{p.name}: <strong>{p.remaining} of {p.sessionsTotal}</strong> sessions left, until {formatDate(p.expiresAt, held.data!.timeZone)}</li>)}
    </ul>
  );
}
