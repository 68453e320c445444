import { FileDown, FileSignature } from 'lucide-react';
import type { StaffConsentView } from '../../../features/consent/consent.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { ConsentBadge, consentPdfHref } from './my-consents-page.tsx';

/**
 * A client's consent forms on their page: what they signed and when, with the PDF, for
 * the owner and their practitioners; signed or missing only for reception.
 */
export function ClientConsentPanel({ clinic, clientId }: { clinic: ClinicContext; clientId: string }) {
  const view = useApi<StaffConsentView>(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/consents`);
  const v = view.data;
  return (
    <section className="panel" aria-labelledby="consent-heading">
      <h2 id="consent-heading" className="flex items-center gap-2 text-xl"><FileSignature aria-hidden="true" className="size-5 text-jade-700" />Consent forms</h2>
      {view.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(view.error)}</Alert>}
      {!v && view.loading && <Loading label="Loading consent forms…" />}
      {v && (
        <>
          <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2" aria-label="Status by treatment">
            {v.kinds.map((k) => (
              <li key={k.kind} className="flex items-center gap-2">{k.label}<ConsentBadge status={k.status} /></li>
            ))}
          </ul>
          {v.access === 'status' && <p className="muted mt-4">You can see whether each form is signed. The signed forms themselves are for the client’s practitioners and the owner.</p>}
          {v.access === 'full' && (
            v.signatures.length === 0 ? <p className="muted mt-4">Nothing signed yet.</p> : (
              <ul className="mt-5 divide-y divide-line border-t border-line" aria-label="Signed consent forms">
                {v.signatures.map((s) => (
                  <li key={s.id} className="flex flex-wrap items-center gap-x-6 gap-y-3 py-4">
                    <div className="min-w-40 flex-1">
                      <p className="font-medium">{s.label} <span className="muted text-sm font-normal">version {s.version}</span></p>
                      <p className="muted text-sm">Signed {formatDateTime(s.signedAt)} as “{s.typedName}”</p>
                    </div>
                    {s.signature
                      ? <img src={s.signature} alt={`Drawn signature of ${s.typedName}`} className="h-14 max-w-48 rounded border border-line bg-white object-contain p-1" />
                      : <span className="muted text-sm">Typed name and “I agree”</span>}
                    <a className="btn btn-ghost" href={consentPdfHref(clinic.slug, clientId, s.id)} download><FileDown aria-hidden="true" className="size-5" />PDF<span className="sr-only"> of the {s.label} form, version {s.version}</span></a>
                  </li>
                ))}
              </ul>
            )
          )}
        </>
      )}
    </section>
  );
}
