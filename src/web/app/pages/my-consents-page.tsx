import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ArrowLeft, FileDown, FileSignature, PenLine } from 'lucide-react';
import type { MyConsent } from '../../../features/consent/consent.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDate } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { useSession, type ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, TextField } from '../../components/field.tsx';
import { SignaturePad } from '../../components/signature-pad.tsx';

/** The words and colour of a consent form's status, for clients and staff alike. */
export function ConsentBadge({ status, needed = false }: { status: MyConsent['status']; needed?: boolean }) {
  if (status === 'signed') return <span className="badge">Signed</span>;
  if (status === 'sign_again') return <span className="badge badge-caution">Please sign the new version</span>;
  return <span className={`badge ${needed ? 'badge-caution' : 'badge-neutral'}`}>{needed ? 'To sign before your visit' : 'Not signed'}</span>;
}

/** A signed consent's PDF, for the client themself or staff allowed to read it. */
export const consentPdfHref = (slug: string, clientId: string, consentId: string) =>
  `/api/v1/clinics/${encodeURIComponent(slug)}/clients/${clientId}/consents/${consentId}/pdf`;

export function MyConsentsPage() {
  usePageTitle('Consent forms');
  return <RoleGate roles={['client']}>{(clinic) => <MyConsents clinic={clinic} />}</RoleGate>;
}

function MyConsents({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<{ items: MyConsent[] }>(`/clinics/${clinic.slug}/me/consents`);
  const location = useLocation();
  const signed = (location.state as { signed?: string } | null)?.signed;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Consent forms"
        description={<p>Before your first treatment of each kind, please read what it involves and sign the clinic’s consent form. You sign once; the clinic asks again only if it changes the form in a way that matters.</p>} />
      {signed && <Alert tone="success" className="mb-6">Thank you. Your signed {signed} consent form is saved.</Alert>}
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading your consent forms…" />}
      <ul className="flex flex-col gap-4" aria-label="Consent forms">
        {items.map((c) => (
          <li key={c.kind} className="card flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0">
              <h2 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-lg">{c.label}<ConsentBadge status={c.status} needed={c.needed} /></h2>
              <p className="muted mt-1">
                {c.signed
                  ? `You signed version ${c.signed.version} on ${formatDate(c.signed.signedAt)}.${c.status === 'sign_again' ? ` The clinic has changed the form since (version ${c.current.version}).` : ''}`
                  : c.needed ? 'You have a visit booked: please sign before you come.' : 'Sign this before your first visit of this kind.'}
              </p>
            </div>
            <div className="flex shrink-0 flex-wrap gap-2">
              {c.signed && clinic.clientId && (
                <a className="btn btn-ghost" href={consentPdfHref(clinic.slug, clinic.clientId, c.signed.id)} download>
                  <FileDown aria-hidden="true" className="size-5" />PDF<span className="sr-only"> of your signed {c.label} form</span>
                </a>
              )}
              {c.status !== 'signed' && (
                <Link className={`btn ${c.needed || c.status === 'sign_again' ? 'btn-primary' : 'btn-secondary'}`} to={`/app/consents/${c.kind}`}>
                  <PenLine aria-hidden="true" className="size-5" />Read and sign<span className="sr-only"> the {c.label} form</span>
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

export function SignConsentPage() {
  usePageTitle('Sign a consent form');
  return <RoleGate roles={['client']}>{(clinic) => <SignConsent clinic={clinic} />}</RoleGate>;
}

function SignConsent({ clinic }: { clinic: ClinicContext }) {
  const { kind = '' } = useParams();
  const navigate = useNavigate();
  const { session } = useSession();
  const list = useApi<{ items: MyConsent[] }>(`/clinics/${clinic.slug}/me/consents`);
  const form = list.data?.items.find((c) => c.kind === kind);
  const [typedName, setTypedName] = useState(session?.user?.name ?? '');
  const [agree, setAgree] = useState(false);
  const [signature, setSignature] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function sign(event: React.FormEvent) {
    event.preventDefault();
    if (!form) return;
    const found: Record<string, string> = {};
    if (!typedName.trim()) found.typedName = 'Type your full name';
    if (!agree) found.agree = 'Tick “I agree” to sign';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/me/consents`, {
        kind: form.kind, version: form.current.version, textHash: form.current.textHash, typedName: typedName.trim(), agree: true,
        ...(signature ? { signaturePng: signature } : {}),
      });
      navigate('/app/consents', { state: { signed: form.label.toLowerCase() } });
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setError(errorMessage(e));
      if (e instanceof ApiError && e.code === 'consent-text-changed') list.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="mb-4"><Link to="/app/consents" className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />All consent forms</Link></p>
      <PageHeader eyebrow={form ? `${form.label} · version ${form.current.version}` : 'Consent form'} title={form?.current.title ?? 'Consent form'} />
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading the form…" />}
      {list.data && !form && <Alert tone="error">We could not find that consent form.</Alert>}
      {form && (
        <div className="flex flex-col gap-6">
          {form.status === 'sign_again' && (
            <Alert tone="caution" title="The clinic has updated this form">
              You signed version {form.signed?.version} on {form.signed ? formatDate(form.signed.signedAt) : ''}. Please read the new version and sign again.
            </Alert>
          )}
          <section aria-label="The consent form’s text" className="panel">
            {/* Rendered and sanitised by the server from the clinic's Markdown. */}
            <div className="prose prose-compact" dangerouslySetInnerHTML={{ __html: form.current.html }} />
          </section>
          <form onSubmit={(e) => void sign(e)} noValidate className="panel flex flex-col gap-5" aria-labelledby="sign-heading">
            <h2 id="sign-heading" className="flex items-center gap-2 text-xl"><FileSignature aria-hidden="true" className="size-5 text-jade-700" />Sign</h2>
            {error && <Alert tone="error">{error}</Alert>}
            <TextField label="Your full name" autoComplete="name" value={typedName} maxLength={120} error={errors.typedName}
              onChange={(e) => setTypedName(e.target.value)} hint="Typing your name is your signature." />
            <SignaturePad onChange={setSignature} label="Draw your signature (optional)"
              hint="Use your finger, a pen or a mouse. If drawing is hard for you, your typed name and ticking “I agree” are enough." />
            <CheckboxField label={<>I agree: I have read this {form.label.toLowerCase()} consent form and consent to treatment.</>} checked={agree} error={errors.agree}
              onChange={(e) => { setAgree(e.target.checked); if (e.target.checked) setErrors(({ agree: _, ...rest }) => rest); }} />
            <p className="muted text-sm">We keep the exact text you read (version {form.current.version}) with today’s date and your signature. You can withdraw your consent at any time by telling the clinic.</p>
            <Button type="submit" pending={busy} className="self-start"><PenLine aria-hidden="true" className="size-5" />Sign the form</Button>
          </form>
        </div>
      )}
    </>
  );
}
