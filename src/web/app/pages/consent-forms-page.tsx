import { useEffect, useState } from 'react';
import { NavLink, useParams } from 'react-router';
import { Eye, FileText, History, Save } from 'lucide-react';
import type { TemplateKindSummary, TemplateVersion } from '../../../features/consent/consent.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../components/field.tsx';

/** The owner's consent texts: one form per kind of treatment, edited as new versions. */
export function ConsentFormsPage() {
  usePageTitle('Consent forms');
  return <RoleGate roles={['owner']}>{(clinic) => <ConsentForms clinic={clinic} />}</RoleGate>;
}

function ConsentForms({ clinic }: { clinic: ClinicContext }) {
  const { kind = 'facial' } = useParams();
  const list = useApi<{ items: TemplateKindSummary[] }>(`/clinics/${clinic.slug}/consent-templates`);
  const items = list.data?.items ?? [];
  const selected = items.find((i) => i.kind === kind) ?? items[0];
  // Kept here, not in the editor: saving makes a new version, and the editor starts afresh from it.
  const [saved, setSaved] = useState<{ kind: string; text: string }>();
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Consent forms"
        description={<p>Clients sign the form for a kind of treatment before their first visit of that kind. Each change is saved as a new version; tick “material change” when clients who signed before must sign again.</p>} />
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading the consent forms…" />}
      {items.length > 0 && (
        <nav aria-label="Consent forms" className="mb-6">
          <ul className="flex flex-wrap gap-2">
            {items.map((i) => (
              <li key={i.kind}>
                <NavLink to={`/app/consent-forms/${i.kind}`} aria-current={i.kind === selected?.kind ? 'page' : undefined}
                  className={`btn ${i.kind === selected?.kind ? 'btn-primary' : 'btn-secondary'}`}>
                  {i.label}<span className={`text-sm ${i.kind === selected?.kind ? 'text-white/85' : 'text-muted'}`}>v{i.current.version}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {saved && saved.kind === selected?.kind && <Alert tone="success" className="mb-6">{saved.text}</Alert>}
      {selected && <Editor key={`${selected.kind}-${selected.current.version}`} clinic={clinic} form={selected}
        onSaved={(text) => { setSaved({ kind: selected.kind, text }); list.reload(); }} />}
    </>
  );
}

function Editor({ clinic, form, onSaved }: { clinic: ClinicContext; form: TemplateKindSummary; onSaved: (text: string) => void }) {
  const [title, setTitle] = useState(form.current.title);
  const [body, setBody] = useState(form.current.body);
  const [material, setMaterial] = useState(false);
  const [preview, setPreview] = useState(form.current.html);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [viewing, setViewing] = useState<TemplateVersion>();

  // A live preview, rendered and sanitised by the server as clients will see it.
  useEffect(() => {
    const timer = setTimeout(() => {
      api.post<{ html: string }>(`/clinics/${clinic.slug}/consent-templates/preview`, { body }).then((r) => setPreview(r.html), () => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [body, clinic.slug]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setErrors({});
    try {
      const saved = await api.post<TemplateVersion>(`/clinics/${clinic.slug}/consent-templates/${form.kind}`, { title, body, material });
      onSaved(`Saved as version ${saved.version}.${saved.material ? ' Clients who signed an earlier version will be asked to sign again.' : ' Clients who signed before do not need to sign again.'}`);
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="flex min-w-0 flex-col gap-6">
        <form onSubmit={(e) => void save(e)} noValidate className="panel flex flex-col gap-5" aria-label={`Edit the ${form.label.toLowerCase()} consent form`}>
          <p className="muted">Version {form.current.version} is shown to clients. {form.signedCount === 1 ? '1 client has' : `${form.signedCount} clients have`} signed this form.</p>
          {error && <Alert tone="error">{error}</Alert>}
          <TextField label="Title" value={title} maxLength={200} error={errors.title} onChange={(e) => setTitle(e.target.value)} />
          <TextAreaField label="Text (Markdown)" rows={18} value={body} error={errors.body} onChange={(e) => setBody(e.target.value)}
            hint="## for a heading, **bold**, - for a list. Scripts, images and embedded frames are removed." />
          <CheckboxField label="Material change: clients who signed an earlier version must sign again" checked={material} onChange={(e) => setMaterial(e.target.checked)}
            hint="Tick this for changes to risks, what happens or what the client agrees to. Leave it for spelling and wording that does not change the meaning." />
          <Button type="submit" pending={busy} className="self-start"><Save aria-hidden="true" className="size-5" />Save as version {form.current.version + 1}</Button>
        </form>
        <section aria-labelledby="preview-heading" className="panel">
          <h2 id="preview-heading" className="flex items-center gap-2 text-xl"><Eye aria-hidden="true" className="size-5 text-jade-700" />Preview</h2>
          <p className="muted mt-1">As clients will see it.</p>
          <div className="prose prose-compact mt-4" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      </div>
      <aside aria-labelledby="versions-heading" className="panel self-start">
        <h2 id="versions-heading" className="flex items-center gap-2 text-lg"><History aria-hidden="true" className="size-5 text-jade-700" />Versions</h2>
        <ul className="mt-3 flex flex-col gap-3">
          {form.versions.map((v) => (
            <li key={v.version} className="flex flex-col gap-1 border-b border-line pb-3 last:border-0">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <FileText aria-hidden="true" className="size-4" />Version {v.version}
                {v.version === form.current.version && <span className="badge">Shown</span>}
                {v.version > 1 && (v.material ? <span className="badge badge-caution">Material</span> : <span className="badge badge-neutral">Minor</span>)}
              </p>
              <p className="muted text-sm">{formatDateTime(v.createdAt)} · {v.createdByName ?? 'Yintang’s default text'}</p>
              <Button variant="ghost" className="self-start" onClick={() => void api.get<TemplateVersion>(`/clinics/${clinic.slug}/consent-templates/${form.kind}/versions/${v.version}`).then(setViewing, (e: unknown) => setError(errorMessage(e)))}>
                Read<span className="sr-only"> version {v.version}</span>
              </Button>
            </li>
          ))}
        </ul>
        {viewing && (
          <div className="mt-4 border-t border-line pt-4">
            <p className="font-medium">Version {viewing.version}: {viewing.title}</p>
            <p className="muted break-all text-xs">SHA-256 {viewing.textHash}</p>
            <div className="prose prose-compact mt-3 max-h-96 overflow-y-auto text-sm" tabIndex={0} role="region" aria-label={`Version ${viewing.version} text`} dangerouslySetInnerHTML={{ __html: viewing.html }} />
            <Button variant="secondary" className="mt-3" onClick={() => { setBody(viewing.body); setTitle(viewing.title); }}>Start from this version</Button>
          </div>
        )}
      </aside>
    </div>
  );
}
